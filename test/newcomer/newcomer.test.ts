/**
 * What a newcomer does: a fresh copy of the repository, install, `npm start`, sign in with the printed
 * credentials, open the demo recording and hear it play; stop with Ctrl-C, start again, data still there.
 * The copy is a `git clone` of this repository, so it holds exactly what is committed.
 *
 * Install is `npm install` (the README's command) with the committed lockfile, not `npm ci`: the registry
 * these machines reach serves only the Linux builds of platform packages such as @swc/core-darwin-arm64
 * (404 for the rest), so npm cannot record them in the lockfile and `npm ci` refuses it as out of sync.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { signInThroughForm, waitUntilPlaying } from '../admin/support/admin-page';
import { launchBrowser } from '../support/chromium';
import { nodeAppFor } from '../../harness/emulator';
import { npmStart, type StartedSystem } from './system-process';

const REPO = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 8 * 60_000;
jest.setTimeout(30 * 60_000);

let copy: string;

function startSystem(): Promise<StartedSystem> {
  return npmStart(
    copy,
    { ...process.env, PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'info' },
    START_TIMEOUT_MS,
  );
}

/** `npm run demo` in the copy, pointed at the running system the way its banner says. */
function runDemo(system: StartedSystem): string {
  const env = {
    ...process.env,
    EMULATOR_PORT: new URL(system.emulatorUrl).port,
    PORT: new URL(system.adminUrl).port,
    ENV_ID: system.envId,
  };
  return execFileSync('npm', ['run', '--silent', 'demo'], {
    cwd: copy,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

async function demoRecordings(system: StartedSystem): Promise<RecordingDoc[]> {
  const db = nodeAppFor(system.emulatorUrl, system.envId).database();
  return (await db.collection(COLLECTIONS.recordings).where({}).get()).data as RecordingDoc[];
}

/** Signs in, opens the first recording in the list, plays it; answers the audio element's duration (s). */
async function playDemoRecording(system: StartedSystem): Promise<number> {
  const browser = await launchBrowser({});
  try {
    const page = await browser.context.newPage();
    await signInThroughForm(page, system.adminUrl, system.username, system.password);
    await page.waitForURL(/#\/(assignments)?$/);
    await page.goto(`${system.adminUrl}/#/recordings`);
    await page.locator('[data-test=open-recording]').first().click();
    await page.locator('[data-test=play]').click();
    await waitUntilPlaying(page);
    return await page.locator('audio[data-test=main-audio]').evaluate((a: HTMLAudioElement) => a.duration);
  } finally {
    await browser.close();
  }
}

beforeAll(async () => {
  copy = await mkdtemp(path.join(os.tmpdir(), 'newcomer-'));
  execFileSync('git', ['clone', '--quiet', REPO, copy]);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: copy,
    stdio: 'ignore',
  });
});

afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
});

describe('a newcomer with a fresh clone', () => {
  it('starts the system, signs in with the printed credentials and hears the demo recording play', async () => {
    const system = await startSystem();
    try {
      const recordings = await demoRecordings(system);
      expect(recordings).toHaveLength(1);
      expect(recordings[0]).toMatchObject({ status: 'ready', source: 'miniprogram', segmentCount: 3 });
      const duration = await playDemoRecording(system);
      expect(Math.abs(duration * 1000 - recordings[0].durationMs)).toBeLessThan(100);
    } finally {
      await system.stop();
    }
    await expect(fetch(system.adminUrl)).rejects.toThrow();
  });

  it('starts again on the same data: the same credentials, the same recording, nothing seeded twice', async () => {
    // The start before this one, on the same clone's data (made here, so this test stands alone).
    const before = await startSystem();
    const first = { username: before.username, password: before.password, ids: [] as string[] };
    try {
      first.ids = (await demoRecordings(before)).map((r) => r._id);
    } finally {
      await before.stop();
    }
    const system = await startSystem();
    try {
      expect({ username: system.username, password: system.password }).toEqual({
        username: first.username,
        password: first.password,
      });
      const recordings = await demoRecordings(system);
      expect(recordings.map((r) => r._id)).toEqual(first.ids);
      await playDemoRecording(system);
    } finally {
      await system.stop();
    }
  });

  it('records one more answer with npm run demo into the running system and gets its admin link', async () => {
    const system = await startSystem();
    try {
      const output = runDemo(system);
      const link = /open it in the admin page: (\S+)/.exec(output);
      expect(link?.[1]).toMatch(new RegExp(`^${system.adminUrl}/#/recordings/[A-Za-z0-9_-]{16,}$`));
      const recordingId = link![1].split('/').pop();
      const recordings = await demoRecordings(system);
      expect(recordings.find((r) => r._id === recordingId)).toMatchObject({
        status: 'ready',
        segmentCount: 3,
      });
    } finally {
      await system.stop();
    }
  });
});
