/**
 * The file lists of `getTempFileURL` / `deleteFile` (server and client alike): non-empty, and at most 50
 * files per call, as CloudBase answers (`INVALID_PARAM`) and the wx.cloud docs state ("一次最多 50 个").
 */
import { invalidParam } from '../errors';

export const MAX_FILES_PER_CALL = 50;

export function fileListOf(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidParam(`${field} must be a non-empty array`);
  if (value.length > MAX_FILES_PER_CALL) {
    throw invalidParam(`${field} holds ${value.length} files: up to ${MAX_FILES_PER_CALL} files at a time`);
  }
  return value;
}
