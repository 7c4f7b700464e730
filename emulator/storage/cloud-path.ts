/** CloudBase storage paths and fileIDs: `cloud://{envId}.{bucket}/{cloudPath}`. */
import { CloudCode, CloudError, invalidParam } from '../errors';

const MAX_PATH_BYTES = 850;

/**
 * CloudBase's rules (no leading `/`, no `//`, at most 850 bytes) plus what keeps a path inside the
 * data directory and usable in a URL: no `.`/`..` segments, backslashes, control characters, `?` or `#`.
 */
export function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath === '')
    throw invalidParam('cloudPath must be a non-empty string');
  if (Buffer.byteLength(cloudPath, 'utf8') > MAX_PATH_BYTES) {
    throw invalidParam(`cloudPath is longer than ${MAX_PATH_BYTES} bytes`);
  }
  if (cloudPath.startsWith('/')) throw invalidParam('cloudPath must not start with /');
  if (cloudPath.includes('//')) throw invalidParam('cloudPath must not contain //');
  if (cloudPath.endsWith('/')) throw invalidParam('cloudPath must name a file, not end with /');
  // eslint-disable-next-line no-control-regex
  if (/[\\?#\u0000-\u001f\u007f]/.test(cloudPath)) {
    throw invalidParam('cloudPath must not contain \\, ?, # or control characters');
  }
  if (cloudPath.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw invalidParam('cloudPath must not contain . or .. segments');
  }
  return cloudPath;
}

export class FileIds {
  readonly prefix: string;

  constructor(envId: string, bucket: string) {
    this.prefix = `cloud://${envId}.${bucket}/`;
  }

  of(cloudPath: string): string {
    return this.prefix + cloudPath;
  }

  /** The cloudPath of one of our fileIDs; another env's or a malformed ID is a file that does not exist. */
  pathOf(fileID: unknown): string {
    if (typeof fileID !== 'string' || !fileID.startsWith(this.prefix)) {
      throw new CloudError(
        CloudCode.STORAGE_FILE_NONEXIST,
        `not a fileID of this environment: ${String(fileID)}`,
      );
    }
    return checkCloudPath(fileID.slice(this.prefix.length));
  }
}
