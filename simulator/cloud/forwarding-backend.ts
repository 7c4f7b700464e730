import type { CloudBackend } from './cloud-backend';

/**
 * A backend that hands every call to another one. Stand-ins that change one thing (a function outage, a
 * hook that watches calls leave the phone) extend it and override only that method, so a method added to
 * `CloudBackend` is forwarded here, once: `implements` makes the compiler name it.
 */
export class ForwardingBackend implements CloudBackend {
  /** `inner` is asked at every call, so the backend behind may change (an emulator restarted on a new port). */
  constructor(protected readonly inner: () => CloudBackend) {}

  uploadFile(args: Parameters<CloudBackend['uploadFile']>[0]) {
    return this.inner().uploadFile(args);
  }

  callFunction(args: Parameters<CloudBackend['callFunction']>[0]) {
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
