import type { BusEvent } from '../../../miniprogram/recorder/bus';
import { JOURNAL_KEYS } from '../../../miniprogram/recorder/journal';
import type { RecordingEntry, SegmentEntry } from '../../../miniprogram/recorder/journal-types';
import type { MiniApp } from './mini-app';

/** Every segment state the bus published (what the pages were shown), as "seq:upload/server". */
export function traceSegmentStates(app: MiniApp): string[] {
  const seen: string[] = [];
  app.core().bus.subscribe((event: BusEvent) => {
    if (event.type === 'segment')
      seen.push(`${event.segment.seq}:${event.segment.upload}/${event.segment.server}`);
  });
  return seen;
}

export function journalSegment(app: MiniApp, recordingId: string, seq: number): SegmentEntry | undefined {
  return app
    .core()
    .journal.get(recordingId)
    ?.segments.find((s) => s.seq === seq);
}

/** How many times the app asked wx.cloud for `api` (e.g. 'cloud.uploadFile') on `target`, and succeeded. */
export function successfulCalls(app: MiniApp, api: string, target: (t: string) => boolean): number {
  return app.sim.cloud.calls.filter((c) => c.api === api && c.ok && target(c.target)).length;
}

/** The journal as it stands in the phone's wx storage (what the next launch would read), oldest first. */
export function storedJournal(app: MiniApp): RecordingEntry[] {
  const read = (key: string): unknown => {
    const raw = app.sim.wx.getStorageSync(key) as string;
    return raw ? JSON.parse(raw) : undefined;
  };
  const index = read(JOURNAL_KEYS.index) as { recordingIds: string[] } | undefined;
  return (index?.recordingIds ?? []).map((id) => read(JOURNAL_KEYS.recording(id)) as RecordingEntry);
}
