import { asyncApi, callbackApi, syncApi, type ApiContext, type WxCallbackFn } from '../core/api-context';
import { FileDescriptors, type WriteOptions } from './file-descriptors';
import type { SavedFiles, SavedFileInfo } from './saved-files';
import type { VirtualFs, WxStats } from './virtual-fs';

type Options = Record<string, unknown>;
type Data = string | ArrayBuffer;
type AsyncMethod = WxCallbackFn<Options, Options>;

/** FileSystemManager as the app sees it (the methods the simulator implements). */
export interface SimFileSystemManager {
  writeFileSync(filePath: string, data: Data, encoding?: string): void;
  appendFileSync(filePath: string, data: Data, encoding?: string): void;
  readFileSync(filePath: string, encoding?: string, position?: number, length?: number): Data;
  unlinkSync(filePath: string): void;
  accessSync(path: string): void;
  statSync(path: string, recursive?: boolean): WxStats | Array<{ path: string; stats: WxStats }>;
  mkdirSync(dirPath: string, recursive?: boolean): void;
  rmdirSync(dirPath: string, recursive?: boolean): void;
  readdirSync(dirPath: string): string[];
  renameSync(oldPath: string, newPath: string): void;
  copyFileSync(srcPath: string, destPath: string): void;
  saveFileSync(tempFilePath: string, filePath?: string): string;
  openSync(o: { filePath: string; flag?: string }): string;
  writeSync(o: {
    fd: string;
    data: Data;
    offset?: number;
    length?: number;
    position?: number;
    encoding?: string;
  }): { bytesWritten: number };
  closeSync(o: { fd: string }): void;
  truncateSync(o: { filePath: string; length?: number }): void;
  writeFile: AsyncMethod;
  appendFile: AsyncMethod;
  readFile: AsyncMethod;
  unlink: AsyncMethod;
  access: AsyncMethod;
  stat: AsyncMethod;
  mkdir: AsyncMethod;
  rmdir: AsyncMethod;
  readdir: AsyncMethod;
  rename: AsyncMethod;
  copyFile: AsyncMethod;
  saveFile: AsyncMethod;
  open: AsyncMethod;
  write: AsyncMethod;
  close: AsyncMethod;
  truncate: AsyncMethod;
  getSavedFileList: WxCallbackFn<Options, { fileList: SavedFileInfo[] }>;
  removeSavedFile: AsyncMethod;
  getFileInfo: AsyncMethod;
}

/** One method: the sync implementation, how async options map to its arguments, and the result shape. */
interface MethodSpec {
  run: (...args: never[]) => unknown;
  args: (o: Options) => unknown[];
  result: (value: unknown) => object;
}

const none = (): object => ({});

function specs(vfs: VirtualFs, saved: SavedFiles): Record<string, MethodSpec> {
  return {
    writeFile: { run: vfs.writeFile.bind(vfs), args: (o) => [o.filePath, o.data, o.encoding], result: none },
    appendFile: {
      run: vfs.appendFile.bind(vfs),
      args: (o) => [o.filePath, o.data, o.encoding],
      result: none,
    },
    readFile: {
      run: (p: string, encoding?: string, position?: number, length?: number) =>
        vfs.readFile(p, { encoding, position, length }),
      args: (o) => [o.filePath, o.encoding, o.position, o.length],
      result: (data) => ({ data }),
    },
    unlink: { run: vfs.unlink.bind(vfs), args: (o) => [o.filePath], result: none },
    access: { run: vfs.access.bind(vfs), args: (o) => [o.path], result: none },
    stat: { run: vfs.stat.bind(vfs), args: (o) => [o.path, o.recursive], result: (stats) => ({ stats }) },
    mkdir: { run: vfs.mkdir.bind(vfs), args: (o) => [o.dirPath, o.recursive], result: none },
    rmdir: { run: vfs.rmdir.bind(vfs), args: (o) => [o.dirPath, o.recursive], result: none },
    readdir: { run: vfs.readdir.bind(vfs), args: (o) => [o.dirPath], result: (files) => ({ files }) },
    rename: { run: vfs.rename.bind(vfs), args: (o) => [o.oldPath, o.newPath], result: none },
    copyFile: { run: vfs.copyFile.bind(vfs), args: (o) => [o.srcPath, o.destPath], result: none },
    saveFile: {
      run: saved.save.bind(saved),
      args: (o) => [o.tempFilePath, o.filePath],
      result: (savedFilePath) => ({ savedFilePath }),
    },
  };
}

