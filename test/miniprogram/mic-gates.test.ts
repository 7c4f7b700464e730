/**
 * @jest-environment ./simulator/jsdom-node-io-environment.js
 */
import type { CloudBackend } from '../../simulator';
import { t } from '../../miniprogram/strings';
import { storedJournal } from './support/journal-view';
import { miniAppPerTest, speakFor, waitForState, type MiniApp } from './support/mini-app';

// The record page rendered from its WXML: every tap goes through the button the student sees, and every
// check reads the screen as well as the journal in the phone's storage.
const startApp = miniAppPerTest();
let app: MiniApp;

const shown = (current: MiniApp, selector: string): boolean => current.page().find(selector) !== undefined;

const textOf = (current: MiniApp, selector: string): string =>
  current.page().find(selector)?.textContent?.trim() ?? '';

async function tap(current: MiniApp, selector: string): Promise<void> {
  if (!shown(current, selector)) throw new Error(`${selector} is not on the screen`);
  await current.page().tap(selector);
}

/** Taps Record and waits until the page explains which gate kept the microphone shut. */
async function tapRecordUntilBlocked(current: MiniApp, text: string): Promise<void> {
  await tap(current, '#record');
  await current.waitFor(() => textOf(current, '.blocked-text') === text, `the screen says "${text}"`);
}

/**
 * Nothing held, nothing half-started, nothing empty in the stored journal: the state every refusal leaves.
 * `recordingsBefore`: recordings an earlier run left, which must still be there, whole.
 */
function expectNothingStarted(current: MiniApp, recordingsBefore = 0): void {
  const core = current.core();
  expect(core.session).toBeUndefined();
  expect(core.bus.busyWith).toBeUndefined();
  const stored = storedJournal(current);
  expect(stored).toHaveLength(recordingsBefore);
  expect(stored.every((entry) => entry.segments.length > 0)).toBe(true);
  expect(current.sim.recorderState).toBe('idle');
  expect(textOf(current, '.state')).toBe(t('state.idle'));
  expect(current.sim.appErrors).toEqual([]);
}

/** Speaks, taps Pause, and checks that one sealed segment is in the stored journal. */
async function recordOneSegment(current: MiniApp): Promise<void> {
  await speakFor(current, 800);
  await tap(current, '#pause');
  await waitForState(current, 'paused');
  const [entry] = storedJournal(current);
  expect(entry?.segments).toHaveLength(1);
  expect(entry?.segments[0]).toMatchObject({ local: 'sealed' });
}

