/**
 * /api/roster: import a class roster (the file itself as the request body: CSV in UTF-8 or GBK, or XLSX),
 * see it with the registrations that match no entry, and link such a registration to an entry by hand.
 */
import type { FastifyInstance } from 'fastify';
import { ok } from '../../../typings/errors';
import { teacherOf } from '../auth/plugin';
import { rosterOverview } from './overview';
import { parseRoster } from './parse-roster';
import { readRosterRows, type RosterEncoding } from './read-file';
import { importRoster, linkRegistration } from './store';
import { RosterEntryParams, RosterImportQuery, RosterLinkBody } from '../../../typings/schemas/admin';

/** A 2000-line roster as CSV or XLSX is well under this. */
export const ROSTER_FILE_LIMIT = 1024 * 1024;
export const ROSTER_CONTENT_TYPES = [
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

const importSchema = { querystring: RosterImportQuery };
const linkSchema = { params: RosterEntryParams, body: RosterLinkBody };

export function registerRosterRoutes(app: FastifyInstance): void {
  const db = () => app.admin.stores.db;
  app.addContentTypeParser(
    ROSTER_CONTENT_TYPES,
    { parseAs: 'buffer', bodyLimit: ROSTER_FILE_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.get('/api/roster', async (req) => {
    const { teacherId } = teacherOf(req);
    return ok(await rosterOverview(db(), teacherId));
  });

  app.post<{ Querystring: { encoding?: RosterEncoding }; Body: Buffer }>(
    '/api/roster',
    { schema: importSchema, bodyLimit: ROSTER_FILE_LIMIT },
    async (req) => {
      const { teacherId } = teacherOf(req);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // Read and check the whole file before writing anything.
      const lines = parseRoster(await readRosterRows(body, req.query.encoding));
      return ok(await importRoster(db(), teacherId, lines));
    },
  );

  app.put<{ Params: { entryId: string }; Body: { openid: string | null } }>(
    '/api/roster/entries/:entryId/link',
    { schema: linkSchema },
    async (req) => {
      const { teacherId } = teacherOf(req);
      return ok(await linkRegistration(db(), teacherId, req.params.entryId, req.body.openid));
    },
  );
}
