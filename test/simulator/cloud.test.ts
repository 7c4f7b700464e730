import * as fs from 'node:fs';
import { emulatorPerFile } from '../emulator/helpers';
import { USER_DATA_PATH } from '../../simulator/index';
import { simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();
const emulator = emulatorPerFile();

function cloudSimulator(openid = 'student-openid-1') {
  const sim = newSimulator({ cloud: { backend: emulator.emu.client(), envId: emulator.emu.envId, openid } });
  sim.wx.cloud.init({ env: emulator.emu.envId });
  return sim;
}

type CallResult = { result: { ok: boolean; data?: { openid: string } }; errMsg: string; requestID: string };

describe('wx.cloud bound to the emulator', () => {
  it('calls a real cloud function as the chosen openid, Promise style, with the documented result shape', async () => {
    const sim = cloudSimulator('openid-alice');
    const res = (await sim.wx.cloud.callFunction({ name: 'whoami', data: {} })) as CallResult;
    expect(res.errMsg).toBe('cloud.callFunction:ok');
    expect(res.result).toEqual({ ok: true, data: { openid: 'openid-alice' } });
    expect(res.requestID).toMatch(/\w+/);
  });

  it('uploads a sandbox file and downloads it back into a temp file with the same bytes', async () => {
    const sim = cloudSimulator();
    const bytes = Buffer.from('RIFF-ish test bytes');
    sim.wx.getFileSystemManager().writeFileSync(`${USER_DATA_PATH}/up.bin`, new Uint8Array(bytes).buffer);
    const up = (await sim.wx.cloud.uploadFile({
      cloudPath: 'recordings/student-openid-1/tests/up.bin',
      filePath: `${USER_DATA_PATH}/up.bin`,
    })) as {
      fileID: string;
      statusCode: number;
    };
    expect(up.fileID).toMatch(/^cloud:\/\/.+\/recordings\/student-openid-1\/tests\/up\.bin$/);
    const down = (await sim.wx.cloud.downloadFile({ fileID: up.fileID })) as { tempFilePath: string };
    expect(down.tempFilePath).toMatch(/^wxfile:\/\/tmp_/);
    expect(fs.readFileSync(sim.realPath(down.tempFilePath)).equals(bytes)).toBe(true);
  });

  it('gives a temporary URL that serves the uploaded bytes', async () => {
    const sim = cloudSimulator();
    sim.wx.getFileSystemManager().writeFileSync(`${USER_DATA_PATH}/u.txt`, 'served');
    const { fileID } = (await sim.wx.cloud.uploadFile({
      cloudPath: 'recordings/student-openid-1/tests/u.txt',
      filePath: `${USER_DATA_PATH}/u.txt`,
    })) as {
      fileID: string;
    };
    const res = (await sim.wx.cloud.getTempFileURL({ fileList: [fileID] })) as {
      fileList: Array<{ tempFileURL: string; status: number }>;
    };
    expect(res.fileList[0].status).toBe(0);
    expect(await (await fetch(res.fileList[0].tempFileURL)).text()).toBe('served');
  });

  it('fails every wx.cloud call with errCode -1 while offline, and the app hears the network come back', async () => {
    const sim = cloudSimulator();
    const changes: unknown[] = [];
    sim.wx.onNetworkStatusChange((status) => changes.push(status));
    sim.setOnline(false);
    await expect(sim.wx.cloud.callFunction({ name: 'whoami' })).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'cloud.callFunction:fail -1 request:fail network is offline',
    });
    expect(await sim.wx.getNetworkType()).toMatchObject({ networkType: 'none' });
    sim.setOnline(true);
    await sim.waitFor(() => changes.length === 2, 'two network changes');
    expect(changes).toEqual([
      { isConnected: false, networkType: 'none' },
      { isConnected: true, networkType: 'wifi' },
    ]);
    await expect(sim.wx.cloud.callFunction({ name: 'whoami' })).resolves.toMatchObject({
      errMsg: 'cloud.callFunction:ok',
    });
  });

  it('fails an upload that is in flight when the network drops', async () => {
    const sim = cloudSimulator();
    sim.cloud.latencyMs = 200;
    sim.wx.getFileSystemManager().writeFileSync(`${USER_DATA_PATH}/late.txt`, 'late');
    const upload = sim.wx.cloud.uploadFile({
      cloudPath: 'recordings/student-openid-1/tests/late.txt',
      filePath: `${USER_DATA_PATH}/late.txt`,
    });
    // Let the request get past its start (it is online then) before the network drops.
    await new Promise((resolve) => setTimeout(resolve, 50));
    sim.setOnline(false);
    await expect(upload).rejects.toMatchObject({ errCode: -1 });
  });

  it('never answers a call made by an app that was killed while it was in flight', async () => {
    const sim = cloudSimulator();
    let settled = false;
    void sim.wx.cloud.callFunction({ name: 'whoami' }).then(
      () => (settled = true),
      () => (settled = true),
    );
    sim.kill();
    // The request itself completes (it is logged); only the dead app must not hear of it.
    await sim.waitFor(() => sim.cloud.calls.length === 1, 'the request to complete');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.cloud.calls[0]).toMatchObject({ api: 'cloud.callFunction', ok: true });
    expect(settled).toBe(false);
  });

  it('makes the next N calls of one function fail, then lets them through', async () => {
    const sim = cloudSimulator();
    sim.cloud.failNextCalls('whoami', 2);
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      await sim.wx.cloud.callFunction({ name: 'whoami' }).then(
        () => outcomes.push('ok'),
        (err: { errCode: number }) => outcomes.push(String(err.errCode)),
      );
    }
    expect(outcomes).toEqual(['-504002', '-504002', 'ok']);
    expect(sim.cloud.calls.map((c) => c.ok)).toEqual([false, false, true]);
  });

  it('passes a function error from the emulator through with its errCode', async () => {
    const sim = cloudSimulator();
    const err = (await sim.wx.cloud.callFunction({ name: 'no-such-function' }).catch((e: unknown) => e)) as {
      errCode: number;
      errMsg: string;
    };
    expect(err.errCode).toBe(-501000);
    expect(err.errMsg).toMatch(/^cloud\.callFunction:fail -501000 /);
  });

  it('calls back success and complete in callback style and returns no Promise', async () => {
    const sim = cloudSimulator();
    const seen: string[] = [];
    const returned = sim.wx.cloud.callFunction({
      name: 'whoami',
      success: () => seen.push('success'),
      complete: () => seen.push('complete'),
    });
    expect(returned).toBeUndefined();
    await sim.waitFor(() => seen.length === 2, 'callbacks');
    expect(seen).toEqual(['success', 'complete']);
  });

  it('refuses calls before wx.cloud.init', async () => {
    const sim = newSimulator({
      cloud: { backend: emulator.emu.client(), envId: emulator.emu.envId, openid: 'x' },
    });
    await expect(sim.wx.cloud.callFunction({ name: 'whoami' })).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'cloud.callFunction:fail -1 please call wx.cloud.init() first',
    });
  });
});
