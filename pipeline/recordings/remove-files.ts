/**
 * Deletes files and checks they are gone. `deleteFile` takes at most 50 fileIDs a call (WeChat
 * `Cloud.deleteFile` docs) and reports failures per file rather than throwing, so what is left is
 * checked afterwards: a file that survived fails the call (retryable) instead of being forgotten.
 */
import { AppError, ErrorCode } from '../../typings/errors';
import type { FileStore } from '../store/types';

const DELETE_BATCH = 50;

export async function removeFilesChecked(files: FileStore, fileIDs: string[]): Promise<void> {
  for (let i = 0; i < fileIDs.length; i += DELETE_BATCH) {
    await files.remove(fileIDs.slice(i, i + DELETE_BATCH));
  }
  const left: string[] = [];
  for (let i = 0; i < fileIDs.length; i += DELETE_BATCH) {
    const urls = await files.tempUrls(fileIDs.slice(i, i + DELETE_BATCH), 60);
    left.push(...urls.filter((u) => u.url).map((u) => u.fileID));
  }
  if (left.length > 0) {
    throw new AppError(ErrorCode.UNAVAILABLE, `${left.length} file(s) were not deleted: ${left.join(', ')}`);
  }
}