/**
 * `wx.getFileSystemManager()`: each method in sync form (`xSync(...)`, throws `xSync:fail ...`) and
 * async form (`x({..., success, fail})`). FileSystemManager methods have no Promise style in the
 * docs, so the async forms return undefined without callbacks, as on a phone.
 */
export function createFileSystemManager(
  ctx: ApiContext,
  vfs: VirtualFs,
  saved: SavedFiles,
): SimFileSystemManager {
  const manager: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs(vfs, saved))) {
    const run = spec.run as (...a: unknown[]) => unknown;
    manager[`${name}Sync`] = syncApi(`${name}Sync`, (...a: unknown[]) => run(...a));
    manager[name] = callbackApi(ctx, name, (o: Options) => spec.result(run(...spec.args(o))));
  }
  addDescriptorMethods(manager, ctx, vfs);
  manager.getSavedFileList = callbackApi(ctx, 'getSavedFileList', () => ({ fileList: saved.list() }));
  manager.removeSavedFile = callbackApi(ctx, 'removeSavedFile', (o: { filePath: string }) => {
    saved.remove(o.filePath);
    return {};
  });
  manager.getFileInfo = callbackApi(
    ctx,
    'getFileInfo',
    (o: { filePath: string; digestAlgorithm?: 'md5' | 'sha1' }) => saved.info(o.filePath, o.digestAlgorithm),
  );
  return manager as unknown as SimFileSystemManager;
}

/** The methods that take one options object in both forms: descriptors (2.16.1) and truncate. */
function addDescriptorMethods(manager: Record<string, unknown>, ctx: ApiContext, vfs: VirtualFs): void {
  const fds = new FileDescriptors(vfs);
  const methods: Record<string, { run: (o: Options) => unknown; result: (value: unknown) => object }> = {
    open: {
      run: (o) => fds.openFile(o.filePath as string, o.flag as string | undefined),
      result: (fd) => ({ fd }),
    },
    write: {
      run: (o) => fds.write(o as unknown as WriteOptions),
      result: (r) => r as object,
    },
    close: { run: (o) => fds.close(o.fd as string), result: none },
    truncate: {
      run: (o) => vfs.truncate(o.filePath as string, o.length as number | undefined),
      result: none,
    },
  };
  for (const [name, spec] of Object.entries(methods)) {
    manager[`${name}Sync`] = syncApi(`${name}Sync`, (o: Options) => spec.run(o));
    manager[name] = callbackApi(ctx, name, (o: Options) => spec.result(spec.run(o)));
  }
}

/** The wx-level file APIs (these do support Promise style). */
export function createWxFileApis(ctx: ApiContext, saved: SavedFiles) {
  return {
    saveFile: asyncApi(ctx, 'saveFile', (o: { tempFilePath: string }) => ({
      savedFilePath: saved.save(o.tempFilePath),
    })),
    getSavedFileList: asyncApi(ctx, 'getSavedFileList', () => ({ fileList: saved.list() })),
    removeSavedFile: asyncApi(ctx, 'removeSavedFile', (o: { filePath: string }) => {
      saved.remove(o.filePath);
      return {};
    }),
    getFileInfo: asyncApi(ctx, 'getFileInfo', (o: { filePath: string; digestAlgorithm?: 'md5' | 'sha1' }) =>
      saved.info(o.filePath, o.digestAlgorithm),
    ),
  };
}
