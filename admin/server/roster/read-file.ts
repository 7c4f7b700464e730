/**
 * A roster file as rows of cell text: CSV (UTF-8, with or without BOM, or GBK as Excel on Chinese Windows
 * saves it) through csv-parse, XLSX through exceljs. Old binary .xls is refused with a clear message.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError, ErrorCode } from '../../../typings/errors';

export type RosterEncoding = 'utf-8' | 'gbk';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** UTF-8 when the bytes are valid UTF-8 (GBK text almost never is), else GBK; `encoding` forces one. */
export function decodeText(bytes: Buffer, encoding?: RosterEncoding): string {
  if (encoding === 'gbk') return iconv.decode(bytes, 'gbk');
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    if (encoding === 'utf-8') throw new AppError(ErrorCode.INVALID_ARGUMENT, 'the file is not valid UTF-8');
    return iconv.decode(bytes, 'gbk');
  }
}

function csvRows(text: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `the CSV cannot be read: ${(err as Error).message}`);
  }
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `the XLSX cannot be read: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(ErrorCode.INVALID_ARGUMENT, 'the XLSX has no worksheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    // Column 1..n; `text` renders numbers, dates and rich text the way Excel shows them.
    for (let col = 1; col <= row.cellCount; col += 1) cells.push(row.getCell(col).text.trim());
    if (cells.some(Boolean)) rows.push(cells);
  });
  return rows;
}

export async function readRosterRows(bytes: Buffer, encoding?: RosterEncoding): Promise<string[][]> {
  if (bytes.length === 0) throw new AppError(ErrorCode.INVALID_ARGUMENT, 'the roster file is empty');
  if (bytes.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'old .xls files are not supported: save as .xlsx or CSV');
  }
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return xlsxRows(bytes);
  return csvRows(decodeText(bytes, encoding));
}
