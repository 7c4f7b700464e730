/** Helpers shared by the emulator conformance tests: raw wire calls and a look at what is stored. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmulatorOptions } from '../../emulator';
import { startTestEmulator, type NodeDb, type TestEmulator } from '../../harness/emulator';

export const FIXTURE_FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');
/** cloudbaserc.json for the fixture functions (timeouts past the 3 s default). */
export const FIXTURE_SETTINGS = path.join(__dirname, 'fixtures', 'cloudbaserc.json');

export interface RawAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs a body to /admin the way the SDKs do, without their client-side checks. */
export async function postAdmin(url: string, body: string | Buffer | object): Promise<RawAnswer> {
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(`${url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof payload === 'string' ? payload : new Uint8Array(payload),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** Everything the emulator has stored: each collection's datafile text and each file's bytes. */
export async function storeSnapshot(dataDir: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const file of await listFiles(path.join(dataDir, 'db'))) {
    snapshot[`db/${file}`] = await readFile(path.join(dataDir, 'db', file), 'utf8');
  }
  for (const file of await listFiles(path.join(dataDir, 'files'))) {
    snapshot[`files/${file}`] = (await readFile(path.join(dataDir, 'files', file))).toString('base64');
  }
  return snapshot;
}

/** One emulator for a whole test file: started before the first test, stopped (and its data removed) after the last. */
export function emulatorPerFile(options: Partial<EmulatorOptions> = {}): {
  readonly emu: TestEmulator;
  readonly db: NodeDb;
} {
  let emu: TestEmulator | undefined;
  let db: NodeDb | undefined;
  beforeAll(async () => {
    // Conformance tests of query semantics work on scratch collections nobody declared.
    emu = await startTestEmulator({ autoCreateCollections: true, ...options });
    db = emu.nodeApp().database();
  });
  afterAll(async () => {
    await emu?.stop();
  });
  return {
    get emu() {
      if (!emu) throw new Error('the emulator starts in beforeAll');
      return emu;
    },
    get db() {
      if (!db) throw new Error('the emulator starts in beforeAll');
      return db;
    },
  };
}
