/** Storage as a service: fileIDs, durable files and signed URLs, shared by the wire actions and routes. */
import { CloudCode, CloudError, invalidParam } from '../errors';
import { checkCloudPath, FileIds } from './cloud-path';
import { FileStore } from './file-store';
import { FileOwners } from './owners';
import type { StorageRules } from './rules';
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
  private readonly rules: StorageRules;

  constructor(options: {
    dataDir: string;
    envId: string;
    bucket: string;
    baseUrl: () => string;
    rules: StorageRules;
  }) {
    this.rules = options.rules;
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

  /**
   * Applies the storage rule to a client (Mini Program user `openid`) access. `resource.openid` is the
   * file's creator: null for a file a server SDK wrote, the caller for a file it is about to create;
   * `resource.path` is the file's path (the one it will have, for an upload).
   */
  async checkClient(cloudPath: string, openid: string, side: 'read' | 'write'): Promise<void> {
    const exists = (await this.files.size(cloudPath)) !== undefined;
    const creator = exists ? ((await this.owners.ownerOf(cloudPath)) ?? null) : openid;
    if (this.rules[side]({ auth: { openid }, resource: { openid: creator, path: cloudPath } })) return;
    throw new CloudError(
      CloudCode.STORAGE_EXCEED_AUTHORITY,
      `the storage rule does not let this user ${side} ${cloudPath}`,
    );
  }

  /** A client read of a file's bytes (the rule applies). */
  async readForClient(fileID: unknown, openid: string): Promise<Buffer> {
    const cloudPath = this.ids.pathOf(fileID);
    const data = await this.files.read(cloudPath);
    if (!data)
      throw new CloudError(CloudCode.STORAGE_FILE_NONEXIST, `file does not exist: ${String(fileID)}`);
    await this.checkClient(cloudPath, openid, 'read');
    return data;
  }

  /**
   * A temporary URL. Like CloudBase's it is not percent-encoded: the SDK calls encodeURI on it. With
   * `openid` (a client asking) the read rule applies and a denied file fails alone.
   */
  async tempUrl(fileID: unknown, maxAge: unknown, openid?: string): Promise<TempUrlResult> {
    const age = maxAge === undefined || maxAge === null ? DEFAULT_MAX_AGE_S : maxAge;
    try {
      if (typeof age !== 'number' || !Number.isInteger(age) || age < 1 || age > MAX_MAX_AGE_S) {
        throw invalidParam(`maxAge must be an integer from 1 to ${MAX_MAX_AGE_S} seconds`);
      }
      const cloudPath = this.ids.pathOf(fileID);
      if ((await this.files.size(cloudPath)) === undefined) {
        throw new CloudError(CloudCode.STORAGE_FILE_NONEXIST, `file does not exist: ${String(fileID)}`);
      }
      if (openid !== undefined) await this.checkClient(cloudPath, openid, 'read');
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

  /** Writes a file; `openid` marks a client (Mini Program user) write, which the write rule must allow. */
  async write(cloudPath: string, data: Buffer, openid?: string): Promise<void> {
    if (openid === undefined) {
      await this.files.write(cloudPath, data);
      await this.owners.record(cloudPath, undefined);
      return;
    }
    await this.checkClient(cloudPath, openid, 'write');
    // The creator before the bytes: a kill -9 between the two must not leave the caller's file with no
    // creator, which the write rule would read as a server's file and refuse the caller's retry for ever
    // (chaos seed 16539). A creator recorded for a file that never came is harmless: no file, no rule.
    await this.owners.record(cloudPath, openid);
    await this.files.write(cloudPath, data);
  }

  /** Deletes a file; a client (`openid`) only as the write rule allows, a server SDK anything. */
  async remove(fileID: unknown, openid?: string): Promise<DeleteResult> {
    try {
      const cloudPath = this.ids.pathOf(fileID);
      if ((await this.files.size(cloudPath)) === undefined) {
        throw new CloudError(CloudCode.STORAGE_FILE_NONEXIST, `file does not exist: ${String(fileID)}`);
      }
      if (openid !== undefined) await this.checkClient(cloudPath, openid, 'write');
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
