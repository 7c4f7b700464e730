import { asyncApi, callbackApi, syncApi, type ApiContext, type WxCallbackFn } from '../core/api-context';
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
