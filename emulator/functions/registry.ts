/** Finds cloud functions on disk and keeps one instance pool per function. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CloudCode, CloudError, invalidParam } from '../errors';
import { FunctionPool } from './pool';
import type { FunctionSettings, FunctionSettingsTable } from './settings';

const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

export interface RegistryOptions {
  functionsDir: string;
  mode: 'source' | 'bundle';
  env: NodeJS.ProcessEnv;
  maxInstances: number;
  idleMs: number;
  startTimeoutMs: number;
  settings: FunctionSettingsTable;
  log: (line: string) => void;
}

export class FunctionRegistry {
  private readonly options: RegistryOptions;
  private readonly pools = new Map<string, FunctionPool>();

  constructor(options: RegistryOptions) {
    this.options = options;
  }

  get functionsDir(): string {
    return this.options.functionsDir;
  }

  /** `<functionsDir>/<name>/index.ts` in source mode, the esbuild bundle `index.js` in bundle mode. */
  pool(name: unknown): FunctionPool {
    if (typeof name !== 'string' || !FUNCTION_NAME.test(name))
      throw invalidParam(`bad function name: ${JSON.stringify(name)}`);
    const existing = this.pools.get(name);
    if (existing) return existing;
    const entry = path.resolve(
      this.options.functionsDir,
      name,
      this.options.mode === 'source' ? 'index.ts' : 'index.js',
    );
    if (!existsSync(entry))
      throw new CloudError(CloudCode.FUNCTION_NOT_FOUND, `function not found: ${name} (${entry})`);
    const pool = new FunctionPool({ ...this.options, name, entry, memoryMb: this.settingsOf(name).memoryMb });
    this.pools.set(name, pool);
    return pool;
  }

  /** Timeout and memory of `name` (cloudbaserc.json, else the platform defaults). */
  settingsOf(name: string): FunctionSettings {
    return this.options.settings.of(name);
  }

  close(): void {
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
  }
}
