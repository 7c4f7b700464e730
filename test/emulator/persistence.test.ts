import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { nodeAppFor, startTestEmulator } from '../../harness/emulator';

const REPO = path.join(__dirname, '..', '..');

test('a restart on the same DATA_DIR keeps documents, files and temporary URLs', async () => {
  const emu = await startTestEmulator({ autoCreateCollections: true });
  try {
    const app = emu.nodeApp();
    await app
      .database()
      .collection('keep')
      .add({ _id: 'k', v: [1, 2], at: new Date(7) });
    const { fileID } = await app.uploadFile({
      cloudPath: 'keep/a.txt',
      fileContent: Buffer.from('still here'),
    });
    const { fileList } = await app.getTempFileURL({ fileList: [fileID] });
    await emu.restart();
    const after = emu.nodeApp();
    expect((await after.database().collection('keep').doc('k').get()).data).toEqual([
      { _id: 'k', v: [1, 2], at: new Date(7) },
    ]);
    expect(((await after.downloadFile({ fileID })).fileContent as Buffer).toString()).toBe('still here');
    const oldUrl = fileList[0].tempFileURL.replace(/^http:\/\/[^/]+/, emu.url);
    expect(await (await fetch(encodeURI(oldUrl))).text()).toBe('still here');
  } finally {
    await emu.stop();
  }
});

/** Starts `npm run emulator`'s entry point in a child process and resolves with its URL. */
function startCli(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      EMULATOR_PORT: '0',
      DATA_DIR: dataDir,
      ENV_ID: 'kill-env',
      AUTO_CREATE_COLLECTIONS: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator CLI exited early with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve({ child, url: match[1] });
    });
  });
}

test('kill -9 right after a 200 loses no acknowledged write', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'emulator-kill-'));
  const { child, url } = await startCli(dataDir);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const app = nodeAppFor(url, 'kill-env');
    const db = app.database();
    for (let i = 0; i < 20; i++) await db.collection('durable').add({ _id: `d${i}`, i });
    await db
      .collection('durable')
      .doc('d0')
      .update({ i: db.command.inc(100) });
    await app.uploadFile({ cloudPath: 'durable/last.bin', fileContent: Buffer.from('acknowledged') });
    child.kill('SIGKILL');
    await exited;
    const emu = await startTestEmulator({ dataDir, envId: 'kill-env', autoCreateCollections: true });
    try {
      const after = emu.nodeApp();
      expect((await after.database().collection('durable').count()).total).toBe(20);
      expect((await after.database().collection('durable').doc('d0').get()).data).toEqual([
        { _id: 'd0', i: 100 },
      ]);
      const fileID = 'cloud://kill-env.kill-env-1250000000/durable/last.bin';
      expect(((await after.downloadFile({ fileID })).fileContent as Buffer).toString()).toBe('acknowledged');
    } finally {
      await emu.stop();
    }
  } finally {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
});
