/**
 * The teacher admin server. Stateless: sessions, login counters, share-link revocations and recorder
 * tickets all live in the database, so any number of instances can serve behind a load balancer.
 *
 * Routes live in two sibling scopes (auth/plugin.ts): TEACHER_ROUTES, authenticated by one onRequest hook,
 * and PUBLIC_ROUTES. A new teacher route goes into TEACHER_ROUTES; nothing is public unless listed in
 * PUBLIC_ROUTES (test/admin/route-auth.test.ts walks every route without credentials).
 */
import { createHmac } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAssignmentRoutes } from './assignments/routes';
import { registerScopes, type RouteRegistrar } from './auth/plugin';
import { registerLoginRoute, registerSessionRoutes } from './auth/routes';
import { getTeacherFromRequest } from './auth/session';
import { registerBrowserRecorder } from './browser-recorder';
import { toContext, type AdminServerOptions } from './context';
import { installErrorHandler } from './http/errors';
import { recordRoutes } from './http/route-list';
import { serverOptions } from './http/server-options';
import { registerProgressRoutes } from './progress/routes';
import { registerDeleteRoutes } from './recordings/delete-routes';
import { registerRecordingRoutes } from './recordings/routes';
import { registerRosterRoutes } from './roster/routes';
import { registerSecurityHeaders } from './security-headers';
import { registerPublicShareRoutes, registerShareAdminRoutes } from './share/routes';
import { registerWebApp } from './static';

export type { AdminServerOptions } from './context';

/** Every route that needs a signed-in teacher (and, for writes, the CSRF header). */
const TEACHER_ROUTES: RouteRegistrar[] = [
  registerSessionRoutes,
  registerAssignmentRoutes,
  registerRecordingRoutes,
  registerDeleteRoutes,
  registerShareAdminRoutes,
  registerRosterRoutes,
  registerProgressRoutes,
];

function publicRoutes(options: AdminServerOptions): RouteRegistrar[] {
  return [
    registerLoginRoute,
    registerPublicShareRoutes,
    (scope) =>
      registerBrowserRecorder(scope, {
        cloud: options.cloud,
        dataDir: options.dataDir,
        getTeacher: getTeacherFromRequest,
        secureCookies: options.secureCookies ?? false,
        ...(options.recorderAutoSealMs ? { autoSealMs: options.recorderAutoSealMs } : {}),
      }),
    (scope) => registerWebApp(scope, options.webDir),
  ];
}

/** The key @fastify/cookie signs cookies with, derived from the configured (shared) session secret. */
function cookieSigningKey(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('cookie-signing').digest('base64url');
}

export async function buildAdminServer(options: AdminServerOptions): Promise<FastifyInstance> {
  const app = Fastify(serverOptions(options));
  app.decorate('admin', toContext(options));
  recordRoutes(app);
  await app.register(fastifyCookie, { secret: cookieSigningKey(options.sessionSecret) });
  installErrorHandler(app);
  await registerSecurityHeaders(app, options.secureCookies ?? false);
  await registerScopes(app, { teacher: TEACHER_ROUTES, public: publicRoutes(options) });
  return app;
}
