/** Students by openid for one page of rows: a single `in` query, never one query per row. */
import type { StudentDoc } from '../../../typings/documents';
import type { DocStore } from '../../../pipeline/store/types';
import { ADMIN_COLLECTIONS } from './collections';

export async function studentsById(db: DocStore, openids: string[]): Promise<Map<string, StudentDoc>> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return new Map();
  const rows = await db.find<StudentDoc>(
    ADMIN_COLLECTIONS.students,
    { _id: db.cmd.in(unique) },
    { limit: unique.length },
  );
  return new Map(rows.map((s) => [s._id, s]));
}
