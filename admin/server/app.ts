/**
 * The teacher admin server. Stateless: sessions, login counters and share-link revocations all live in
 * the database, so any number of instances can serve behind a load balancer.
 */
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAssignmentRoutes } from './assignments/routes';
import { registerAuthRoutes } from './auth/routes';
import { getTeacherFromRequest } from './auth/session';
import { registerBrowserRecorder } from './browser-recorder';
import { toContext, type AdminServerOptions } from './context';
import { installErrorHandler } from './http/errors';
import { registerProgressRoutes } from './progress/routes';
import { registerDeleteRoutes } from './recordings/delete-routes';
import { registerRecordingRoutes } from './recordings/routes';
import { registerRosterRoutes } from './roster/routes';
import { registerSecurityHeaders } from './security-headers';
import { registerShareRoutes } from './share/routes';
import { registerWebApp } from './static';

export type { AdminServerOptions } from './context';

export async function buildAdminServer(options: AdminServerOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    logger: options.log ?? false,
    // Only behind a known proxy may X-Forwarded-For decide req.ip (the login limiter keys on it).
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // Share tokens (signed payload + HMAC) are ~150 characters, over Fastify's default of 100.
    routerOptions: { maxParamLength: 512 },
  };
  const app = Fastify(serverOptions);
  app.decorate('admin', toContext(options));
  await app.register(fastifyCookie);
  installErrorHandler(app);
  registerSecurityHeaders(app);
  registerAuthRoutes(app);
  registerAssignmentRoutes(app);
  registerRecordingRoutes(app);
  registerDeleteRoutes(app);
  registerShareRoutes(app);
  registerRosterRoutes(app);
  registerProgressRoutes(app);
  await registerBrowserRecorder(app, {
    cloud: options.cloud,
    dataDir: options.dataDir,
    getTeacher: getTeacherFromRequest,
  });
  await registerWebApp(app, options.webDir);
  return app;
}
