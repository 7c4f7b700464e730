/**
 * Registrations (the `students` a Mini Program user saved: name and class) matched to roster entries:
 * a link the teacher made by hand wins; otherwise class and name must match after normalization (width,
 * spaces, case). Whatever matches nothing is returned as unmatched, for the teacher to resolve.
 */
import type { StudentDoc } from '../../../typings/documents';
import { rosterKey, type RosterEntryDoc } from '../../../typings/roster';

export interface Registration {
  openid: string;
  /** Missing when the openid never saved a profile (it submitted without registering). */
  student?: StudentDoc;
}

export interface MatchResult {
  entryByOpenid: Map<string, RosterEntryDoc>;
  unmatched: Registration[];
}

export function matchRegistrations(entries: RosterEntryDoc[], registrations: Registration[]): MatchResult {
  const byLink = new Map<string, RosterEntryDoc>();
  const byKey = new Map<string, RosterEntryDoc>();
  for (const entry of entries) {
    if (entry.linkedOpenid) byLink.set(entry.linkedOpenid, entry);
    byKey.set(rosterKey(entry.className, entry.name), entry);
  }
  const entryByOpenid = new Map<string, RosterEntryDoc>();
  const unmatched: Registration[] = [];
  for (const reg of registrations) {
    const s = reg.student;
    const entry = byLink.get(reg.openid) ?? (s ? byKey.get(rosterKey(s.className, s.name)) : undefined);
    if (entry) entryByOpenid.set(reg.openid, entry);
    else unmatched.push(reg);
  }
  return { entryByOpenid, unmatched };
}
