import { ForwardingBackend, type CloudBackend } from '../simulator';
import type { ErrorBody } from '../typings/errors';

/** A cloud function that answers one error envelope until `end()`; everything else reaches the real backend. */
export interface FunctionOutage {
  backend: CloudBackend;
  end(): void;
}

/** The real backend (ForwardingBackend), except `callFunction` of the one function while it is down. */
class OutageBackend extends ForwardingBackend {
  down = true;

  constructor(
    real: CloudBackend,
    private readonly name: string,
    private readonly error: ErrorBody,
  ) {
    super(() => real);
  }

  override async callFunction(args: Parameters<CloudBackend['callFunction']>[0]) {
    if (this.down && args.name === this.name)
      return { result: { ok: false, error: this.error }, requestId: `outage-${this.name}` };
    return super.callFunction(args);
  }
}

/**
 * The server side of "a finalize that fails for good": the function runs and answers a non-retryable
 * error (as an unexpected failure becomes a final INTERNAL), so the phone's queue stops retrying by itself
 * and only the student's retry button goes again. Bind it with `sim.setCloud({backend, …})`.
 */
export function functionOutage(
  real: CloudBackend,
  name: string,
  error: ErrorBody = { code: 'INTERNAL', message: 'database down', retryable: false },
): FunctionOutage {
  const backend = new OutageBackend(real, name, error);
  return { backend, end: () => (backend.down = false) };
}
