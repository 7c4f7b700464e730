import { ListenerSet } from './listeners';

export type NetworkType = 'wifi' | '2g' | '3g' | '4g' | '5g' | 'unknown' | 'none';

export interface NetworkStatus {
  isConnected: boolean;
  networkType: NetworkType;
}

/**
 * The phone's network. It belongs to the simulator (the world outside the app), so it survives
 * kill/relaunch; each app run subscribes its own listeners.
 */
export class NetworkState {
  private type: NetworkType = 'wifi';
  private onlineType: NetworkType = 'wifi';
  readonly changes = new ListenerSet<NetworkStatus>();

  get online(): boolean {
    return this.type !== 'none';
  }

  get status(): NetworkStatus {
    return { isConnected: this.online, networkType: this.type };
  }

  /** Goes offline ('none') or back online (the last online type); fires onNetworkStatusChange on a change. */
  setOnline(online: boolean): void {
    this.setType(online ? this.onlineType : 'none');
  }

  setType(type: NetworkType): void {
    if (type !== 'none') this.onlineType = type;
    if (type === this.type) return;
    this.type = type;
    this.changes.emit(this.status);
  }
}
