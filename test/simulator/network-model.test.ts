import path from 'node:path';
import { emulatorPerFile } from '../emulator/helpers';
import { USER_DATA_PATH } from '../../simulator/index';
import { Uplink } from '../../simulator/cloud/network-profile';
import { simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();
const emulator = emulatorPerFile({
  functionsDir: path.join(__dirname, 'fixtures', 'functions'),
  functionSettings: path.join(__dirname, 'fixtures', 'cloudbaserc.json'),
});
let keys = 0;

function cloudSimulator() {
  const { emu } = emulator;
  const sim = newSimulator({ cloud: { backend: emu.client(), envId: emu.envId, openid: 'student-net-1' } });
  sim.wx.cloud.init({ env: emu.envId });
  return sim;
}

/** How many times the server ran `tally` for this key. */
async function tallies(key: string): Promise<number> {
  const res = await emulator.db.collection('tally').where({ key }).count();
  return res.total ?? 0;
}

function tally(sim: ReturnType<typeof cloudSimulator>, ms = 0) {
  keys += 1;
  const key = `k${keys}-${Date.now()}`;
  return { key, call: sim.wx.cloud.callFunction({ name: 'tally', data: { key, ms } }) };
}

function writeUpload(sim: ReturnType<typeof cloudSimulator>, bytes: number): string {
  const file = `${USER_DATA_PATH}/up-${bytes}.bin`;
  sim.wx.getFileSystemManager().writeFileSync(file, new Uint8Array(Buffer.alloc(bytes, 7)).buffer);
  return file;
}

async function serverHas(cloudPath: string): Promise<boolean> {
  const app = emulator.emu.nodeApp();
  const fileID = `cloud://${emulator.emu.envId}.${emulator.emu.envId}-1250000000/${cloudPath}`;
  const res = await app.getTempFileURL({ fileList: [fileID] });
  return res.fileList[0]?.code === 'SUCCESS';
}

describe('the simulated network between the phone and the cloud', () => {
  it('gives up on a slow callFunction at the client timeout with -404005 while the function still finishes', async () => {
    const sim = cloudSimulator();
    sim.cloud.timeouts.callFunction = 200;
    const { key, call } = tally(sim, 1500);
    await expect(call).rejects.toMatchObject({ errCode: -404005 });
    expect(await tallies(key)).toBe(0);
    await sim.cloud.serverIdle();
    expect(await tallies(key)).toBe(1);
  });

  it('loses the reply after the server did the work: the phone fails with -1, the work is done once', async () => {
    const sim = cloudSimulator();
    sim.cloud.injectCall('tally', 'reply-lost');
    const { key, call } = tally(sim);
    await expect(call).rejects.toMatchObject({ errCode: -1 });
    expect(await tallies(key)).toBe(1);
    expect(sim.cloud.calls[0]).toMatchObject({ ok: false, fault: 'reply-lost', deliveries: 1 });
  });

  it('delivers a request twice: the phone hears one success, the server ran it twice', async () => {
    const sim = cloudSimulator();
    sim.cloud.injectCall('tally', { kind: 'duplicate', gapMs: 20 });
    const { key, call } = tally(sim);
    await expect(call).resolves.toMatchObject({ result: { ok: true } });
    await sim.cloud.serverIdle();
    expect(await tallies(key)).toBe(2);
    // The log counts the second delivery even when it reached the server after the phone's answer.
    expect(sim.cloud.calls[0]).toMatchObject({ ok: true, fault: 'duplicate', deliveries: 2 });
  });

  it('loses a request before the server: the phone fails and the server never ran it', async () => {
    const sim = cloudSimulator();
    sim.cloud.injectCall('tally', 'lost-before');
    const { key, call } = tally(sim);
    await expect(call).rejects.toMatchObject({ errCode: -1 });
    await sim.cloud.serverIdle();
    expect(await tallies(key)).toBe(0);
    expect(sim.cloud.calls[0]).toMatchObject({ fault: 'lost-before', deliveries: 0 });
  });

  it('makes a lost request wait for the client timeout when the fault says the phone hears nothing', async () => {
    const sim = cloudSimulator();
    sim.cloud.timeouts.callFunction = 100;
    sim.cloud.injectCall('tally', { kind: 'lost-before', phoneSees: 'timeout' });
    await expect(tally(sim).call).rejects.toMatchObject({ errCode: -404005 });
  });

  it('cuts an upload midway: the phone fails with -1 and no file lands on the server', async () => {
    const sim = cloudSimulator();
    sim.cloud.injectUpload({ kind: 'cut', fraction: 0.5 });
    const filePath = writeUpload(sim, 256 * 1024);
    await expect(
      sim.wx.cloud.uploadFile({ cloudPath: 'recordings/student-net-1/net/cut.bin', filePath }),
    ).rejects.toMatchObject({
      errCode: -1,
    });
    await sim.cloud.serverIdle();
    expect(await serverHas('recordings/student-net-1/net/cut.bin')).toBe(false);
  });

  it('stores an upload whose reply was lost, though the phone saw it fail', async () => {
    const sim = cloudSimulator();
    sim.cloud.injectUpload('reply-lost');
    const filePath = writeUpload(sim, 1000);
    await expect(
      sim.wx.cloud.uploadFile({ cloudPath: 'recordings/student-net-1/net/kept.bin', filePath }),
    ).rejects.toMatchObject({
      errCode: -1,
    });
    expect(await serverHas('recordings/student-net-1/net/kept.bin')).toBe(true);
  });

  it('gives up on an upload at its client timeout with -1 request:fail timeout', async () => {
    const sim = cloudSimulator();
    sim.cloud.timeouts.uploadFile = 50;
    sim.cloud.setProfile({ name: 'slow', upBitsPerSecond: 8_000, rttMs: 0 });
    const filePath = writeUpload(sim, 10_000);
    await expect(
      sim.wx.cloud.uploadFile({ cloudPath: 'recordings/student-net-1/net/slow.bin', filePath }),
    ).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'cloud.uploadFile:fail -1 request:fail timeout',
    });
  });

  it('asks the policy about every request no scheduled fault covers, and scheduled faults win', async () => {
    const sim = cloudSimulator();
    const seen: string[] = [];
    sim.cloud.policy = (request) => {
      seen.push(`${request.api}:${request.target}`);
      return { kind: 'lost-before' };
    };
    sim.cloud.injectCall('tally', { kind: 'duplicate' });
    const first = tally(sim);
    await expect(first.call).resolves.toMatchObject({ result: { ok: true } });
    await expect(tally(sim).call).rejects.toMatchObject({ errCode: -1 });
    expect(seen).toEqual(['callFunction:tally']);
  });
});

describe('uplink profiles', () => {
  it('takes the transmission time of the bytes plus half the round trip to reach the server on 3G', () => {
    const link = new Uplink();
    link.set('3g');
    expect(link.sendDelayMs(125_000, 0)).toBe(1000 + 75);
    expect(link.replyDelayMs()).toBe(75);
  });

  it('queues a second upload behind the first on the shared 4G uplink', () => {
    const link = new Uplink();
    link.set('4g');
    expect(link.sendDelayMs(1_000_000, 0)).toBe(1000 + 30);
    expect(link.sendDelayMs(1_000_000, 0)).toBe(2000 + 30);
  });

  it('refuses a profile with no bandwidth', () => {
    expect(() => new Uplink().set({ name: 'dead', upBitsPerSecond: 0, rttMs: 10 })).toThrow(
      /upBitsPerSecond must be > 0/,
    );
  });
});
