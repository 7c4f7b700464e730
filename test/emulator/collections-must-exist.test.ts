import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { COLLECTIONS } from '../../typings/documents';

// CloudBase answers DATABASE_COLLECTION_NOT_EXIST (-502005 in wx-server-sdk) for a collection nobody
// created; the emulator refuses it the same way, and `db:setup` (run by the harness) creates the ones the
// app declares in database/collections.json.
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

const NOT_EXIST = { code: 'DATABASE_COLLECTION_NOT_EXIST', message: expect.stringContaining('not exist') };

describe('collections must exist', () => {
  it('refuses a write and a read of a collection nobody created, with CloudBase’s error, and stores nothing', async () => {
    const db = emu.nodeApp().database();
    await expect(db.collection('recordingz').add({ _id: 'typo', v: 1 })).rejects.toMatchObject(NOT_EXIST);
    await expect(db.collection('recordingz').where({ _id: 'typo' }).get()).rejects.toMatchObject(NOT_EXIST);
    await db.createCollection('recordingz');
    expect((await db.collection('recordingz').get()).data).toEqual([]);
  });

  it('accepts every collection the app declares once db:setup has run', async () => {
    const db = emu.nodeApp().database();
    for (const name of Object.values(COLLECTIONS)) {
      await db.collection(name).add({ _id: `probe-${name}`, probe: true });
      expect(
        (
          await db
            .collection(name)
            .where({ _id: `probe-${name}` })
            .get()
        ).data,
      ).toHaveLength(1);
    }
  });
});
