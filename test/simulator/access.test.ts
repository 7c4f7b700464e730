import type { PrivacyResolveOptions } from '../../simulator/access/access-gate';
import { simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();

type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (res: { errMsg: string; errno?: number }) => void;
};
type CallbackWx = Record<string, (options?: Callbacks & Record<string, unknown>) => unknown>;

/** A callback-only API (no Promise style) as a Promise of its outcome, for asserting on either side. */
function outcome(wx: unknown, api: string, options: Record<string, unknown> = {}) {
  return new Promise<{ ok: boolean; res: unknown }>((settle) => {
    (wx as CallbackWx)[api]?.({
      ...options,
      success: (res) => settle({ ok: true, res }),
      fail: (res) => settle({ ok: false, res }),
    });
  });
}

function startErrors(sim: ReturnType<typeof newSimulator>): Array<{ errMsg: string; errno?: number }> {
  const errors: Array<{ errMsg: string; errno?: number }> = [];
  const recorder = sim.wx.getRecorderManager();
  recorder.onError((res) => errors.push(res));
  recorder.start({ format: 'PCM', sampleRate: 16000, numberOfChannels: 1 });
  return errors;
}

describe('privacy agreement and scope.record', () => {
  it('fails RecorderManager.start and authorize with errno 112 when the privacy guide lacks the microphone', async () => {
    const sim = newSimulator({ access: { privacyDeclared: false } });
    expect(await outcome(sim.wx, 'getPrivacySetting')).toMatchObject({
      ok: true,
      res: { needAuthorization: false },
    });
    await expect(sim.wx.authorize({ scope: 'scope.record' })).rejects.toEqual({
      errMsg: 'authorize:fail api scope is not declared in the privacy agreement',
      errno: 112,
    });
    const errors = startErrors(sim);
    await sim.waitFor(() => errors.length === 1, 'onError');
    expect(errors[0]).toEqual({
      errMsg: 'operateRecorder:fail api scope is not declared in the privacy agreement',
      errno: 112,
    });
    expect(sim.access.authSetting).toEqual({});
  });

  it('has no Promise style for the privacy APIs', () => {
    const sim = newSimulator();
    const wx = sim.wx as unknown as CallbackWx;
    expect(wx.getPrivacySetting?.()).toBeUndefined();
    expect(wx.requirePrivacyAuthorize?.()).toBeUndefined();
    expect(wx.openPrivacyContract?.()).toBeUndefined();
  });

  it('keeps a privacy API pending until the app resolves; disagree fails it, agree needs the tapped button', async () => {
    const sim = newSimulator({ access: { privacyAgreed: false } });
    const asked: Array<{ resolve: (o: PrivacyResolveOptions) => void; referrer: string }> = [];
    sim.wx.onNeedPrivacyAuthorization((resolve, info) => asked.push({ resolve, referrer: info.referrer }));
    expect(await outcome(sim.wx, 'getPrivacySetting')).toMatchObject({
      res: { needAuthorization: true, privacyContractName: '《朗读录音小程序隐私保护指引》' },
    });

    const refused = outcome(sim.wx, 'requirePrivacyAuthorize');
    await sim.waitFor(() => asked.length === 1, 'onNeedPrivacyAuthorization');
    expect(asked[0]?.referrer).toBe('requirePrivacyAuthorize');
    asked[0]?.resolve({ event: 'disagree' });
    expect(await refused).toEqual({
      ok: false,
      res: { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' },
    });

    const untapped = sim.wx.authorize({ scope: 'scope.record' });
    await sim.waitFor(() => asked.length === 2, 'asked again');
    asked[1]?.resolve({ event: 'agree', buttonId: 'agree-btn' }); // never tapped: does not count
    await expect(untapped).rejects.toMatchObject({
      errMsg: 'authorize:fail privacy permission is not authorized',
    });

    const agreed = sim.wx.authorize({ scope: 'scope.record' });
    await sim.waitFor(() => asked.length === 3, 'asked a third time');
    sim.access.agreeButtonsTapped.add('agree-btn');
    asked[2]?.resolve({ event: 'agree', buttonId: 'agree-btn' });
    await expect(agreed).resolves.toMatchObject({ errMsg: 'authorize:ok' });
    expect(sim.access.privacyAgreed).toBe(true);
  });

  it('uses WeChat’s own popup when the app registered no listener', async () => {
    const sim = newSimulator({ access: { privacyAgreed: false } });
    sim.access.user.privacyPopup = () => false;
    expect(await outcome(sim.wx, 'requirePrivacyAuthorize')).toMatchObject({ ok: false });
    expect(sim.access.shown).toEqual(['privacyPopup']);
  });

  it('prompts once; a denial persists without prompting until Settings turns it on', async () => {
    const sim = newSimulator();
    expect((await sim.wx.getSetting()).authSetting).toEqual({});
    sim.access.user.permissionPrompt = () => false;
    await expect(sim.wx.authorize({ scope: 'scope.record' })).rejects.toEqual({
      errMsg: 'authorize:fail auth deny',
    });
    const errors = startErrors(sim);
    await sim.waitFor(() => errors.length === 1, 'onError');
    expect(errors[0]?.errMsg).toBe('operateRecorder:fail auth deny');
    expect(sim.access.shown).toEqual(['permissionPrompt:scope.record']);
    expect((await sim.wx.getSetting()).authSetting).toEqual({ 'scope.record': false });

    await expect(sim.wx.openSetting()).rejects.toMatchObject({
      errMsg: 'openSetting:fail can only be invoked by user TAP gesture.',
    });
    sim.access.user.settingsPage = (auth) => ({ ...auth, 'scope.record': true, 'scope.camera': true });
    sim.access.lastTapAt = Date.now(); // as a page tap does
    const res = await sim.wx.openSetting();
    expect(res.authSetting).toEqual({ 'scope.record': true }); // only scopes already asked appear
    await expect(sim.wx.authorize({ scope: 'scope.record' })).resolves.toMatchObject({
      errMsg: 'authorize:ok',
    });
  });

  it('keeps the agreement and the permission across a kill, as WeChat keeps them', async () => {
    const sim = newSimulator({ access: { privacyAgreed: false } });
    sim.access.privacyAgreed = true;
    await sim.wx.authorize({ scope: 'scope.record' });
    sim.kill();
    expect(await outcome(sim.wx, 'getPrivacySetting')).toMatchObject({ res: { needAuthorization: false } });
    expect((await sim.wx.getSetting()).authSetting).toEqual({ 'scope.record': true });
  });
});
