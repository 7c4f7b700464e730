import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

/** wx.env.USER_DATA_PATH as on a phone. */
export const USER_DATA_PATH = 'wxfile://usr';

export type PathArea = 'usr' | 'tmp' | 'store' | 'package';

export interface ResolvedPath {
  area: PathArea;
  /** Absolute path on this machine. */
  real: string;
}

const PREFIXES: Array<[string, PathArea]> = [
  [`${USER_DATA_PATH}/`, 'usr'],
  ['wxfile://tmp_', 'tmp'],
  ['http://tmp/', 'tmp'],
  ['wxfile://store_', 'store'],
  ['http://store/', 'store'],
];

/**
 * Maps wx local paths onto folders under one root: `wxfile://usr/...` (user files), temp files
 * `wxfile://tmp_*` (device style) or `http://tmp/*` (DevTools style), saved files `wxfile://store_*`.
 * Anything else is a code-package path, readable only when a package root was given.
 */
export class VirtualPaths {
  constructor(
    readonly root: string,
    private readonly packageRoot?: string,
  ) {}

  resolve(wxPath: string): ResolvedPath | null {
    if (typeof wxPath !== 'string' || wxPath.length === 0) return null;
    if (wxPath === USER_DATA_PATH) return { area: 'usr', real: path.join(this.root, 'usr') };
    for (const [prefix, area] of PREFIXES) {
      if (wxPath.startsWith(prefix)) return this.inside(area, prefix, wxPath);
    }
    if (!this.packageRoot || wxPath.includes('://')) return null;
    return this.within(this.packageRoot, wxPath.replace(/^\/+/, ''), 'package');
  }

  private inside(area: PathArea, prefix: string, wxPath: string): ResolvedPath | null {
    // Device-style names keep their prefix as part of the file name.
    const name = prefix.endsWith('_') ? wxPath.slice('wxfile://'.length) : wxPath.slice(prefix.length);
    return this.within(path.join(this.root, area === 'usr' ? 'usr' : area), name, area);
  }

  private within(base: string, relative: string, area: PathArea): ResolvedPath | null {
    const real = path.resolve(base, relative);
    // `..` must never escape the sandbox folder.
    if (real !== base && !real.startsWith(base + path.sep)) return null;
    return { area, real };
  }

  /** A fresh temp path, e.g. `wxfile://tmp_3f9a….wav`. */
  newTempPath(ext: string): string {
    return `wxfile://tmp_${randomBytes(12).toString('hex')}${ext ? `.${ext}` : ''}`;
  }

  newStorePath(ext: string): string {
    return `wxfile://store_${randomBytes(12).toString('hex')}${ext ? `.${ext}` : ''}`;
  }

  dirOf(area: Exclude<PathArea, 'package'>): string {
    return path.join(this.root, area);
  }
}
