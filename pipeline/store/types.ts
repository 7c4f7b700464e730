/**
 * A small, SDK-neutral view of the CloudBase document database and storage. `wx-server-sdk` and
 * `@cloudbase/node-sdk` disagree on call shapes (`update({ data })` vs `update(patch)`, `doc().get()`
 * returning an object vs a list), so pipeline logic talks to this and the adapters hide the difference.
 */

export type SortOrder = 'asc' | 'desc';

export interface FindOptions {
  orderBy?: Array<[field: string, order: SortOrder]>;
  skip?: number;
  /** CloudBase caps a page at 1000; `findAll` pages through larger results. */
  limit?: number;
}

/** The query-operator builder (`db.command`): identical semantics in both SDKs. */
export interface QueryCommand {
  in(values: unknown[]): unknown;
  nin(values: unknown[]): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  neq(value: unknown): unknown;
  exists(flag: boolean): unknown;
  inc(by: number): unknown;
  remove(): unknown;
}

export interface DocStore {
  readonly cmd: QueryCommand;
  get<T>(collection: string, id: string): Promise<T | undefined>;
  find<T>(collection: string, where: object, options?: FindOptions): Promise<T[]>;
  findAll<T>(collection: string, where: object, options?: Omit<FindOptions, 'skip' | 'limit'>): Promise<T[]>;
  count(collection: string, where: object): Promise<number>;
  /**
   * One aggregation pipeline (`[{ $match: … }, { $group: … }]`), run by the database. CloudBase answers at
   * most 20 documents unless the pipeline has a `$limit` stage, and never more than 10,000.
   */
  aggregate<T>(collection: string, pipeline: Array<Record<string, unknown>>): Promise<T[]>;
  /** Insert a document with its own `_id`; a duplicate `_id` rejects. */
  insert(collection: string, doc: { _id: string } & object): Promise<void>;
  /** Replace the whole document, creating it when missing (CloudBase `doc().set`). */
  replace(collection: string, id: string, doc: object): Promise<void>;
  /** Patch fields of one document; resolves the number of documents updated (0 when missing). */
  update(collection: string, id: string, patch: object): Promise<number>;
  /**
   * Patch one document and answer its new version in one atomic operation (CloudBase `updateAndReturn`):
   * `cmd.inc` through it gives every concurrent caller its own count. Undefined when the document is missing.
   * wx-server-sdk does not offer it; there it is an update, then a read that may see later updates too.
   */
  updateAndReturn<T>(collection: string, id: string, patch: object): Promise<T | undefined>;
  remove(collection: string, id: string): Promise<void>;
  /**
   * Patch every document matching `where` in one database operation; resolves how many changed. A condition
   * on the document's own state (`{ _id, 'review.status': cmd.exists(false) }`) makes a read-then-write race
   * impossible.
   */
  updateWhere(collection: string, where: object, patch: object): Promise<number>;
  /** Remove every document matching `where` in one database operation; resolves how many went. */
  removeWhere(collection: string, where: object): Promise<number>;
}

export interface TempUrl {
  fileID: string;
  url?: string;
}

export interface FileStore {
  upload(cloudPath: string, bytes: Buffer): Promise<string>;
  download(fileID: string): Promise<Buffer>;
  /** Temporary download URLs; `url` is missing for files that do not exist. */
  tempUrls(fileIDs: string[], maxAgeSec?: number): Promise<TempUrl[]>;
  remove(fileIDs: string[]): Promise<void>;
}

export interface Stores {
  db: DocStore;
  files: FileStore;
}
