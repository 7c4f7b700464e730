import type { NetworkPort } from './port';

/** Tracks whether the phone is online and wakes listeners when it comes back. */
export class NetworkWatch {
  private online = true;
  private changeSeen = false;
  private readonly onlineListeners = new Set<() => void>();

  constructor(network: NetworkPort) {
    network.onChange((online) => {
      this.changeSeen = true;
      this.set(online);
    });
    // The initial query answers late; a change event that came first is newer and wins.
    network.isOnline().then(
      (online) => {
        if (!this.changeSeen) this.set(online);
      },
      () => undefined,
    );
  }

  get isOnline(): boolean {
    return this.online;
  }

  onOnline(listener: () => void): void {
    this.onlineListeners.add(listener);
  }

  private set(online: boolean): void {
    const cameBack = online && !this.online;
    this.online = online;
    if (cameBack) for (const listener of [...this.onlineListeners]) listener();
  }
}
