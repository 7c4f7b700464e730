/**
 * Teacher accounts from the command line:
 *   npm run admin:teacher -- add NAME [--password PASSWORD] [--display-name "Full Name"]
 *   npm run admin:teacher -- passwd NAME [--password PASSWORD]
 * Without --password it asks for one. Talks to the same database as the admin server (see admin/server/config.ts).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { connectCloud } from '../admin/server/cloud-connect';
import { readConfig } from '../admin/server/config';
import { createTeacher, setTeacherPassword } from '../admin/server/teachers';

const USAGE = 'usage: npm run admin:teacher -- add|passwd NAME [--password PASSWORD] [--display-name NAME]';

async function askPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question('password: ');
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { password: { type: 'string' }, 'display-name': { type: 'string' } },
  });
  const [command, username] = positionals;
  if (!['add', 'passwd'].includes(command) || !username) throw new Error(USAGE);
  const password = values.password ?? (await askPassword());
  const cloud = await connectCloud(readConfig());
  if (command === 'add') {
    const teacher = await createTeacher(cloud, { username, password, displayName: values['display-name'] });
    console.log(`created teacher "${teacher.username}" (${teacher._id})`);
  } else {
    await setTeacherPassword(cloud, username, password);
    console.log(`password changed for "${username}"`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
