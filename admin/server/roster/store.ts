/**
 * The teacher's roster documents. An import replaces the classes it names: entries keep their id (derived
 * from teacher, class and name) and any link the teacher made by hand; entries of those classes missing
 * from the new file are removed; other classes are left alone.
 */
import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../../../typings/errors';
import { rosterKey, type RosterEntryDoc } from '../../../typings/roster';
import type { DocStore } from '../../../pipeline/store/types';
import { ADMIN_COLLECTIONS } from '../store/collections';
import type { RosterLine } from './parse-roster';

export function rosterEntryId(teacherId: string, className: string, name: string): string {
  const digest = createHash('sha256').update(`${teacherId}\u0000${rosterKey(className, name)}`);
  return `r_${digest.digest('base64url').slice(0, 32)}`;
}

/** Class, then student number (numeric-aware: 2 before 10), then name, as a teacher reads a roster. */
function byClassNumberName(a: RosterEntryDoc, b: RosterEntryDoc): number {
  const options = { numeric: true } as const;
  return (
    a.className.localeCompare(b.className, 'zh-CN', options) ||
    (a.studentNumber ?? '').localeCompare(b.studentNumber ?? '', 'zh-CN', options) ||
    a.name.localeCompare(b.name, 'zh-CN')
  );
}

/** The teacher's roster in reading order. */
export async function listRoster(db: DocStore, teacherId: string): Promise<RosterEntryDoc[]> {
  const entries = await db.findAll<RosterEntryDoc>(ADMIN_COLLECTIONS.rosterEntries, { teacherId });
  return entries.sort(byClassNumberName);
}

export interface ImportResult {
  classes: string[];
  imported: number;
  removed: number;
}

export async function importRoster(
  db: DocStore,
  teacherId: string,
  lines: RosterLine[],
): Promise<ImportResult> {
  const existing = new Map((await listRoster(db, teacherId)).map((e) => [e._id, e]));
  const classes = [...new Set(lines.map((l) => l.className))];
  const now = new Date();
  const keep = new Set<string>();
  for (const line of lines) {
    const id = rosterEntryId(teacherId, line.className, line.name);
    const before = existing.get(id);
    keep.add(id);
    const doc: RosterEntryDoc = {
      _id: id,
      teacherId,
      ...line,
      ...(before?.linkedOpenid ? { linkedOpenid: before.linkedOpenid } : {}),
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await db.replace(ADMIN_COLLECTIONS.rosterEntries, id, doc);
  }
  const classKeys = new Set(classes.map((c) => rosterKey(c, '')));
  const stale = [...existing.values()].filter(
    (e) => classKeys.has(rosterKey(e.className, '')) && !keep.has(e._id),
  );
  for (const entry of stale) await db.remove(ADMIN_COLLECTIONS.rosterEntries, entry._id);
  return { classes, imported: lines.length, removed: stale.length };
}

async function ownEntry(db: DocStore, teacherId: string, entryId: string): Promise<RosterEntryDoc> {
  const entry = await db.get<RosterEntryDoc>(ADMIN_COLLECTIONS.rosterEntries, entryId);
  if (!entry || entry.teacherId !== teacherId) {
    throw new AppError(ErrorCode.NOT_FOUND, `no roster entry ${entryId}`);
  }
  return entry;
}

/** The teacher resolves a flagged registration: this openid is that roster student. */
export async function linkRegistration(
  db: DocStore,
  teacherId: string,
  entryId: string,
  openid: string | null,
): Promise<RosterEntryDoc> {
  await ownEntry(db, teacherId, entryId);
  if (openid !== null) {
    // One registration is one roster student: a new link replaces any earlier one.
    const earlier = await db.findAll<RosterEntryDoc>(ADMIN_COLLECTIONS.rosterEntries, {
      teacherId,
      linkedOpenid: openid,
    });
    for (const entry of earlier.filter((e) => e._id !== entryId)) {
      await db.update(ADMIN_COLLECTIONS.rosterEntries, entry._id, { linkedOpenid: db.cmd.remove() });
    }
  }
  await db.update(ADMIN_COLLECTIONS.rosterEntries, entryId, {
    linkedOpenid: openid === null ? db.cmd.remove() : openid,
    updatedAt: new Date(),
  });
  return ownEntry(db, teacherId, entryId);
}
