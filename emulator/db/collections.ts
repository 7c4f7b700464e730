/**
 * Which collections exist. On CloudBase a collection must be created (console, `createCollection`,
 * `npm run db:setup`) before anything reads or writes it; a request naming one that was never created
 * fails with DATABASE_COLLECTION_NOT_EXIST (-502005). The list lives in `<dataDir>/db/collections.json`,
 * written to a temp file, fsync'd and renamed, so a created collection survives `kill -9`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CloudCode, CloudError } from '../errors';
import { replaceDurably } from '../fsync';

export const COLLECTIONS_FILE = 'collections.json';

/** The text CloudBase answers for a missing collection (wx-server-sdk reports it as errCode -502005). */
export function collectionMissing(name: string): CloudError {
  return new CloudError(
    CloudCode.DATABASE_COLLECTION_NOT_EXIST,
    `[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us. (collection ${name})`,
  );
}

export class CollectionRegistry {
  private readonly file: string;
  private readonly names: Set<string>;
  private writing: Promise<void> = Promise.resolve();

  constructor(dbDir: string) {
    this.file = path.join(dbDir, COLLECTIONS_FILE);
    this.names = new Set(
      existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as string[]) : [],
    );
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  list(): string[] {
    return [...this.names].sort();
  }

  /** Creates `name`; false when it already existed. Resolves once the list is on disk. */
  async create(name: string): Promise<boolean> {
    if (this.names.has(name)) return false;
    this.names.add(name);
    const snapshot = JSON.stringify(this.list());
    // Writes are chained so an older list never lands after a newer one.
    this.writing = this.writing.then(() => this.persist(snapshot));
    await this.writing;
    return true;
  }

  private async persist(text: string): Promise<void> {
    await replaceDurably(this.file, `${this.file}.tmp`, text);
  }
}
