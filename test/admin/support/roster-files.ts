/** Roster files as teachers make them (UTF-8 CSV with BOM, GBK CSV from Excel, XLSX) and their upload. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { AdminClient, ApiResult } from '../../../harness/admin/http-client';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function csvText(rows: string[][]): string {
  return rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}

export function utf8Csv(rows: string[][]): Buffer {
  return Buffer.from('\uFEFF' + csvText(rows), 'utf8');
}

export function gbkCsv(rows: string[][]): Buffer {
  return iconv.encode(csvText(rows), 'gbk');
}

export async function xlsxFile(rows: Array<Array<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows of the first worksheet of an XLSX, as cell text. */
export async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    const cells: string[] = [];
    for (let col = 1; col <= row.cellCount; col += 1) cells.push(row.getCell(col).text);
    rows.push(cells);
  });
  return rows;
}

export function uploadRoster(
  client: AdminClient,
  bytes: Buffer,
  contentType = 'text/csv',
  query = '',
): Promise<ApiResult<{ imported: number; removed: number; classes: string[] }>> {
  return client.upload(`/api/roster${query}`, bytes, contentType);
}
