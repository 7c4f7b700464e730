import { decodeMp3 } from '../../harness/audio-analysis';
import { storedFiles } from '../../harness/stored-files';
import type { NetworkFault } from '../../simulator/cloud/cloud-faults';
import { miniAppPerTest, recordSegment, type MiniApp } from './support/mini-app';

// The network between the phone and the cloud loses a reply after the server did the work, or delivers a
// request twice (simulator/cloud/cloud-faults.ts). Whatever happens, the recording ends with exactly one of
// everything: one document, one row per segment, only the files that play, and a full MP3 of all the audio.
const startApp = miniAppPerTest();
let app: MiniApp;

type ServerCall = 'ingestSegment' | 'finalizeRecording';

const CASES: Array<[string, ServerCall, NetworkFault]> = [
  ['the reply of an ingest is lost', 'ingestSegment', { kind: 'reply-lost' }],
  ['an ingest is delivered twice', 'ingestSegment', { kind: 'duplicate', gapMs: 20 }],
  ['the reply of a finalize is lost', 'finalizeRecording', { kind: 'reply-lost' }],
  ['a finalize is delivered twice', 'finalizeRecording', { kind: 'duplicate', gapMs: 20 }],
];

async function expectExactlyOneOfEverything(current: MiniApp, recordingId: string): Promise<void> {
  const recording = await current.recording(recordingId);
  expect(recording).toMatchObject({ status: 'ready', segmentCount: 2, cleanup: { state: 'done' } });
  const segments = await current.segments(recordingId);
  expect(segments.map((s) => [s.seq, s.status, s.attempts])).toEqual([
    [0, 'converted', 1],
    [1, 'converted', 1],
  ]);
  const files = await storedFiles(current.emu.dataDir, current.openid, recordingId);
  expect(files.map((f) => f.name)).toEqual(['0.mp3', '1.mp3', 'full.mp3']);
  const decoded = await decodeMp3(await current.emu.readFile(recording!.fullMp3FileID!));
  expect(decoded.samples.length).toBe(segments[0]!.samples + segments[1]!.samples);
}

describe('server work the phone never heard of, or heard of twice', () => {
  it.each(CASES)('%s: the recording ends with exactly one of everything', async (_, name, fault) => {
    app = await startApp({ withProfile: true });
    app.sim.cloud.injectCall(name, fault);
    const page = app.sim.launch();
    await recordSegment(app, 1200);
    await recordSegment(app, 900);
    await page.tap('onStop');
    await app.waitFor(() => app.data().outcome === '完整录音已就绪', 'outcome shown', 60_000);
    const faulted = app.sim.cloud.calls.filter((c) => c.target === name && c.fault === fault.kind);
    expect(faulted).toHaveLength(1);
    expect(faulted[0]!.deliveries).toBe(fault.kind === 'duplicate' ? 2 : 1);
    await app.sim.cloud.serverIdle();
    await expectExactlyOneOfEverything(app, app.data().recordingId);
  });
});
