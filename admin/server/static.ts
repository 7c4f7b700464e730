/** Serves the built SPA (admin/web/dist): index.html for the admin, record.html for the browser recorder. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const DEFAULT_WEB_DIR = path.resolve(__dirname, '../web/dist');

export async function registerWebApp(app: FastifyInstance, webDir = DEFAULT_WEB_DIR): Promise<void> {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    app.log.warn(`no built admin page in ${webDir}; run "npm run build:web"`);
    return;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    // Hashed asset names never change content; the html entry points must always be fresh.
    setHeaders(res, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
