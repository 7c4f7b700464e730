import type { AccessState } from '../access/access-state';
import type { CloudBinding } from '../cloud/wx-cloud';
import type { CloudFaults } from '../cloud/cloud-faults';
import type { NetworkState } from '../core/network-state';
import type { SavedFiles } from '../fs/saved-files';
import type { VirtualFs } from '../fs/virtual-fs';
import type { RecorderSimSettings } from '../recorder/recorder-settings';
import type { StorageArea } from '../storage/storage-area';
import type { UiLog } from '../ui/ui-api';

/** Everything that outlives one app run: the phone's storage, files, network and the cloud. */
export interface SharedWorld {
  storage: StorageArea;
  vfs: VirtualFs;
  saved: SavedFiles;
  network: NetworkState;
  faults: CloudFaults;
  cloud: () => CloudBinding | null;
  ui: UiLog;
  recorder: RecorderSimSettings;
  /** The privacy agreement and scope authorizations: WeChat keeps them across runs. */
  access: AccessState;
  /** Sources the app played through InnerAudioContext, in order. */
  audioPlayed: string[];
  /** Where each of those started, in seconds (InnerAudioContext.startTime). */
  audioPlayedFrom: number[];
  /** Errors thrown by app or page code (reported to App.onError), across runs. */
  appErrors: string[];
}
