import { Journal, JOURNAL_KEYS } from '../../miniprogram/recorder/journal';
import { JOURNAL_VERSION, type RecordingEntry } from '../../miniprogram/recorder/journal-types';
import { RecorderError } from '../../miniprogram/recorder/errors';
import { launchCore, recordAndStop } from './support/core-fixture';
import { MemoryStorage } from './support/fake-port';

function entry(recordingId: string, finished: boolean, segmentCount = 1): RecordingEntry {
  return {
    version: JOURNAL_VERSION,
    recordingId,
    sampleRate: 16000,
    channels: 1,
    phase: finished ? 'finalized' : 'finalizing',
    createdAt: 0,
    updatedAt: 0,
    segments: Array.from({ length: segmentCount }, (_, seq) => ({
      seq,
      local: 'sealed' as const,
      upload: 'uploaded' as const,
      server: finished ? ('converted' as const) : ('failed' as const),
      localFile: finished ? undefined : `wxfile://usr/recorder/${recordingId}/${seq}.wav`,
      durationMs: 60000,
      bytes: 1920044,
      fileID: `cloud://env.bucket/recordings/openid/${recordingId}/${seq}.wav`,
      attempts: 1,
      lastError: finished
        ? undefined
        : { code: 'INTERNAL' as const, message: 'x'.repeat(200), retryable: true },
    })),
    finalize: { attempts: finished ? 1 : 0 },
  };
}

