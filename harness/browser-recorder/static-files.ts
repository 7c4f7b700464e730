/**
 * Serves a built web dir (the Vite output) for tests. @fastify/static (what the admin server uses) pulls in
 * ESM-only modules that jest's CommonJS runtime cannot load, so tests use this small reader instead.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function serveWebDir(app: FastifyInstance, webDir: string): void {
  const root = path.resolve(webDir);
  app.get('/*', async (req, reply) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.resolve(root, `.${urlPath === '/' ? '/index.html' : urlPath}`);
    if (!file.startsWith(root + path.sep)) return reply.status(404).send('not found');
    try {
      const body = await readFile(file);
      return reply.type(TYPES[path.extname(file)] ?? 'application/octet-stream').send(body);
    } catch {
      return reply.status(404).send('not found');
    }
  });
}
