import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { createSimPhone, type SimPhone } from '../../harness/sim-phone';
import type { ProfileName } from '../../simulator/cloud/network-profile';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import { expectGaplessFullMp3 } from './support/gapless';

/**
 * The microphone plays at SPEED × real time while uploads take real (wall) time on the recorder's clock:
 * at 2× the 3G-like link still carries twice the PCM the take makes, so the uploads keep up.
 */
const SPEED = 2;
/**
 * Scaled down from 30 s / 10 s / 3 s so that a short take shows several cuts: 1 s of wire time carries
 * ~3.8 s of audio on the 3G-like link (~125 bytes per ms against 32) and ~25 s on the 4G-like one.
 */
const MAX_CUT_MS = 12_000;
const FLOOR_MS = 2_000;
const WIRE_BUDGET_MS = 1_000;
const FRAME_MS = 256;
const TAKE_MS = 30_000;

let emu: TestEmulator;
let wav: string;
const phones: SimPhone[] = [];

beforeAll(async () => {
  emu = await startTestEmulator();
  wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 16000, channels: 1 });
});

afterAll(async () => {
  for (const phone of phones) phone.dispose();
  await emu.stop();
});

/** One continuous take on a phone whose uplink is `profile`, paused, stopped and finalized. */
async function takeOn(
  profile: ProfileName,
): Promise<{ phone: SimPhone; recording: RecordingDoc; segments: SegmentDoc[] }> {
  const phone = await createSimPhone({
    client: emu.client(),
    envId: emu.envId,
    openid: `student-${profile}`,
    wav,
    speed: SPEED,
    core: { autoCutMs: MAX_CUT_MS, autoCutFloorMs: FLOOR_MS, autoCutWireBudgetMs: WIRE_BUDGET_MS },
  });
  phones.push(phone);
  await phone.core.identity.openid();
  phone.sim.cloud.setProfile(profile);
  const session = await phone.core.startRecording();
  await phone.recordSegment(session, TAKE_MS);
  session.stop();
  await phone.core.whenSettled(session.recordingId);
  const db = emu.nodeApp().database();
  const where = { recordingId: session.recordingId };
  const segments = (await db.collection(COLLECTIONS.segments).where(where).get()).data as SegmentDoc[];
  const recordings = await db.collection(COLLECTIONS.recordings).where({ _id: session.recordingId }).get();
  return {
    phone,
    recording: (recordings.data as RecordingDoc[])[0]!,
    segments: segments.sort((a, b) => a.seq - b.seq),
  };
}

describe('automatic cuts on a slow uplink', () => {
  it('cuts a take shorter after its first upload on the 3G-like uplink than on the 4G-like one, and its full MP3 has no gap or duplicate at any cut', async () => {
    const [fast, slow] = await Promise.all([takeOn('4g'), takeOn('3g')]);
    const autoMs = (segments: SegmentDoc[]) =>
      segments.filter((s) => s.cut === 'auto').map((s) => s.durationMs);
    for (const { segments } of [fast, slow]) {
      expect(segments.map((s) => s.cut)).toEqual([...segments.slice(1).map(() => 'auto'), 'pause']);
      // Before any upload was measured, both cut at the configured maximum.
      expect(segments[0]!.durationMs).toBeGreaterThanOrEqual(MAX_CUT_MS);
      expect(segments[0]!.durationMs).toBeLessThan(MAX_CUT_MS + FRAME_MS);
    }
    // 4G-like: 1 s of wire time carries more than the maximum, so every cut stays at it.
    for (const ms of autoMs(fast.segments)) {
      expect(ms).toBeGreaterThanOrEqual(MAX_CUT_MS);
      expect(ms).toBeLessThan(MAX_CUT_MS + FRAME_MS);
    }
    // 3G-like: once the first upload was measured, every cut is shorter, but never below the floor.
    const later = autoMs(slow.segments).slice(1);
    expect(later.length).toBeGreaterThan(0);
    for (const ms of later) {
      expect(ms).toBeLessThan(MAX_CUT_MS);
      expect(ms).toBeGreaterThanOrEqual(FLOOR_MS);
    }
    expect(slow.segments.length).toBeGreaterThan(fast.segments.length);

    for (const { phone, recording, segments } of [fast, slow]) {
      expect(recording).toMatchObject({ status: 'ready', segmentCount: segments.length });
      expect(segments.every((s) => s.status === 'converted')).toBe(true);
      await expectGaplessFullMp3(await emu.readFile(recording.fullMp3FileID!), segments, phone.sim.mic);
    }
  });
});
