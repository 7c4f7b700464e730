/**
 * Who created each file through the client surface. CloudBase's default storage rule lets every user
 * read a file but only its creator (or a server SDK, the admin) overwrite or delete it.
 */
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { CloudCode, CloudError } from '../errors';
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

  /** Refuses a client write to a file that exists and was not created by this user. */
  async checkWritable(cloudPath: string, openid: string, exists: boolean): Promise<void> {
    if (!exists) return;
    const owner = await this.ownerOf(cloudPath);
    if (owner !== openid) {
      throw new CloudError(
        CloudCode.STORAGE_EXCEED_AUTHORITY,
        `only the creator of ${cloudPath} may change it`,
      );
    }
  }

  async record(cloudPath: string, openid: string | undefined): Promise<void> {
    await this.loaded;
    if (openid === undefined) await this.datastore.removeAsync({ _id: cloudPath }, {});
    else await this.datastore.updateAsync({ _id: cloudPath }, { _id: cloudPath, openid }, { upsert: true });
    await fsyncPath(this.filename);
  }
}
