import type { CloudBackend } from '../../simulator';
import { t } from '../../miniprogram/strings';
import { miniAppPerTest, recordSegment, speakFor, waitForState, type MiniApp } from './support/mini-app';

const startApp = miniAppPerTest();
let app: MiniApp;

/** Nothing held, nothing half-started, nothing empty in the journal: the state every refusal must leave. */
function expectNothingStarted(current: MiniApp, recordingsBefore = 0): void {
  const core = current.core();
  expect(core.session).toBeUndefined();
  expect(core.bus.busyWith).toBeUndefined();
  expect(core.recordings()).toHaveLength(recordingsBefore);
  expect(core.recordings().every((entry) => entry.segments.length > 0)).toBe(true);
  expect(current.sim.recorderState).toBe('idle');
  expect(current.data().state).toBe('idle');
  expect(current.data().canRecord).toBe(true);
  expect(current.sim.appErrors).toEqual([]);
}

async function tapRecordUntilBlocked(current: MiniApp, block: string): Promise<void> {
  await current.page().tap('onRecord');
  await current.waitFor(() => current.data().micBlock === block, `mic block ${block}`);
}

describe('the microphone’s gates on the record page', () => {
  it('explains an undeclared privacy guide (errno 112) and starts nothing', async () => {
    app = await startApp({ withProfile: true, sim: { access: { privacyDeclared: false } } });
    app.sim.launch();
    await tapRecordUntilBlocked(app, 'privacy-undeclared');
    expect(app.data().micBlockText).toBe(t('mic.privacy-undeclared'));
    expect(app.data().canOpenSettings).toBe(false);
    expect(app.data().privacySheet).toBe(false);
    expectNothingStarted(app);
  });

  it('shows its own agreement sheet; refused it explains, accepted it records', async () => {
    app = await startApp({ withProfile: true, sim: { access: { privacyAgreed: false } } });
    app.sim.launch();
    // The tap's handler waits for the student's answer on the sheet: it settles after the refusal.
    const firstTap = app.page().tap('onRecord');
    await app.waitFor(() => app.data().privacySheet, 'privacy sheet');
    await app.page().tap('onOpenPrivacyContract');
    await app.waitFor(() => app.sim.access.shown.includes('privacyContract'), 'contract opened');
    await app.page().tap('onRefusePrivacy');
    await firstTap;
    await app.waitFor(() => app.data().micBlock === 'privacy-refused', 'refusal explained');
    expect(app.data().privacySheet).toBe(false);
    expect(app.data().micBlockText).toBe(t('mic.privacy-refused'));
    expect(app.sim.access.privacyAgreed).toBe(false);
    expectNothingStarted(app);

    const secondTap = app.page().tap('onRecord');
    await app.waitFor(() => app.data().privacySheet, 'privacy sheet again');
    await app.sim.tapPrivacyAgree();
    await secondTap;
    await waitForState(app, 'recording');
    expect(app.data()).toMatchObject({ privacySheet: false, micBlock: '' });
    expect(app.sim.access.privacyAgreed).toBe(true);
    await speakFor(app, 800);
    await app.page().tap('onPause');
    await waitForState(app, 'paused');
    const [entry] = app.core().recordings();
    expect(entry.segments).toHaveLength(1);
    expect(entry.segments[0]).toMatchObject({ local: 'sealed' });
  });

  it('asks at the tap; denied it offers Settings, and back with the microphone on it records at once', async () => {
    app = await startApp({ withProfile: true });
    app.sim.access.user.permissionPrompt = () => false;
    app.sim.launch();
    await tapRecordUntilBlocked(app, 'denied');
    expect(app.data()).toMatchObject({ canOpenSettings: true, micBlockText: t('mic.denied') });
    expect(app.sim.access.authSetting['scope.record']).toBe(false);
    expectNothingStarted(app);

    // The denial persists: a second tap explains again without asking again.
    app.data().micBlock = '';
    await tapRecordUntilBlocked(app, 'denied');
    expect(app.sim.access.shown.filter((s) => s.startsWith('permissionPrompt'))).toHaveLength(1);

    // Settings left unchanged: still off, still explained.
    await app.page().tap('onOpenSettings');
    await app.waitFor(() => app.data().micBlockText === t('mic.still-denied'), 'still off');
    expectNothingStarted(app);

    app.sim.access.user.settingsPage = (auth) => ({ ...auth, 'scope.record': true });
    await app.page().tap('onOpenSettings');
    await waitForState(app, 'recording');
    expect(app.data()).toMatchObject({ micBlock: '', canOpenSettings: false });
    await speakFor(app, 800);
    await app.page().tap('onPause');
    await waitForState(app, 'paused');
    expect(app.core().recordings()[0]?.segments).toHaveLength(1);
  });

  it('explains a microphone turned off in Settings after an earlier run recorded, losing nothing', async () => {
    app = await startApp({ withProfile: true });
    app.sim.launch();
    await recordSegment(app, 1000);
    await app.page().tap('onStop');
    await app.waitFor(() => app.data().outcome === t('recording.ready'), 'first recording ready');
    const [first] = app.core().recordings();
    expect(app.sim.access.authSetting['scope.record']).toBe(true);

    app.sim.kill();
    app.sim.access.setPermission('scope.record', false);
    app.sim.launch();
    await app.waitFor(() => app.data().labels.record !== undefined, 'page loaded');
    await tapRecordUntilBlocked(app, 'denied');
    expect(app.data().canOpenSettings).toBe(true);
    expectNothingStarted(app, 1);
    expect(app.core().recordings()[0]).toMatchObject({ recordingId: first?.recordingId, phase: 'finalized' });
    expect(await app.recording(first?.recordingId ?? '')).toMatchObject({ status: 'ready', segmentCount: 1 });
  });

  it('gives a finalize that failed for good a retry button that works once the server is back', async () => {
    app = await startApp({ withProfile: true });
    let serverDown = true;
    const real = app.emu.client();
    // The function answers a non-retryable failure while "down": the queue stops retrying by itself.
    const backend: CloudBackend = {
      uploadFile: (args) => real.uploadFile(args),
      getTempFileURL: (args) => real.getTempFileURL(args),
      downloadFile: (args) => real.downloadFile(args),
      deleteFile: (args) => real.deleteFile(args),
      callFunction: async (args) =>
        serverDown && args.name === 'finalizeRecording'
          ? {
              result: { ok: false, error: { code: 'INTERNAL', message: 'database down', retryable: false } },
              requestId: 'down',
            }
          : real.callFunction(args),
    };
    app.sim.setCloud({ backend, envId: app.emu.envId, openid: app.openid });
    app.sim.launch();
    await recordSegment(app, 1000);
    await app.page().tap('onStop');
    await app.waitFor(() => app.data().canRetryFinalize, 'retry button');
    expect(app.data().outcome).toBe(t('recording.failed-retry'));
    const recordingId = app.data().recordingId;
    expect(app.core().journal.get(recordingId)?.finalize).toMatchObject({
      lastError: { code: 'INTERNAL', retryable: false },
    });
    expect(await app.recording(recordingId)).toMatchObject({ status: 'recording' });

    serverDown = false;
    await app.page().tap('onRetryFinalize');
    await app.waitFor(() => app.data().outcome === t('recording.ready'), 'ready after retry');
    expect(app.data().canRetryFinalize).toBe(false);
    expect(app.core().journal.get(recordingId)?.phase).toBe('finalized');
    expect(await app.recording(recordingId)).toMatchObject({ status: 'ready', segmentCount: 1 });
  });
});
