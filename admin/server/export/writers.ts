/** The score table as bytes: CSV (UTF-8 with a BOM, so Excel reads Chinese) and XLSX (exceljs). */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { formatExportTime, type Cell, type ScoreTable } from './score-table';

const UTF8_BOM = '\uFEFF';

/** A text cell Excel would run as a formula (=, +, -, @, tab, CR) is prefixed with ' (OWASP CSV injection). */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(cell: Cell): string | number {
  if (cell === null) return '';
  if (cell instanceof Date) return formatExportTime(cell);
  return typeof cell === 'string' ? safeText(cell) : cell;
}

export function scoreCsv(table: ScoreTable): Buffer {
  const text = stringify([table.headers, ...table.rows.map((row) => row.map(csvCell))], {
    record_delimiter: '\r\n',
  });
  return Buffer.from(UTF8_BOM + text, 'utf8');
}

export async function scoreXlsx(table: ScoreTable, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'scores');
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(row.map((cell) => (cell instanceof Date ? formatExportTime(cell) : cell)));
  sheet.columns.forEach((column, i) => (column.width = i === 7 ? 40 : 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
