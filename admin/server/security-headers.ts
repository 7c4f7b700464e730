/**
 * Security headers through @fastify/helmet: a Content-Security-Policy that lets the page load only its own
 * scripts, styles, media and sockets; HSTS when cookies are secure (the server is behind HTTPS); no
 * framing; no sniffing. Helmet has no Permissions-Policy, so that one is added here: only the browser
 * recorder's own origin may use the camera and microphone.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const PERMISSIONS_POLICY =
  'camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), display-capture=()';

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  // blob: for the recorder's AudioWorklet, which the page builds as a Blob URL (admin/web/record/pcm-worklet.ts).
  scriptSrc: ["'self'", 'blob:'],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

export async function registerSecurityHeaders(app: FastifyInstance, secureCookies: boolean): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Only over HTTPS: HSTS from a plain-HTTP laptop server would be ignored, or worse, pin localhost.
    strictTransportSecurity: secureCookies ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // The recorder page opens camera and microphone only for itself; nothing here needs cross-origin isolation.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_req, reply) => {
    void reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}
