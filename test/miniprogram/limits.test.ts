import { decodeMp3 } from '../../harness/audio-analysis';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STORAGE_LIMITS, USER_DATA_PATH, USER_FILES_QUOTA_BYTES, type WxSimulator } from '../../simulator';
import { speakFor, miniAppPerTest, recordSegment, waitForState, type MiniApp } from './support/mini-app';

const startApp = miniAppPerTest();
let app: MiniApp;

/** Other data of the app (caches, drafts) filling wx storage until only `freeBytes` are left. */
function fillStorage(sim: WxSimulator, freeBytes: number): void {
  for (let i = 0; ; i += 1) {
    const key = `other.cache.${i}`;
    const room = STORAGE_LIMITS.totalBytes - sim.storage.usedBytes() - freeBytes - key.length;
    if (room <= 0) return;
    sim.storage.set(key, 'x'.repeat(Math.min(room, STORAGE_LIMITS.perKeyBytes - 16)));
  }
}

/** Other files of the app (sparse: no disk used) filling the 200 MB quota until `freeBytes` are left. */
function fillFiles(sim: WxSimulator, freeBytes: number): void {
  const root = sim.realPath(USER_DATA_PATH);
  const used = fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
  const filler = sim.realPath(`${USER_DATA_PATH}/other-files.bin`);
  fs.closeSync(fs.openSync(filler, 'w'));
  fs.truncateSync(filler, USER_FILES_QUOTA_BYTES - used - freeBytes);
}

async function launchLoaded(current: MiniApp) {
  const page = current.sim.launch();
  await current.waitFor(
    () => current.core().identity !== undefined && current.data().needsProfile === false,
    'profile',
  );
  return page;
}

describe('limits', () => {
  it('records and finalizes with wx storage 40 KB short of its 10 MB quota', async () => {
    app = await startApp({ withProfile: true });
    const page = await launchLoaded(app);
    fillStorage(app.sim, 40 * 1024);
    await recordSegment(app, 1000);
    await page.tap('onResume');
    await speakFor(app, 1000);
    await page.tap('onStop');
    await app.waitFor(() => app.data().outcome === '完整录音已就绪', 'outcome shown');
    const recordingId = app.data().recordingId;
    expect((await app.segments(recordingId)).map((s) => s.status)).toEqual(['converted', 'converted']);
    expect(app.sim.storage.usedBytes()).toBeLessThanOrEqual(STORAGE_LIMITS.totalBytes);
  });

  it('refuses to start with a clear message when storage is full, leaving nothing half-written', async () => {
    app = await startApp({ withProfile: true });
    const page = await launchLoaded(app);
    fillStorage(app.sim, 100);
    const keysBefore = app.sim.storage.info().keys.sort();
    await page.tap('onRecord');
    expect(app.data().notice).toMatch(/^手机存储空间不足/);
    expect(app.data().canRecord).toBe(true);
    expect(app.sim.recorderState).toBe('idle');
    expect(app.core().recordings()).toEqual([]);
    expect(app.sim.storage.info().keys.sort()).toEqual(keysBefore);
  });

  it('says plainly that the phone is full when its files fill up mid-take, and uploads every saved frame', async () => {
    app = await startApp({ withProfile: true });
    const page = await launchLoaded(app);
    await page.tap('onRecord');
    await waitForState(app, 'recording');
    await speakFor(app, 1000);
    const recordingId = app.data().recordingId;
    fillFiles(app.sim, 16 * 1024);
    await waitForState(app, 'error');
    expect(app.data().notice).toBe(
      '手机存储空间已满，录音已停止。已录下的内容都已保存；清理出空间后可以继续录音。',
    );
    await app.waitFor(() => app.core().journal.get(recordingId)?.phase === 'finalized', 'finalized');
    const segments = await app.segments(recordingId);
    expect(segments.map((s) => s.status)).toEqual(['converted']);
    expect(segments[0]!.samples).toBeGreaterThanOrEqual(16000);
  });

  it('records past the platform’s 10-minute cap by continuing in a new segment', async () => {
    app = await startApp({ withProfile: true, speed: 400, sim: { recorder: { tickMs: 1000 } } });
    const page = await launchLoaded(app);
    await page.tap('onRecord');
    await waitForState(app, 'recording');
    const recordingId = app.data().recordingId;
    const cuts = () =>
      app
        .core()
        .journal.get(recordingId)
        ?.segments.map((s) => s.cut) ?? [];
    await app.waitFor(() => cuts().includes('cap'), 'a segment cut at the cap', 120_000);
    await speakFor(app, 15_000);
    await page.tap('onStop');
    await app.waitFor(() => app.data().outcome === '完整录音已就绪', 'outcome shown', 240_000);
    const segments = await app.segments(recordingId);
    // Automatic 30 s cuts up to the platform's cap, the cap itself, then the rest of the take.
    const capAt = segments.findIndex((s) => s.cut === 'cap');
    expect(segments.map((s) => s.cut)).toEqual([
      ...segments.slice(0, capAt).map(() => 'auto'),
      'cap',
      ...segments.slice(capAt + 2).map(() => 'auto'),
      'stop',
    ]);
    const samplesToCap = segments.slice(0, capAt + 1).reduce((sum, s) => sum + s.samples, 0);
    expect(samplesToCap).toBe(600 * 16000);
    const afterCap = segments.slice(capAt + 1).reduce((sum, s) => sum + s.durationMs, 0);
    expect(afterCap).toBeGreaterThanOrEqual(15_000);
    const recording = await app.recording(recordingId);
    expect(recording?.durationMs).toBeGreaterThan(615_000);
    const full = await app.emu.readFile(recording!.fullMp3FileID!);
    const decoded = await decodeMp3(full);
    expect(decoded.samples.length).toBe(segments.reduce((sum, s) => sum + s.samples, 0));
  }, 400_000);
});
