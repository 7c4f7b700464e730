/** GET /api/assignments/:id/progress and the score exports `scores.csv` / `scores.xlsx`. */
import type { FastifyInstance } from 'fastify';
import { ok } from '../../../typings/errors';
import { teacherOf } from '../auth/plugin';
import contentDisposition from 'content-disposition';
import { scoreTable, type ExportLanguage } from '../export/score-table';
import { scoreCsv, scoreXlsx } from '../export/writers';
import { assignmentProgress } from './progress';
import { IdParams, ProgressQuery } from '../../../typings/schemas/admin';

interface ProgressRoute {
  Params: { id: string };
  Querystring: { class?: string; lang?: ExportLanguage };
}

const schema = { params: IdParams, querystring: ProgressQuery };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerProgressRoutes(app: FastifyInstance): void {
  const db = () => app.admin.stores.db;

  app.get<ProgressRoute>('/api/assignments/:id/progress', { schema }, async (req) => {
    const { teacherId } = teacherOf(req);
    return ok(await assignmentProgress(db(), teacherId, req.params.id, req.query.class));
  });

  app.get<ProgressRoute>('/api/assignments/:id/scores.csv', { schema }, async (req, reply) => {
    const { teacherId } = teacherOf(req);
    const progress = await assignmentProgress(db(), teacherId, req.params.id, req.query.class);
    const csv = scoreCsv(scoreTable(progress, req.query.lang ?? 'zh'));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`${progress.assignment.title}-scores.csv`))
      .send(csv);
  });

  app.get<ProgressRoute>('/api/assignments/:id/scores.xlsx', { schema }, async (req, reply) => {
    const { teacherId } = teacherOf(req);
    const progress = await assignmentProgress(db(), teacherId, req.params.id, req.query.class);
    const xlsx = await scoreXlsx(scoreTable(progress, req.query.lang ?? 'zh'), progress.assignment.title);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', contentDisposition(`${progress.assignment.title}-scores.xlsx`))
      .send(xlsx);
  });
}
