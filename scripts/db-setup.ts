/**
 * `npm run db:setup`: creates the collections `database/collections.json` declares.
 *   against the emulator:   EMULATOR_URL=http://127.0.0.1:3210 ENV_ID=local-dev npm run db:setup
 *   against a real env:     ENV_ID=<env> TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run db:setup
 * The emulator builds the indexes from the same file; on a real environment @cloudbase/node-sdk has no
 * index API, so the indexes to add (console → 数据库 → 索引管理) are printed.
 */
import tcb from '@cloudbase/node-sdk';
import { nodeAppFor } from '../harness/emulator';
import { setupDatabase, type SetupReport } from './db-setup/setup-database';

function appFromEnv(): ReturnType<typeof tcb.init> {
  const envId = process.env.ENV_ID;
  if (!envId) throw new Error('ENV_ID is required (the CloudBase environment id, or the emulator’s)');
  if (process.env.EMULATOR_URL) return nodeAppFor(process.env.EMULATOR_URL, envId);
  return tcb.init({ env: envId });
}

function print(report: SetupReport, real: boolean): void {
  console.log(`created: ${report.created.join(', ') || '(none)'}`);
  console.log(`already there: ${report.existing.join(', ') || '(none)'}`);
  if (!real) return;
  console.log('indexes to add in the console (数据库 → 索引管理), as database/collections.json lists them:');
  for (const [name, indexes] of Object.entries(report.indexes)) {
    for (const index of indexes)
      console.log(`  ${name}.${index.name} ${JSON.stringify(index.keys)}${index.unique ? ' unique' : ''}`);
  }
}

setupDatabase(appFromEnv())
  .then((report) => print(report, !process.env.EMULATOR_URL))
  .catch((err: unknown) => {
    console.error(`db:setup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
