/**
 * Who created each file through the client surface: the storage rules' `resource.openid` (rules.ts).
 * A file a server SDK wrote has no creator here.
 */
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { fsyncPath } from '../fsync';

interface OwnerDoc {
  _id: string;
  openid: string;
}

export class FileOwners {
  private readonly filename: string;
  private readonly datastore: Datastore<OwnerDoc>;
  private readonly loaded: Promise<void>;

  constructor(dataDir: string) {
    this.filename = path.join(dataDir, 'storage-owners.db');
    this.datastore = new Datastore<OwnerDoc>({ filename: this.filename });
    this.loaded = this.datastore.loadDatabaseAsync();
  }

  /** Loading rewrites the file; close() waits for it so nothing writes into a removed data dir. */
  ready(): Promise<void> {
    return this.loaded;
  }

  async ownerOf(cloudPath: string): Promise<string | undefined> {
    await this.loaded;
    return (await this.datastore.findOneAsync({ _id: cloudPath }))?.openid;
  }

  async record(cloudPath: string, openid: string | undefined): Promise<void> {
    await this.loaded;
    if (openid === undefined) await this.datastore.removeAsync({ _id: cloudPath }, {});
    else await this.datastore.updateAsync({ _id: cloudPath }, { _id: cloudPath, openid }, { upsert: true });
    await fsyncPath(this.filename);
  }
}
