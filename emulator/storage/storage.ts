/** Storage as a service: fileIDs, durable files and signed URLs, shared by the wire actions and routes. */
import { CloudCode, CloudError, invalidParam } from '../errors';
import { checkCloudPath, FileIds } from './cloud-path';
import { FileStore } from './file-store';
import { FileOwners } from './owners';
import { UrlSigner } from './signer';

export const UPLOAD_PATH = '/tcb-upload/';
export const DOWNLOAD_PATH = '/tcb-files/';
const UPLOAD_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_AGE_S = 7200;
const MAX_MAX_AGE_S = 7 * 24 * 3600;

export interface TempUrlResult {
  fileID: string;
  tempFileURL: string;
  code: string;
  message?: string;
  maxAge?: number;
}

export interface DeleteResult {
  fileID: string;
  code: string;
  message?: string;
}

function encodeSegments(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/');
}

export class Storage {
  readonly files: FileStore;
  readonly owners: FileOwners;
  readonly signer: UrlSigner;
  readonly ids: FileIds;
  private readonly baseUrl: () => string;

  constructor(options: { dataDir: string; envId: string; bucket: string; baseUrl: () => string }) {
    this.files = new FileStore(options.dataDir);
    this.owners = new FileOwners(options.dataDir);
    this.signer = new UrlSigner(options.dataDir);
    this.ids = new FileIds(options.envId, options.bucket);
    this.baseUrl = options.baseUrl;
  }

  /** Where to PUT the bytes of `cloudPath`; the SDK sends them there right after asking. */
  uploadUrl(cloudPath: string): string {
    checkCloudPath(cloudPath);
    const query = this.signer.query('upload', cloudPath, UPLOAD_TTL_MS);
    return `${this.baseUrl()}${UPLOAD_PATH}${encodeSegments(cloudPath)}?${query}`;
  }

  /** A temporary URL. Like CloudBase's it is not percent-encoded: the SDK calls encodeURI on it. */
  async tempUrl(fileID: unknown, maxAge: unknown): Promise<TempUrlResult> {
    const age = maxAge === undefined || maxAge === null ? DEFAULT_MAX_AGE_S : maxAge;
    try {
      if (typeof age !== 'number' || !Number.isInteger(age) || age < 1 || age > MAX_MAX_AGE_S) {
        throw invalidParam(`maxAge must be an integer from 1 to ${MAX_MAX_AGE_S} seconds`);
      }
      const cloudPath = this.ids.pathOf(fileID);
      if ((await this.files.size(cloudPath)) === undefined) {
        throw new CloudError(CloudCode.STORAGE_FILE_NONEXIST, `file does not exist: ${String(fileID)}`);
      }
      const query = this.signer.query('download', cloudPath, age * 1000);
      return {
        fileID: String(fileID),
        tempFileURL: `${this.baseUrl()}${DOWNLOAD_PATH}${cloudPath}?${query}`,
        code: 'SUCCESS',
        maxAge: age,
      };
    } catch (err) {
      return { fileID: String(fileID), tempFileURL: '', ...codeOf(err) };
    }
  }

  /** Writes a file; `openid` marks a client (Mini Program user) write, which only the creator may repeat. */
  async write(cloudPath: string, data: Buffer, openid?: string): Promise<void> {
    if (openid !== undefined) {
      await this.owners.checkWritable(cloudPath, openid, (await this.files.size(cloudPath)) !== undefined);
    }
    await this.files.write(cloudPath, data);
    await this.owners.record(cloudPath, openid);
  }

  /** Deletes a file; a client (`openid`) may delete only what it created, a server SDK anything. */
  async remove(fileID: unknown, openid?: string): Promise<DeleteResult> {
    try {
      const cloudPath = this.ids.pathOf(fileID);
      if (openid !== undefined)
        await this.owners.checkWritable(cloudPath, openid, (await this.files.size(cloudPath)) !== undefined);
      if (!(await this.files.remove(cloudPath))) {
        throw new CloudError(CloudCode.STORAGE_FILE_NONEXIST, `file does not exist: ${String(fileID)}`);
      }
      return { fileID: String(fileID), code: 'SUCCESS' };
    } catch (err) {
      return { fileID: String(fileID), ...codeOf(err) };
    }
  }
}

function codeOf(err: unknown): { code: string; message: string } {
  if (err instanceof CloudError) return { code: err.code, message: err.message };
  return { code: CloudCode.STORAGE_REQUEST_FAIL, message: err instanceof Error ? err.message : String(err) };
}
