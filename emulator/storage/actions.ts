/** The `storage.*` actions of the wire protocol. */
import { randomBytes } from 'node:crypto';
import { invalidParam } from '../errors';
import { checkCloudPath } from './cloud-path';
import { fileListOf } from './file-list';
import type { Storage } from './storage';

type Body = Record<string, unknown>;

export function getUploadMetadata(storage: Storage, body: Body): Body {
  const cloudPath = checkCloudPath(body.path);
  const url = storage.uploadUrl(cloudPath);
  const signature = new URL(url).searchParams.get('sign') ?? '';
  // The SDK forwards token/authorization/cosFileId as COS headers; our PUT URL carries its own signature.
  return {
    url,
    token: signature,
    authorization: signature,
    fileId: storage.ids.of(cloudPath),
    cosFileId: randomBytes(8).toString('hex'),
    download_url: '',
  };
}

export async function batchGetDownloadUrl(storage: Storage, body: Body): Promise<Body> {
  const items = fileListOf(body.file_list, 'file_list').map((item) => {
    if (typeof item !== 'object' || item === null)
      throw invalidParam('file_list items must be {fileid, max_age}');
    return item as { fileid?: unknown; max_age?: unknown };
  });
  const download_list = await Promise.all(items.map((item) => storage.tempUrl(item.fileid, item.max_age)));
  return { download_list };
}

export async function batchDeleteFile(storage: Storage, body: Body): Promise<Body> {
  const fileIDs = fileListOf(body.fileid_list, 'fileid_list');
  const delete_list = [];
  // One at a time: deleting the same fileID twice in a list reports the second as missing.
  for (const fileID of fileIDs) delete_list.push(await storage.remove(fileID));
  return { delete_list };
}
