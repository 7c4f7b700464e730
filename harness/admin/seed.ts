/** Recording documents written straight to the db, for list, filter and scale tests that need no audio. */
import { randomBytes } from 'node:crypto';
import type { RecordingDoc, StudentDoc } from '../../typings/documents';
import { COLLECTIONS } from '../../typings/documents';
import type { NodeApp } from '../emulator';

export function seededRecording(overrides: Partial<RecordingDoc> & { _openid: string }): RecordingDoc {
  const createdAt = overrides.createdAt ?? new Date();
  return {
    _id: randomBytes(16).toString('base64url'),
    source: 'miniprogram',
    status: 'ready',
    segmentCount: 1,
    durationMs: 5000,
    sampleRate: 16000,
    channels: 1,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export async function insertAll(app: NodeApp, collection: string, docs: object[]): Promise<void> {
  const col = app.database().collection(collection);
  // A few at a time: the emulator shares two cores with the server under test.
  for (let i = 0; i < docs.length; i += 20) {
    await Promise.all(docs.slice(i, i + 20).map((doc) => col.add(doc)));
  }
}

export async function insertStudent(app: NodeApp, openid: string, name: string): Promise<void> {
  const now = new Date();
  const doc: StudentDoc = { _id: openid, name, className: 'Class 3', createdAt: now, updatedAt: now };
  await app.database().collection(COLLECTIONS.students).add(doc);
}
