import { WxFailure } from '../core/wx-result';

/** The documented FileSystemManager errors (reason text and errno from the API tables). */
export const fsFail = {
  noEntryOpen: (p: string) => new WxFailure(`no such file or directory, open ${p}`, { errno: 1300002 }),
  noEntry: (p: string) => new WxFailure(`no such file or directory ${p}`, { errno: 1300002 }),
  noEntryPair: (op: string, a: string, b: string) =>
    new WxFailure(`no such file or directory, ${op} ${a} -> ${b}`, { errno: 1300002 }),
  denied: (p: string) => new WxFailure(`permission denied, open ${p}`, { errno: 1300013 }),
  deniedPair: (op: string, a: string, b: string) =>
    new WxFailure(`permission denied, ${op} ${a} -> ${b}`, { errno: 1300013 }),
  isDirectory: (p: string) =>
    new WxFailure(`illegal operation on a directory, open ${p}`, { errno: 1300021 }),
  notPermittedUnlink: (p: string) =>
    new WxFailure(`operation not permitted, unlink ${p}`, { errno: 1300001 }),
  notDirectory: (p: string) => new WxFailure(`not a directory ${p}`, { errno: 1300020 }),
  exists: (p: string) => new WxFailure(`file already exists ${p}`, { errno: 1301005 }),
  invalidFlag: (flag: string) => new WxFailure(`Invalid argument: flag ${flag}`, { errno: 1300022 }),
  badDescriptor: () => new WxFailure('bad file descriptor', { errno: 1300009 }),
  notEmpty: () => new WxFailure('directory not empty', { errno: 1300066 }),
  quota: () => new WxFailure('the maximum size of the file storage limit is exceeded', { errno: 1300202 }),
  tempMissing: () => new WxFailure('tempFilePath file not exist', { errno: 1300002 }),
  fileMissing: () => new WxFailure('file not exist', { errno: 1300002 }),
  badData: () =>
    new WxFailure('parameter error: parameter.data should be String/ArrayBuffer', { errno: 1300022 }),
  badEncoding: (e: string) => new WxFailure(`invalid encoding: ${e}`, { errno: 1300022 }),
};
