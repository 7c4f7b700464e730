/**
 * wx.cloud's backend for chaos runs: the real EmulatorClient, plus a hook that sees every call the
 * moment it leaves the phone, so server faults (an instance killed, the emulator killed) can be timed
 * to land in the middle of a particular call.
 */
import { ForwardingBackend, type CloudBackend } from '../simulator';

export type CallWatcher = (name: string) => void;

/** Every method passes through (ForwardingBackend); only `callFunction` is watched on its way out. */
export class WatchedBackend extends ForwardingBackend {
  private readonly watchers = new Set<CallWatcher>();

  /** `watcher` hears the name of every function call as it is sent; returns the unsubscribe. */
  onCall(watcher: CallWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  override callFunction(args: Parameters<CloudBackend['callFunction']>[0]) {
    for (const watcher of [...this.watchers]) watcher(args.name);
    return super.callFunction(args);
  }
}
