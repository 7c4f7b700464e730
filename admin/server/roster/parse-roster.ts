/**
 * Roster rows to entries: a header row names the columns (English or Chinese), every row needs a class and
 * a name, and two rows with the same class and name are refused, because registrations are matched by
 * exactly that pair and a duplicate could never be told apart.
 */
import { AppError, ErrorCode } from '../../../typings/errors';
import { normalizeRosterText, rosterKey } from '../../../typings/roster';

export const MAX_ROSTER_ROWS = 2000;

export interface RosterLine {
  className: string;
  name: string;
  studentNumber?: string;
}

const HEADERS = {
  className: ['class', 'class name', 'classname', '班级', '班别', '班级名称'],
  name: ['name', 'student name', 'student', '姓名', '名字', '学生姓名'],
  studentNumber: ['student number', 'student no', 'student no.', 'number', 'no', 'no.', 'id', '学号', '编号'],
} as const;
type Column = keyof typeof HEADERS;

function columnIndexes(header: string[]): Record<Column, number> {
  const find = (column: Column) =>
    header.findIndex((cell) => (HEADERS[column] as readonly string[]).includes(normalizeRosterText(cell)));
  const found = { className: find('className'), name: find('name'), studentNumber: find('studentNumber') };
  if (found.className < 0 || found.name < 0) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      'the first row must name the columns: class (班级), name (姓名) and optionally student number (学号)',
    );
  }
  return found;
}

function lineOf(cells: string[], at: Record<Column, number>, rowNumber: number): RosterLine {
  const className = (cells[at.className] ?? '').trim();
  const name = (cells[at.name] ?? '').trim();
  if (!className || !name) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `row ${rowNumber} needs both a class and a name`);
  }
  if (className.length > 40 || name.length > 40) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `row ${rowNumber}: class and name are at most 40 characters`,
    );
  }
  const studentNumber = at.studentNumber >= 0 ? (cells[at.studentNumber] ?? '').trim().slice(0, 40) : '';
  return { className, name, ...(studentNumber ? { studentNumber } : {}) };
}

function refuseDuplicates(lines: Array<RosterLine & { row: number }>): void {
  const firstRow = new Map<string, number>();
  const clashes: string[] = [];
  for (const line of lines) {
    const key = rosterKey(line.className, line.name);
    const earlier = firstRow.get(key);
    if (earlier === undefined) firstRow.set(key, line.row);
    else clashes.push(`${line.className} ${line.name} (rows ${earlier} and ${line.row})`);
  }
  if (clashes.length > 0) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `duplicate names in the same class cannot be matched to registrations; make them distinct: ${clashes.join('; ')}`,
    );
  }
}

export function parseRoster(rows: string[][]): RosterLine[] {
  const [header, ...body] = rows;
  if (!header || body.length === 0) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      'the roster has no students (a header row, then one row each)',
    );
  }
  if (body.length > MAX_ROSTER_ROWS) {
    throw new AppError(ErrorCode.TOO_LARGE, `a roster holds at most ${MAX_ROSTER_ROWS} students`);
  }
  const at = columnIndexes(header);
  const lines = body.map((cells, i) => ({ ...lineOf(cells, at, i + 2), row: i + 2 }));
  refuseDuplicates(lines);
  return lines.map(({ row: _row, ...line }) => line);
}
