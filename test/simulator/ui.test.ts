import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { speechWavFile } from '../../simulator/speech';
import { USER_DATA_PATH } from '../../simulator/index';
import { simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();

describe('UI APIs', () => {
  it('records toasts and loading so tests can assert what the user was shown', async () => {
    const sim = newSimulator();
    await sim.wx.showLoading({ title: '上传中' });
    expect(sim.ui.loading).toBe('上传中');
    await sim.wx.hideLoading();
    await sim.wx.showToast({ title: '已保存', icon: 'success' });
    expect(sim.ui.loading).toBeNull();
    expect(sim.ui.callsOf('showToast').map((call) => call.options.title)).toEqual(['已保存']);
  });

  it('answers showModal as the simulated user chooses', async () => {
    const sim = newSimulator();
    sim.ui.answerModal = () => ({ confirm: false });
    await expect(sim.wx.showModal({ title: '删除?', content: '确定吗' })).resolves.toMatchObject({
      confirm: false,
      cancel: true,
      errMsg: 'showModal:ok',
    });
  });

  it('keeps the screen-on switch and the navigation bar title', async () => {
    const sim = newSimulator();
    await sim.wx.setKeepScreenOn({ keepScreenOn: true });
    await sim.wx.setNavigationBarTitle({ title: '朗读' });
    expect(sim.ui.keepScreenOn).toBe(true);
    expect(sim.ui.navigationBarTitle).toBe('朗读');
  });

  it('gives random bytes from wx.getRandomValues and refuses a bad length', async () => {
    const sim = newSimulator();
    const { randomValues } = await sim.wx.getRandomValues({ length: 16 });
    expect(randomValues.byteLength).toBe(16);
    await expect(sim.wx.getRandomValues({ length: 0 })).rejects.toEqual({
      errMsg: 'getRandomValues:fail invalid length 0',
    });
  });
});

describe('InnerAudioContext', () => {
  it('plays a local WAV: onPlay, then onEnded after its duration', async () => {
    const sim = newSimulator({ speed: 20 });
    const wav = await speechWavFile({ text: 'play me back', sampleRate: 16000, channels: 1 });
    const bytes = new Uint8Array(fs.readFileSync(wav)).buffer;
    sim.wx.getFileSystemManager().writeFileSync(`${USER_DATA_PATH}/back.wav`, bytes);
    const audio = sim.wx.createInnerAudioContext();
    const events: string[] = [];
    audio.onPlay(() => events.push('play'));
    audio.onEnded(() => events.push('ended'));
    audio.src = `${USER_DATA_PATH}/back.wav`;
    audio.play();
    await sim.waitFor(() => events.length === 2, 'onEnded');
    expect(events).toEqual(['play', 'ended']);
    expect(audio.duration).toBeGreaterThan(0.5);
    expect(sim.audioPlayed).toEqual([`${USER_DATA_PATH}/back.wav`]);
  });

  it('fires onError with a file error for a local path that does not exist', async () => {
    const sim = newSimulator();
    const audio = sim.wx.createInnerAudioContext();
    const errors: Array<{ errCode: number }> = [];
    audio.onError((err) => errors.push(err));
    audio.src = `${USER_DATA_PATH}/gone.wav`;
    audio.play();
    await sim.waitFor(() => errors.length === 1, 'onError');
    expect(errors[0].errCode).toBe(10003);
  });

  it('fires onError with a network error for an http URL that answers 404', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const sim = newSimulator();
      const audio = sim.wx.createInnerAudioContext();
      const errors: Array<{ errCode: number; errMsg: string }> = [];
      audio.onError((err) => errors.push(err));
      audio.src = `http://127.0.0.1:${(server.address() as AddressInfo).port}/missing.mp3`;
      audio.play();
      await sim.waitFor(() => errors.length === 1, 'onError');
      expect(errors[0]).toMatchObject({ errCode: 10002 });
      expect(errors[0].errMsg).toContain('HTTP 404');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
