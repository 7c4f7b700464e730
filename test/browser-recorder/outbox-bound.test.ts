/**
 * A link that stays down: the page holds what the server has not stored, up to a bound (here a small one
 * through `?outboxLimit=`, the same code path as the default). At the bound it stops capturing, as a
 * pause, and says why with a code; everything captured before is kept and delivered once the link is
 * back, and the finished recording plays exactly the audio captured.
 */
import net from 'node:net';
import { expectRecordingPlays } from './support/published-pcm';
import {
  capturedPcm,
  counters,
  openRecorder,
  PCM_BYTES_PER_SECOND,
  type PageCounters,
  signInTeacher,
  stopAndWait,
  waitForConfirmedAudio,
  waitForState,
} from './support/recorder-page';
import { useRecorderSession } from './support/recorder-session';

const BOUND = 3 * PCM_BYTES_PER_SECOND;
/** The worklet hands over 100 ms at a time; one more may arrive while capture pauses. */
const CHUNK = PCM_BYTES_PER_SECOND / 10;

const session = useRecorderSession({ withProxy: true, recorder: { autoSealMs: 1000 } });

/** A port nothing listens on: connections to it are refused, as when the network is down. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('with the link down past the bound the page stops capturing with a code, keeps everything, and delivers it once the link is back', async () => {
  const { harness, browser } = session;
  const proxy = harness.proxy!;
  const serverPort = proxy.targetPort;
  await signInTeacher(browser.context, harness);
  const page = await openRecorder(browser.context, harness, `&outboxLimit=${BOUND}`);
  await waitForState(page, 'ready');
  await page.click('#record');
  await waitForConfirmedAudio(page, PCM_BYTES_PER_SECOND);

  proxy.retarget(await deadPort());
  proxy.cutAll();
  await waitForState(page, 'paused');
  expect(await page.textContent('#message')).toContain('OUTBOX_FULL');
  expect(await page.isDisabled('#pause')).toBe(true);
  const atBound = await counters(page);
  expect(atBound.heldBytes).toBeGreaterThanOrEqual(BOUND);
  expect(atBound.heldBytes).toBeLessThanOrEqual(BOUND + 2 * CHUNK);
  // Two more failed tries to reach the server later, nothing more was captured and nothing was dropped.
  await page.waitForFunction(
    (seen) => recorderDebug.counters.connectAttempts >= seen + 2,
    atBound.connectAttempts,
    {
      timeout: 60_000,
    },
  );
  const held = await counters(page);
  expect(held.audioBytes).toBe(atBound.audioBytes);
  expect((await capturedPcm(page)).length).toBe(held.audioBytes);

  proxy.retarget(serverPort);
  await page.waitForFunction(
    () => recorderDebug.counters.confirmedAudio >= recorderDebug.counters.audioBytes,
    undefined,
    { timeout: 90_000 },
  );
  expect(await page.textContent('#message')).not.toContain('OUTBOX_FULL');
  expect(await page.isDisabled('#pause')).toBe(false);
  const { recording } = await stopAndWait(page);
  const sent = await capturedPcm(page);
  expect(sent.length).toBe(held.audioBytes);
  expect(recording.status).toBe('ready');
  await expectRecordingPlays(harness.cloud, recording.recordingId, sent);
}, 240_000);

declare const recorderDebug: { counters: PageCounters };
