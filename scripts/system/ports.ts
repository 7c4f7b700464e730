/** A busy port is the most common first-run failure; say which and how to choose another. */
import net from 'node:net';

export class PortBusyError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly variable: string,
  ) {
    super(
      `port ${port} for the ${what} is already in use: stop whatever uses it, or run with ${variable}=<another port>`,
    );
  }
}

export function assertPortFree(port: number, host: string, what: string, variable: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortBusyError(port, what, variable) : err),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export function portFrom(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable} must be a port number from 0 to 65535, got "${value}"`);
  }
  return port;
}
