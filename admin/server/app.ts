/**
 * The teacher admin server. Stateless: sessions, login counters and share-link revocations all live in
 * the database, so any number of instances can serve behind a load balancer.
 */
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAssignmentRoutes } from './assignments/routes';
import { registerAuthRoutes } from './auth/routes';
import { getTeacherFromRequest } from './auth/session';
import { registerBrowserRecorder } from './browser-recorder';
import { toContext, type AdminServerOptions } from './context';
import { installErrorHandler } from './http/errors';
import { registerRecordingRoutes } from './recordings/routes';
import { registerSecurityHeaders } from './security-headers';
import { registerShareRoutes } from './share/routes';
import { registerWebApp } from './static';

export type { AdminServerOptions } from './context';

export async function buildAdminServer(options: AdminServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.log ?? false, trustProxy: true, bodyLimit: 64 * 1024 });
  app.decorate('admin', toContext(options));
  await app.register(fastifyCookie);
  installErrorHandler(app);
  registerSecurityHeaders(app);
  registerAuthRoutes(app);
  registerAssignmentRoutes(app);
  registerRecordingRoutes(app);
  registerShareRoutes(app);
  await registerBrowserRecorder(app, {
    cloud: options.cloud,
    dataDir: options.dataDir,
    getTeacher: getTeacherFromRequest,
  });
  await registerWebApp(app, options.webDir);
  return app;
}
