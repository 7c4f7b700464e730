import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_COLLECTIONS } from '../../admin/server/store/collections';

interface CollectionConfig {
  indexes: Array<{ name: string; keys: Record<string, 1 | -1>; unique?: boolean }>;
  rules: { read: string | boolean; write: string | boolean };
}

const config = JSON.parse(readFileSync(path.join(__dirname, '../../database/collections.json'), 'utf8')) as {
  collections: Record<string, CollectionConfig>;
};

describe('database/collections.json', () => {
  it('describes every collection the code uses', () => {
    expect(Object.keys(config.collections).sort()).toEqual(Object.values(ADMIN_COLLECTIONS).sort());
  });

  it('lets no client write to any collection', () => {
    for (const collection of Object.values(config.collections)) expect(collection.rules.write).toBe(false);
  });

  it('declares the owner-only read rule for recordings and segments', () => {
    expect(config.collections.recordings.rules.read).toBe('doc._openid == auth.openid');
    expect(config.collections.segments.rules.read).toBe('doc._openid == auth.openid');
  });

  it('keeps a recording’s segments unique by seq', () => {
    const index = config.collections.segments.indexes.find((i) => i.name === 'recording_seq');
    expect(index).toEqual({ name: 'recording_seq', keys: { recordingId: 1, seq: 1 }, unique: true });
  });
});