describe('the microphone’s gates on the record page', () => {
  it('explains an undeclared privacy guide (errno 112) and starts nothing', async () => {
    app = await startApp({ render: true, withProfile: true, sim: { access: { privacyDeclared: false } } });
    app.sim.launch();
    await tapRecordUntilBlocked(app, t('mic.privacy-undeclared'));
    expect(shown(app, '#open-settings')).toBe(false);
    expect(shown(app, '.sheet')).toBe(false);
    expect(shown(app, '#record')).toBe(true);
    expectNothingStarted(app);
  });

  it('shows its own agreement sheet; refused it explains, accepted it records', async () => {
    app = await startApp({ render: true, withProfile: true, sim: { access: { privacyAgreed: false } } });
    app.sim.launch();
    await tap(app, '#record');
    await app.waitFor(() => shown(app, '#agree-privacy'), 'the privacy sheet with its agree button');
    expect(textOf(app, '.sheet-title')).toBe(t('privacyTitle'));
    await tap(app, '#privacy-contract');
    await app.waitFor(() => app.sim.access.shown.includes('privacyContract'), 'the contract opened');
    await tap(app, '#refuse-privacy');
    await app.waitFor(() => textOf(app, '.blocked-text') === t('mic.privacy-refused'), 'refusal explained');
    expect(shown(app, '.sheet')).toBe(false);
    expect(app.sim.access.privacyAgreed).toBe(false);
    expectNothingStarted(app);

    // Still on the page, Record still there: the second try agrees and records.
    await tap(app, '#record');
    await app.waitFor(() => shown(app, '#agree-privacy'), 'the privacy sheet again');
    await app.sim.tapPrivacyAgree();
    await waitForState(app, 'recording');
    expect(shown(app, '.sheet')).toBe(false);
    expect(shown(app, '.blocked')).toBe(false);
    expect(textOf(app, '.state')).toBe(t('state.recording'));
    expect(app.sim.access.privacyAgreed).toBe(true);
    await recordOneSegment(app);
  });

  it('asks at the tap; denied it offers Settings, and back with the microphone on it records at once', async () => {
    app = await startApp({ render: true, withProfile: true });
    app.sim.access.user.permissionPrompt = () => false;
    app.sim.launch();
    await tapRecordUntilBlocked(app, t('mic.denied'));
    expect(app.sim.access.shown).toEqual(['permissionPrompt:scope.record']);
    expect(app.sim.access.authSetting['scope.record']).toBe(false);
    // One way forward: the Settings button, not a Record button that cannot work.
    expect(shown(app, '#open-settings')).toBe(true);
    expect(shown(app, '#record')).toBe(false);
    expectNothingStarted(app);

    // Settings left as it was: still off, still explained, still nothing started.
    await tap(app, '#open-settings');
    await app.waitFor(() => textOf(app, '.blocked-text') === t('mic.still-denied'), 'still off');
    expect(app.sim.access.shown).toEqual(['permissionPrompt:scope.record', 'settings']);
    expectNothingStarted(app);

    app.sim.access.user.settingsPage = (auth) => ({ ...auth, 'scope.record': true });
    await tap(app, '#open-settings');
    await waitForState(app, 'recording');
    expect(shown(app, '.blocked')).toBe(false);
    expect(app.sim.access.shown.filter((s) => s.startsWith('permissionPrompt'))).toHaveLength(1);
    await recordOneSegment(app);
  });

  it('keeps a denial across runs: the next run explains at once, without asking again', async () => {
    app = await startApp({ render: true, withProfile: true });
    app.sim.access.user.permissionPrompt = () => false;
    app.sim.launch();
    await tapRecordUntilBlocked(app, t('mic.denied'));
    app.sim.kill();
    app.sim.launch();
    await app.waitFor(() => shown(app, '#record'), 'the record button');
    await tapRecordUntilBlocked(app, t('mic.denied'));
    expect(app.sim.access.shown).toEqual(['permissionPrompt:scope.record']);
    expect(shown(app, '#open-settings')).toBe(true);
    expectNothingStarted(app);
  });

  it('explains a microphone turned off in Settings after an earlier run recorded, losing nothing', async () => {
    app = await startApp({ render: true, withProfile: true });
    app.sim.launch();
    await tap(app, '#record');
    await waitForState(app, 'recording');
    await recordOneSegment(app);
    await tap(app, '#stop');
    await app.waitFor(() => textOf(app, '.outcome') === t('recording.ready'), 'first recording ready');
    const [first] = storedJournal(app);
    expect(app.sim.access.authSetting['scope.record']).toBe(true);

    app.sim.kill();
    app.sim.access.setPermission('scope.record', false);
    app.sim.launch();
    await app.waitFor(() => shown(app, '#record'), 'the record button');
    await tapRecordUntilBlocked(app, t('mic.denied'));
    expect(shown(app, '#open-settings')).toBe(true);
    expectNothingStarted(app, 1);
    expect(storedJournal(app)[0]).toMatchObject({ recordingId: first?.recordingId, phase: 'finalized' });
    expect(await app.recording(first?.recordingId ?? '')).toMatchObject({ status: 'ready', segmentCount: 1 });
  });

  it('reads a microphone switched off between the check and the start as the Settings case, keeping nothing empty', async () => {
    app = await startApp({ render: true, withProfile: true, sim: { access: { record: true } } });
    // getSetting still says granted (the student switched it off after the app asked): only the start fails.
    const asked = app.sim.access.asked.bind(app.sim.access);
    app.sim.access.asked = () => {
      const answer = asked();
      app.sim.access.setPermission('scope.record', false);
      return answer;
    };
    const journalWrites: string[] = [];
    app.sim.storage.writes.add((key) => journalWrites.push(key));
    app.sim.launch();
    await tapRecordUntilBlocked(app, t('mic.denied'));
    expect(shown(app, '#open-settings')).toBe(true);
    // The recording was journaled before the start (as every side effect is), then taken out again.
    expect(journalWrites.some((key) => key.startsWith('recorder.journal.v1.rec.'))).toBe(true);
    expectNothingStarted(app);
  });

  it('gives a finalize that failed for good a retry button that works once the server is back', async () => {
    app = await startApp({ render: true, withProfile: true });
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
    await tap(app, '#record');
    await waitForState(app, 'recording');
    await recordOneSegment(app);
    await tap(app, '#stop');
    await app.waitFor(() => shown(app, '#retry-finalize'), 'the retry button');
    expect(textOf(app, '.outcome')).toBe(t('recording.failed-retry'));
    expect(textOf(app, '#retry-finalize')).toBe(t('tryAgain'));
    const [stored] = storedJournal(app);
    const recordingId = stored?.recordingId ?? '';
    expect(stored?.finalize).toMatchObject({ lastError: { code: 'INTERNAL', retryable: false } });
    expect(stored?.segments).toHaveLength(1);
    expect(await app.recording(recordingId)).toMatchObject({ status: 'recording' });

    serverDown = false;
    await tap(app, '#retry-finalize');
    await app.waitFor(() => textOf(app, '.outcome') === t('recording.ready'), 'ready after retry');
    expect(shown(app, '#retry-finalize')).toBe(false);
    expect(storedJournal(app)[0]?.phase).toBe('finalized');
    expect(await app.recording(recordingId)).toMatchObject({ status: 'ready', segmentCount: 1 });
  });
});
