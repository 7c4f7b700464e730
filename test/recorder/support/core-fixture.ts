import { RecorderCore, type RecorderCoreOptions } from '../../../miniprogram/recorder/core';
import type { RecordingEntry, SegmentEntry } from '../../../miniprogram/recorder/journal-types';
import { createFakePlatform, settle, type FakePlatform } from './fake-port';

export interface CoreFixture {
  platform: FakePlatform;
  core: RecorderCore;
}

/** A launched core over a fake phone (or over `from`, which relaunches that phone). */
export function launchCore(from?: FakePlatform, options: RecorderCoreOptions = {}): CoreFixture {
  const platform = createFakePlatform(from);
  const core = new RecorderCore(platform, {
    backoff: { baseMs: 1000, maxMs: 60000, maxAttempts: 5 },
    ...options,
  });
  core.launch();
  return { platform, core };
}

/** Records `segmentsMs.length` segments of speech, pausing after each, and stops. Returns the recording id. */
export async function recordAndStop(fixture: CoreFixture, segmentsMs: number[]): Promise<string> {
  const session = await fixture.core.startRecording();
  segmentsMs.forEach((ms, index) => {
    if (index > 0) session.resume();
    fixture.platform.recorder.speak(ms);
    session.pause();
  });
  session.stop();
  await settle();
  return session.recordingId;
}

export function entryOf(fixture: CoreFixture, recordingId: string): RecordingEntry {
  const entry = fixture.core.journal.get(recordingId);
  if (!entry) throw new Error(`no journal entry for ${recordingId}`);
  return entry;
}

export function segmentOf(fixture: CoreFixture, recordingId: string, seq: number): SegmentEntry {
  const segment = entryOf(fixture, recordingId).segments.find((s) => s.seq === seq);
  if (!segment) throw new Error(`no segment ${seq}`);
  return segment;
}
