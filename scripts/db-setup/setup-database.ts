/**
 * Creates every collection `database/collections.json` declares, through @cloudbase/node-sdk's
 * `createCollection` (the same call works on the emulator and on a real environment). Collections
 * that already exist are left alone, so it is safe to run on every start.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type tcb from '@cloudbase/node-sdk';

type NodeApp = ReturnType<typeof tcb.init>;

export const DATABASE_CONFIG = path.resolve(__dirname, '..', '..', 'database', 'collections.json');

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

interface DatabaseConfig {
  collections: Record<string, { indexes?: IndexSpec[] }>;
}

export interface SetupReport {
  created: string[];
  existing: string[];
  /** Indexes per collection, for environments where they are created in the console. */
  indexes: Record<string, IndexSpec[]>;
}

export function readDatabaseConfig(file = DATABASE_CONFIG): DatabaseConfig {
  const config = JSON.parse(readFileSync(file, 'utf8')) as Partial<DatabaseConfig>;
  if (!config.collections || typeof config.collections !== 'object')
    throw new Error(`${file}: no "collections" object`);
  return config as DatabaseConfig;
}

const ALREADY_EXISTS = /DATABASE_COLLECTION_ALREADY_EXIST|ResourceInUse|already exist/i;

function alreadyExists(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return ALREADY_EXISTS.test(`${String(e.code ?? '')} ${String(e.message ?? '')}`);
}

export async function setupDatabase(app: NodeApp, file = DATABASE_CONFIG): Promise<SetupReport> {
  const config = readDatabaseConfig(file);
  const report: SetupReport = { created: [], existing: [], indexes: {} };
  const db = app.database();
  for (const [name, spec] of Object.entries(config.collections)) {
    report.indexes[name] = spec.indexes ?? [];
    try {
      const res = (await db.createCollection(name)) as { code?: string; message?: string } | undefined;
      // The SDK hands some failures back as a result carrying `code` instead of throwing.
      if (res?.code) throw Object.assign(new Error(res.message ?? res.code), { code: res.code });
      report.created.push(name);
    } catch (err) {
      if (!alreadyExists(err)) throw err;
      report.existing.push(name);
    }
  }
  return report;
}
