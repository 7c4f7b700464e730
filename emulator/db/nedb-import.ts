/**
 * Data directories written before the store moved to one log kept one NeDB file per collection
 * (`<name>.db`). On first load they are read once and returned as log lines; the old files stay put.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { EJSON } from 'bson';

export async function importNedbFiles(dir: string, log: (line: string) => void): Promise<string[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.db'));
  const lines: string[] = [];
  for (const file of files) {
    const name = file.slice(0, -'.db'.length);
    const datastore = new Datastore({ filename: path.join(dir, file) });
    await datastore.loadDatabaseAsync();
    for (const doc of datastore.getAllData<Record<string, unknown>>()) {
      lines.push(EJSON.stringify({ ops: [{ c: name, d: doc }] }, { relaxed: false }));
    }
    log(`[db] imported ${name} from the NeDB file ${file}`);
  }
  return lines;
}
