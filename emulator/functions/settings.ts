/**
 * Per-function settings from the CloudBase CLI's own file, `cloudbaserc.json` (`functions[]` with
 * `name`, `timeout` in seconds, `memorySize` in MB, `runtime`). A function it does not list gets the
 * platform defaults: 3 s and 256 MB. Ranges as CloudBase documents them: timeout 1–60 s (900 for
 * async functions, which we do not use), memory 128–2048 MB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { invalidParam } from '../errors';

export interface FunctionSettings {
  timeoutMs: number;
  memoryMb: number;
}

export const PLATFORM_DEFAULTS: Readonly<FunctionSettings> = { timeoutMs: 3000, memoryMb: 256 };
const MEMORY_SIZES = new Set([128, 256, 512, 1024, 2048]);

interface RcFunction {
  name?: unknown;
  timeout?: unknown;
  memorySize?: unknown;
}

function timeoutMsOf(entry: RcFunction, where: string): number {
  const timeout = entry.timeout ?? PLATFORM_DEFAULTS.timeoutMs / 1000;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > 60)
    throw invalidParam(`${where}: timeout must be a whole number of seconds from 1 to 60`);
  return timeout * 1000;
}

function memoryMbOf(entry: RcFunction, where: string): number {
  const memory = entry.memorySize ?? PLATFORM_DEFAULTS.memoryMb;
  if (typeof memory !== 'number' || !MEMORY_SIZES.has(memory))
    throw invalidParam(`${where}: memorySize must be one of ${[...MEMORY_SIZES].join(', ')} (MB)`);
  return memory;
}

function parseEntry(entry: RcFunction, file: string): [string, FunctionSettings] {
  const where = `${file}: functions[${JSON.stringify(entry.name)}]`;
  if (typeof entry.name !== 'string' || entry.name === '') throw invalidParam(`${where}: name is required`);
  return [entry.name, { timeoutMs: timeoutMsOf(entry, where), memoryMb: memoryMbOf(entry, where) }];
}

export class FunctionSettingsTable {
  private readonly byName: Map<string, FunctionSettings>;

  /** `file` false or missing: every function gets the platform defaults. */
  constructor(
    file: string | false,
    private readonly overrideTimeoutMs?: number,
  ) {
    this.byName = new Map(file && existsSync(file) ? FunctionSettingsTable.read(file) : []);
  }

  private static read(file: string): Array<[string, FunctionSettings]> {
    const rc = JSON.parse(readFileSync(file, 'utf8')) as { functions?: unknown };
    if (!Array.isArray(rc.functions)) throw invalidParam(`${file}: "functions" must be an array`);
    return (rc.functions as RcFunction[]).map((entry) => parseEntry(entry, file));
  }

  /** The settings of `name`; a timeout override (tests) replaces every function's timeout. */
  of(name: string): FunctionSettings {
    const settings = this.byName.get(name) ?? PLATFORM_DEFAULTS;
    return this.overrideTimeoutMs === undefined
      ? settings
      : { ...settings, timeoutMs: this.overrideTimeoutMs };
  }
}
