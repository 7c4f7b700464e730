import type { CloudBackend } from '../simulator';
import type { ErrorBody } from '../typings/errors';

/** A cloud function that answers one error envelope until `end()`; everything else reaches the real backend. */
export interface FunctionOutage {
  backend: CloudBackend;
  end(): void;
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
  let down = true;
  const backend: CloudBackend = {
    uploadFile: (args) => real.uploadFile(args),
    getTempFileURL: (args) => real.getTempFileURL(args),
    downloadFile: (args) => real.downloadFile(args),
    deleteFile: (args) => real.deleteFile(args),
    callFunction: async (args) =>
      down && args.name === name
        ? { result: { ok: false, error }, requestId: `outage-${name}` }
        : real.callFunction(args),
  };
  return { backend, end: () => (down = false) };
}
