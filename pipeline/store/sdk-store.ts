/**
 * DocStore and FileStore over either real SDK. The only difference that matters between them is how a
 * write passes its document: wx-server-sdk wants `{ data: doc }`, @cloudbase/node-sdk wants `doc` itself.
 */
import { AppError, ErrorCode } from '../../typings/errors';
import type { SdkAggregate, SdkDatabase, SdkFileApi, SdkQuery, SdkResult } from './sdk-shapes';
import type { DocStore, FileStore, FindOptions, QueryCommand, Stores, TempUrl } from './types';

const PAGE_MAX = 1000;

export type WriteStyle = 'wrapped' | 'bare';

/** A file the platform says does not exist (CloudBase's code, and the wx client's errMsg wording). */
function isMissingFile(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  return code === 'STORAGE_FILE_NONEXIST' || /file does not exist|FILE_NONEXIST/i.test(String(message ?? ''));
}

/**
 * A storage call that rejected: a missing file is NOT_FOUND (final); anything else (network, timeout, a
 * platform hiccup) is UNAVAILABLE and retryable, so no caller mistakes it for a missing file or a bug.
 */
async function storageCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    if (isMissingFile(err)) throw new AppError(ErrorCode.NOT_FOUND, `${what}: ${detail}`);
    throw new AppError(ErrorCode.UNAVAILABLE, `${what} failed: ${detail}`);
  }
}

/** Both SDKs may resolve a database error as `{ code, message }` instead of rejecting. */
function checked(res: SdkResult): SdkResult {
  if (res && typeof res.code === 'string' && res.code) {
    const duplicate = /duplicate|exist/i.test(res.message ?? '') && /insert/i.test(res.message ?? res.code);
    // A database answer that is not a duplicate is the platform failing this time: retryable.
    throw new AppError(
      duplicate ? ErrorCode.CONFLICT : ErrorCode.UNAVAILABLE,
      `${res.code}: ${res.message ?? ''}`,
    );
  }
  return res;
}

function applyOptions(query: SdkQuery, options: FindOptions): SdkQuery {
  let q = query;
  for (const [field, order] of options.orderBy ?? []) q = q.orderBy(field, order);
  if (options.skip) q = q.skip(options.skip);
  return q.limit(Math.min(options.limit ?? 100, PAGE_MAX));
}

class SdkDocStore implements DocStore {
  readonly cmd: QueryCommand;

  constructor(
    private readonly db: SdkDatabase,
    private readonly style: WriteStyle,
  ) {
    this.cmd = db.command as QueryCommand;
  }

  private body(doc: object): object {
    return this.style === 'wrapped' ? { data: doc } : doc;
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    // where({_id}) answers a list in both SDKs; doc().get() differs between them.
    const [doc] = await this.find<T>(collection, { _id: id }, { limit: 1 });
    return doc;
  }

  async find<T>(collection: string, where: object, options: FindOptions = {}): Promise<T[]> {
    const res = checked(await applyOptions(this.db.collection(collection).where(where), options).get());
    return (res.data as T[]) ?? [];
  }

  async aggregate<T>(collection: string, pipeline: Array<Record<string, unknown>>): Promise<T[]> {
    let builder = this.db.collection(collection).aggregate() as unknown as Record<string, unknown>;
    for (const stage of pipeline) {
      const [key, value] = Object.entries(stage)[0] ?? [];
      // Both SDKs build a stage with a method named after it: `$match` → `match(value)`.
      const method = key ? builder[key.slice(1)] : undefined;
      if (typeof method !== 'function') throw new AppError(ErrorCode.INTERNAL, `no aggregation stage ${key}`);
      builder = (method as (arg: unknown) => Record<string, unknown>).call(builder, value);
    }
    const res = checked(await (builder as unknown as SdkAggregate).end());
    return (res.data as T[]) ?? [];
  }

  async findAll<T>(collection: string, where: object, options: Omit<FindOptions, 'skip' | 'limit'> = {}) {
    const all: T[] = [];
    for (let skip = 0; ; skip += PAGE_MAX) {
      const page = await this.find<T>(collection, where, { ...options, skip, limit: PAGE_MAX });
      all.push(...page);
      if (page.length < PAGE_MAX) return all;
    }
  }

  async count(collection: string, where: object): Promise<number> {
    return checked(await this.db.collection(collection).where(where).count()).total ?? 0;
  }

  async insert(collection: string, doc: { _id: string } & object): Promise<void> {
    checked(await this.db.collection(collection).add(this.body(doc)));
  }

  async replace(collection: string, id: string, doc: object): Promise<void> {
    const { _id: _ignored, ...rest } = doc as { _id?: string };
    checked(await this.db.collection(collection).doc(id).set(this.body(rest)));
  }

  async update(collection: string, id: string, patch: object): Promise<number> {
    const res = checked(await this.db.collection(collection).doc(id).update(this.body(patch)));
    return res.stats?.updated ?? res.updated ?? 0;
  }

  async updateAndReturn<T>(collection: string, id: string, patch: object): Promise<T | undefined> {
    const query = this.db.collection(collection).where({ _id: id });
    if (!query.updateAndReturn) {
      return (await this.update(collection, id, patch)) === 0 ? undefined : this.get<T>(collection, id);
    }
    const res = checked(await query.updateAndReturn(this.body(patch)));
    return (res.doc ?? undefined) as T | undefined;
  }

  async remove(collection: string, id: string): Promise<void> {
    checked(await this.db.collection(collection).doc(id).remove());
  }

  async updateWhere(collection: string, where: object, patch: object): Promise<number> {
    const res = checked(await this.db.collection(collection).where(where).update(this.body(patch)));
    return res.stats?.updated ?? res.updated ?? 0;
  }

  async removeWhere(collection: string, where: object): Promise<number> {
    const res = checked(await this.db.collection(collection).where(where).remove());
    return res.stats?.removed ?? res.deleted ?? 0;
  }
}

class SdkFileStore implements FileStore {
  constructor(private readonly sdk: SdkFileApi) {}

  async upload(cloudPath: string, bytes: Buffer): Promise<string> {
    const res = await storageCall(`upload ${cloudPath}`, () =>
      this.sdk.uploadFile({ cloudPath, fileContent: bytes }),
    );
    return res.fileID;
  }

  async download(fileID: string): Promise<Buffer> {
    const { fileContent } = await storageCall(`download ${fileID}`, () => this.sdk.downloadFile({ fileID }));
    if (fileContent === undefined) throw new AppError(ErrorCode.NOT_FOUND, `file not found: ${fileID}`);
    return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent);
  }

  async tempUrls(fileIDs: string[], maxAgeSec = 3600): Promise<TempUrl[]> {
    if (fileIDs.length === 0) return [];
    const res = await storageCall('getTempFileURL', () =>
      this.sdk.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: maxAgeSec })) }),
    );
    return res.fileList.map((item) => ({
      fileID: item.fileID,
      url:
        item.tempFileURL && (item.code === undefined || item.code === 'SUCCESS')
          ? item.tempFileURL
          : undefined,
    }));
  }

  async remove(fileIDs: string[]): Promise<void> {
    if (fileIDs.length > 0) await storageCall('deleteFile', () => this.sdk.deleteFile({ fileList: fileIDs }));
  }
}

export function sdkStores(sdk: SdkFileApi, style: WriteStyle): Stores {
  return { db: new SdkDocStore(sdk.database(), style), files: new SdkFileStore(sdk) };
}
