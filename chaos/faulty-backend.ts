/**
 * wx.cloud's backend for chaos runs: the real EmulatorClient, plus a hook that sees every call the
 * moment it leaves the phone, so server faults (an instance killed, the emulator killed) can be timed
 * to land in the middle of a particular call.
 */
import type { CloudBackend } from '../simulator';

export type CallWatcher = (name: string) => void;

export class WatchedBackend implements CloudBackend {
  private readonly watchers = new Set<CallWatcher>();

  constructor(private readonly inner: () => CloudBackend) {}

  /** `watcher` hears the name of every function call as it is sent; returns the unsubscribe. */
  onCall(watcher: CallWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  uploadFile(args: Parameters<CloudBackend['uploadFile']>[0]) {
    return this.inner().uploadFile(args);
  }

  callFunction(args: Parameters<CloudBackend['callFunction']>[0]) {
    for (const watcher of [...this.watchers]) watcher(args.name);
    return this.inner().callFunction(args);
  }

  getTempFileURL(args: Parameters<CloudBackend['getTempFileURL']>[0]) {
    return this.inner().getTempFileURL(args);
  }

  downloadFile(args: Parameters<CloudBackend['downloadFile']>[0]) {
    return this.inner().downloadFile(args);
  }

  deleteFile(args: Parameters<CloudBackend['deleteFile']>[0]) {
    return this.inner().deleteFile(args);
  }
}
