/**
 * A cap on request-body bytes held at once across all requests. Each route caps one body
 * (`bodyLimitBytes`), but sixteen 60 MB bodies at once would still take the process past a gigabyte.
 * A request reserves its declared Content-Length (or the per-body limit when it streams without one)
 * before anything reads it, and gives it back when its answer is done; one that does not fit is refused
 * at once with 503, before its body is read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyBudget {
  private used = 0;

  constructor(
    readonly capacity: number,
    private readonly perBodyLimit: number,
  ) {}

  get inFlight(): number {
    return this.used;
  }

  /** Reserves room for this request's body; false when there is none. Released when the response closes. */
  reserve(req: IncomingMessage, res: ServerResponse): boolean {
    const bytes = declaredBytes(req, this.perBodyLimit);
    if (bytes === 0) return true;
    if (this.used + bytes > this.capacity) return false;
    this.used += bytes;
    res.once('close', () => {
      this.used -= bytes;
    });
    return true;
  }
}

function declaredBytes(req: IncomingMessage, perBodyLimit: number): number {
  const length = req.headers['content-length'];
  if (length !== undefined) return Math.min(Number(length) || 0, perBodyLimit);
  return req.headers['transfer-encoding'] ? perBodyLimit : 0;
}
