import { openStores } from '../../pipeline/cloud-handle';
import { LEASE_MS, releaseLease, tryAcquireLease, withLease } from '../../pipeline/recordings/lease';
import type { DocStore } from '../../pipeline/store/types';
import { COLLECTIONS, type LeaseDoc } from '../../typings/documents';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';

// The lease itself, through the node SDK against the emulator, on a clock the test moves.
let emu: TestEmulator;
let db: DocStore;

beforeAll(async () => {
  emu = await startTestEmulator();
  db = openStores(emu.nodeApp()).db;
});
afterAll(() => emu.stop());

const at = (ms: number) => ({ recordingId: 'rec-lease', now: () => ms });

describe('lease', () => {
  it('has one holder until it expires, then the next caller takes it over', async () => {
    const first = await tryAcquireLease(db, 'work:a', at(1_000));
    expect(first).toBeDefined();
    expect(await tryAcquireLease(db, 'work:a', at(1_000 + LEASE_MS - 1))).toBeUndefined();
    const second = await tryAcquireLease(db, 'work:a', at(1_000 + LEASE_MS + 1));
    expect(second).toBeDefined();
    expect(second!.holder).not.toBe(first!.holder);
    const stored = await db.get<LeaseDoc>(COLLECTIONS.leases, 'work:a');
    expect(stored).toMatchObject({ holder: second!.holder, expiresAtMs: 1_000 + 2 * LEASE_MS + 1 });
  });

  it('is not released by a holder whose lease was taken over', async () => {
    const stale = (await tryAcquireLease(db, 'work:b', at(0)))!;
    const current = (await tryAcquireLease(db, 'work:b', at(LEASE_MS + 1)))!;
    await releaseLease(db, stale);
    expect(await db.get<LeaseDoc>(COLLECTIONS.leases, 'work:b')).toMatchObject({ holder: current.holder });
    await releaseLease(db, current);
    expect(await db.get(COLLECTIONS.leases, 'work:b')).toBeUndefined();
  });

  it('answers whenBusy while held, and is gone once the work ends, even when it throws', async () => {
    const seen: string[] = [];
    const busyAnswer = () => withLease(db, 'work:c', { ...at(0), whenBusy: () => 'busy' }, async () => 'ran');
    const outcome = withLease(db, 'work:c', { ...at(0), whenBusy: () => 'busy' }, async () => {
      seen.push(await busyAnswer());
      throw new Error('the work failed');
    });
    await expect(outcome).rejects.toThrow('the work failed');
    expect(seen).toEqual(['busy']);
    expect(await db.get(COLLECTIONS.leases, 'work:c')).toBeUndefined();
    expect(await busyAnswer()).toBe('ran');
  });

  it('is renewed while the work goes on, so a long holder keeps it', async () => {
    let clock = 0;
    const options = { recordingId: 'rec-lease', now: () => clock, whenBusy: () => 'busy' };
    await withLease(db, 'work:d', options, async () => {
      clock = 60_000; // the work runs far longer than one lease
      const renewed = async () =>
        (await db.get<LeaseDoc>(COLLECTIONS.leases, 'work:d'))?.expiresAtMs === 60_000 + LEASE_MS;
      for (let tries = 0; !(await renewed()); tries++) {
        if (tries > 200) throw new Error('the lease was never renewed');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return 'ran';
    });
  });
});
