/**
 * One logger for every process (cloud functions, the emulator's function children, the admin server,
 * npm start): pino, JSON lines on stdout, level from LOG_LEVEL (`debug`, `info`, `warn`, `error`,
 * `silent`). Secrets, passwords, tokens and cookies are redacted wherever they appear in the fields.
 */
import pino from 'pino';

/** Field paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  'secret',
  'secretId',
  'secretKey',
  'token',
  'ticket',
  'cookie',
  'authorization',
  '*.password',
  '*.secret',
  '*.secretId',
  '*.secretKey',
  '*.token',
  '*.ticket',
  '*.cookie',
  '*.authorization',
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

const LEVELS = new Set(['debug', 'info', 'warn', 'error', 'silent']);

let root: pino.Logger | undefined;

/** The process's one pino instance; the admin server hands a child of it to Fastify. */
export function rootLogger(): pino.Logger {
  if (!root) {
    const wanted = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
    root = pino({
      level: LEVELS.has(wanted) ? wanted : 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    });
  }
  return root;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(scope: string): Logger {
  const log = rootLogger().child({ scope });
  return {
    debug: (message, fields = {}) => log.debug(fields, message),
    info: (message, fields = {}) => log.info(fields, message),
    warn: (message, fields = {}) => log.warn(fields, message),
    error: (message, fields = {}) => log.error(fields, message),
  };
}
