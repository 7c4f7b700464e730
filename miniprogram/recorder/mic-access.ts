import { RecorderError, messageOf } from './errors';
import type { AccessPort, MicPermission, PlatformFailure, PrivacyRequest } from './port';

/** Which gate kept the microphone shut, as the record page explains it. */
export type MicBlock = 'privacy-undeclared' | 'privacy-refused' | 'denied';

/** The id of the page's `<button open-type="agreePrivacyAuthorization">`: WeChat checks it was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'agree-privacy';

/**
 * Reads a platform failure by its errno and text, not its prefix: the same refusal arrives as
 * `authorize:fail …`, `operateRecorder:fail …` or `start:fail …` depending on the API and the report.
 */
export function micBlockOf(failure: unknown): MicBlock | undefined {
  const errno = (failure as Partial<PlatformFailure> | undefined)?.errno;
  const text = typeof failure === 'string' ? failure : messageOf(failure);
  if (errno === 112 || text.includes('not declared in the privacy agreement')) return 'privacy-undeclared';
  if (text.includes('privacy permission is not authorized')) return 'privacy-refused';
  if (/auth den(y|ied)/.test(text)) return 'denied';
  return undefined;
}

/** The microphone is shut by a gate the student (or the deployer) must open; nothing was started. */
export class MicBlockedError extends RecorderError {
  constructor(
    readonly block: MicBlock,
    message: string,
  ) {
    super('FORBIDDEN', message, false, `mic.${block}`);
  }
}

async function gated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const block = micBlockOf(err);
    throw block ? new MicBlockedError(block, messageOf(err)) : err;
  }
}

/**
 * The privacy agreement and `scope.record`, checked before a recording starts so a refusal never
 * holds the bus or leaves a half-started session. WeChat's wait for the agreement becomes a sheet
 * the page shows (`onSheet`); the student's answer goes back through agree/refuse.
 */
export class MicAccess {
  private pending: PrivacyRequest[] = [];
  private readonly sheetListeners = new Set<(open: boolean) => void>();

  constructor(private readonly port: AccessPort | undefined) {
    port?.onPrivacyNeeded((request) => {
      this.pending.push(request);
      this.emit(true);
    });
  }

  get sheetOpen(): boolean {
    return this.pending.length > 0;
  }

  onSheet(listener: (open: boolean) => void): () => void {
    this.sheetListeners.add(listener);
    return () => this.sheetListeners.delete(listener);
  }

  /** After the agree button's `bindagreeprivacyauthorization`: every waiting privacy call goes on. */
  agreePrivacy(): void {
    this.answer((request) => request.agree(PRIVACY_AGREE_BUTTON_ID));
  }

  refusePrivacy(): void {
    this.answer((request) => request.disagree());
  }

  openPrivacyContract(): Promise<void> {
    return this.port ? this.port.openPrivacyContract() : Promise.resolve();
  }

  /** Resolves when the microphone may be used; throws MicBlockedError naming the gate that refused. */
  async ensure(): Promise<void> {
    const port = this.port;
    if (!port) return;
    await gated(() => port.requirePrivacy());
    const permission = await gated(() => port.micPermission());
    if (permission === 'denied') throw new MicBlockedError('denied', 'scope.record is turned off');
    if (permission === 'unasked') await gated(() => port.authorizeMic());
  }

  /** WeChat's settings page (call it from a tap); resolves with the permission as the student left it. */
  openSettings(): Promise<MicPermission> {
    const port = this.port;
    return port ? gated(() => port.openSettings()) : Promise.resolve('granted');
  }

  private answer(reply: (request: PrivacyRequest) => void): void {
    const requests = this.pending;
    this.pending = [];
    this.emit(false);
    requests.forEach(reply);
  }

  private emit(open: boolean): void {
    for (const listener of [...this.sheetListeners]) listener(open);
  }
}
