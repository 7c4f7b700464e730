/** Class rosters: the students a teacher expects, matched to Mini Program registrations by class and name. */

/** One roster line. `_id` is derived from the teacher and `rosterKey(className, name)`, so a re-import updates in place. */
export interface RosterEntryDoc {
  _id: string;
  teacherId: string;
  className: string;
  name: string;
  studentNumber?: string;
  /** An openid the teacher linked by hand to this entry (a registration whose name did not match). */
  linkedOpenid?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A student's progress on one assignment. */
export type ProgressStatus = 'missing' | 'submitted' | 'reviewed';

/** Class and name as typed by people: trimmed, width-folded (NFKC), inner spaces collapsed, case-folded. */
export function normalizeRosterText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function rosterKey(className: string, name: string): string {
  return `${normalizeRosterText(className)}\u0000${normalizeRosterText(name)}`;
}