describe('journal', () => {
  it('writes the upload state before the upload and the converting state before ingest', async () => {
    const fixture = launchCore();
    const seen: Record<string, string> = {};
    fixture.platform.cloud.beforeEach = (what) => {
      const stored = [...fixture.platform.storage.data.entries()].find(([key]) => key.includes('.rec.'));
      const segment = (JSON.parse(stored?.[1] ?? '{}') as RecordingEntry).segments?.[0];
      seen[what.startsWith('upload') ? 'upload wav' : what] = `${segment?.upload}/${segment?.server}`;
    };
    await recordAndStop(fixture, [500]);
    expect(seen['upload wav']).toBe('uploading/pending');
    expect(seen['call ingestSegment']).toBe('uploaded/converting');
  });

  it('survives a relaunch: a new journal over the same storage reads the same entries', () => {
    const storage = new MemoryStorage();
    const first = new Journal(storage, () => 1);
    first.create(entry('recording-aaaaaaaaaaaaaaaa', false));
    const second = new Journal(storage, () => 2);
    expect(second.list().map((e) => e.recordingId)).toEqual(['recording-aaaaaaaaaaaaaaaa']);
    expect(second.get('recording-aaaaaaaaaaaaaaaa')?.segments[0].server).toBe('failed');
  });

  it('ignores entries written in an unknown format version instead of misreading them', () => {
    const storage = new MemoryStorage();
    storage.set(JOURNAL_KEYS.index, JSON.stringify({ version: 99, recordingIds: ['x'] }));
    expect(new Journal(storage, () => 1).list()).toEqual([]);
  });

  it('compacts finished recordings and keeps only the newest of them', () => {
    const storage = new MemoryStorage();
    const journal = new Journal(storage, () => 1, {
      maxKeyBytes: 900 * 1024,
      budgetBytes: 2 * 1024 * 1024,
      keepFinished: 2,
    });
    for (const id of ['finished-0000000000001', 'finished-0000000000002', 'finished-0000000000003']) {
      journal.create(entry(id, true));
    }
    journal.create(entry('unfinished-000000000001', false));
    journal.compact();
    expect(journal.list().map((e) => e.recordingId)).toEqual([
      'finished-0000000000002',
      'finished-0000000000003',
      'unfinished-000000000001',
    ]);
    expect(journal.get('finished-0000000000003')?.compacted).toBe(true);
    expect(journal.get('finished-0000000000003')?.segments[0].fileID).toBeUndefined();
    expect(storage.get(JOURNAL_KEYS.recording('finished-0000000000001'))).toBeUndefined();
  });

  it('evicts finished recordings, never unfinished ones, to stay inside its budget', () => {
    const storage = new MemoryStorage();
    const journal = new Journal(storage, () => 1, {
      maxKeyBytes: 900 * 1024,
      budgetBytes: 22 * 1024,
      keepFinished: 50,
    });
    journal.create(entry('finished-0000000000001', true, 20));
    journal.create(entry('unfinished-000000000001', false, 20));
    journal.create(entry('unfinished-000000000002', false, 20));
    expect(journal.list().map((e) => e.recordingId)).toEqual([
      'unfinished-000000000001',
      'unfinished-000000000002',
    ]);
    expect(journal.totalBytes()).toBeLessThanOrEqual(22 * 1024);
  });

  it('refuses with TOO_LARGE, leaving storage as it was, when only unfinished work fills the budget', () => {
    const storage = new MemoryStorage();
    const journal = new Journal(storage, () => 1, {
      maxKeyBytes: 900 * 1024,
      budgetBytes: 20 * 1024,
      keepFinished: 50,
    });
    journal.create(entry('unfinished-000000000001', false, 20));
    const before = new Map(storage.data);
    let caught: unknown;
    try {
      journal.update('unfinished-000000000001', (draft) => {
        draft.segments.push(...entry('more', false, 40).segments);
      });
    } catch (err) {
      caught = err;
    }
    expect((caught as RecorderError).code).toBe('TOO_LARGE');
    expect(storage.data).toEqual(before);
    expect(journal.get('unfinished-000000000001')?.segments).toHaveLength(20);
  });

  it('frees finished entries when the phone storage itself is nearly full', () => {
    const storage = new MemoryStorage();
    const journal = new Journal(storage, () => 1);
    journal.create(entry('finished-0000000000001', true, 30));
    storage.totalLimitBytes = storage.usedBytes() + 2000;
    journal.create(entry('unfinished-000000000001', false, 6));
    expect(journal.list().map((e) => e.recordingId)).toEqual(['unfinished-000000000001']);
  });

  it('leaves no index entry behind when a new recording cannot be stored', () => {
    const storage = new MemoryStorage();
    const journal = new Journal(storage, () => 1);
    journal.create(entry('unfinished-000000000001', false, 1));
    storage.totalLimitBytes = storage.usedBytes() + 200;
    expect(() => journal.create(entry('unfinished-000000000002', false, 3))).toThrow(RecorderError);
    expect(journal.list().map((e) => e.recordingId)).toEqual(['unfinished-000000000001']);
    expect(new Journal(storage, () => 2).list().map((e) => e.recordingId)).toEqual([
      'unfinished-000000000001',
    ]);
  });

  it('removes on launch an entry key its index does not name (a kill between the two writes of remove)', () => {
    const storage = new MemoryStorage();
    const journal = new Journal(storage, () => 0);
    journal.create(entry('kept', true));
    journal.create(entry('gone', true));
    // remove('gone') died after its index write: the entry's key is still there.
    storage.set(JOURNAL_KEYS.index, JSON.stringify({ version: JOURNAL_VERSION, recordingIds: ['kept'] }));
    const relaunched = new Journal(storage, () => 0);
    expect(relaunched.list().map((e) => e.recordingId)).toEqual(['kept']);
    expect(storage.keys().filter((k) => k.includes('.rec.'))).toEqual([JOURNAL_KEYS.recording('kept')]);
  });

  it('sweeps nothing when the index cannot be read', () => {
    const storage = new MemoryStorage();
    new Journal(storage, () => 0).create(entry('kept', true));
    storage.set(JOURNAL_KEYS.index, '{not json');
    new Journal(storage, () => 0);
    expect(storage.get(JOURNAL_KEYS.recording('kept'))).toBeDefined();
  });
});
