import * as fs from 'node:fs';
import { functionOutage } from '../../harness/function-outage';
import type { MicBlock } from '../../miniprogram/recorder/mic-access';
import type { AccessOptions } from '../../simulator/access/access-state';
import { COLLECTIONS } from '../../typings/documents';
import type { Phone, Stage } from './stage';

/** A state of a page, reached through the simulator as a student would reach it. */
export interface Scene {
  name: string;
  /** What the picture shows, for the README and the report. */
  caption: string;
  /** Drives a fresh phone into the state and returns it there. */
  reach(stage: Stage): Promise<Phone>;
}

const ASSIGNMENT = {
  _id: 'screens-week-3',
  teacherId: 'teacher-screens',
  title: '第三周朗读：《春》',
  prompt:
    '请朗读课文《春》第一段。读之前先默读一遍，注意停顿和语气；读错了可以暂停，再接着读，已经录好的部分不会丢。',
  maxDurationSec: 180,
};

async function addAssignment(stage: Stage): Promise<void> {
  const db = stage.emu.nodeApp().database();
  const existing = await db.collection(COLLECTIONS.assignments).where({ _id: ASSIGNMENT._id }).get();
  if (existing.data.length > 0) return;
  const now = new Date();
  await db.collection(COLLECTIONS.assignments).add({ ...ASSIGNMENT, createdAt: now, updatedAt: now });
}

async function openRecordPage(stage: Stage, options: Parameters<Stage['phone']>[0] = {}): Promise<Phone> {
  await addAssignment(stage);
  const phone = await stage.phone(options);
  phone.sim.launch(`pages/record/record?assignment=${ASSIGNMENT._id}`);
  await phone.until(() => phone.record().assignmentPrompt !== '', 'the assignment prompt');
  return phone;
}

/** Records until the page shows `ms` more audio than now. */
async function speak(phone: Phone, ms: number): Promise<void> {
  const target = (phone.core().session?.snapshot().elapsedMs ?? 0) + ms;
  await phone.until(() => (phone.core().session?.snapshot().elapsedMs ?? 0) >= target, `${ms} ms of audio`);
}

/** Record (or resume), speak, pause: one take. */
async function recordTake(phone: Phone, ms: number): Promise<void> {
  await phone.press(phone.record().state === 'paused' ? 'onResume' : 'onRecord');
  await phone.until(() => phone.record().state === 'recording', 'recording');
  await speak(phone, ms);
  await phone.press('onPause');
  await phone.until(() => phone.record().state === 'paused', 'paused');
}

const takeStage = (phone: Phone, index: number) => phone.record().takes[index]?.stage;

/** A fresh record page, then `takes` takes of 1.5 s each (offline first when asked). */
async function pageWithTakes(stage: Stage, takes: number, offline = false): Promise<Phone> {
  const phone = await openRecordPage(stage);
  if (offline) phone.sim.setOnline(false);
  for (let i = 0; i < takes; i += 1) await recordTake(phone, 1500);
  return phone;
}

/** A tap on Record that a shut gate refuses: the page's explanation (and button, if any). */
function micBlockedScene(name: string, caption: string, access: AccessOptions, block: MicBlock): Scene {
  return {
    name,
    caption,
    async reach(stage) {
      const phone = await openRecordPage(stage, { sim: { access } });
      await phone.press('onRecord');
      await phone.until(() => phone.record().micBlock === block, `the ${block} explanation`);
      return phone;
    },
  };
}

export const RECORD_SCENES: Scene[] = [
  {
    name: 'record-idle',
    caption: 'Record page, idle, with the assignment prompt',
    reach: (stage) => openRecordPage(stage),
  },
  {
    name: 'record-profile',
    caption: 'First use: the name and class form',
    async reach(stage) {
      const phone = await openRecordPage(stage, { profile: false });
      await phone.until(() => phone.record().needsProfile, 'the profile form');
      return phone;
    },
  },
  {
    name: 'record-recording',
    caption: 'Recording, with the level meter',
    async reach(stage) {
      const phone = await openRecordPage(stage);
      await phone.press('onRecord');
      await phone.until(() => phone.record().state === 'recording', 'recording');
      await speak(phone, 2000);
      await phone.until(() => phone.record().level > 20, 'the meter moving');
      return phone;
    },
  },
  {
    name: 'record-paused-3',
    caption: 'Paused after 3 takes: one MP3 ready, one uploading, one waiting its turn',
    async reach(stage) {
      const phone = await pageWithTakes(stage, 1);
      await phone.until(() => takeStage(phone, 0) === 'ready', 'take 1 ready');
      // A slow network from here on: take 2 is still on its way up while take 3 waits behind it.
      phone.sim.cloud.latencyMs = 8000;
      await recordTake(phone, 1500);
      await recordTake(phone, 1500);
      return phone;
    },
  },
  {
    name: 'record-offline',
    caption: 'Offline: the takes are kept on the phone, waiting for the network',
    reach: (stage) => pageWithTakes(stage, 2, true),
  },
  {
    name: 'record-failed',
    caption: 'A take the server refused, with its retry button',
    async reach(stage) {
      const phone = await pageWithTakes(stage, 1, true);
      // The file on the phone is damaged before it goes up: the server refuses it for good (no auto retry).
      const segment = phone.core().journal.get(phone.record().recordingId)?.segments[0];
      if (!segment?.localFile) throw new Error('take 1 has no local file');
      fs.writeFileSync(phone.sim.realPath(segment.localFile), Buffer.from('not a wav file'));
      phone.sim.setOnline(true);
      await phone.until(() => phone.record().takes[0]?.canRetry === true, 'take 1 failed with retry');
      return phone;
    },
  },
  {
    name: 'record-stopped',
    caption: 'Stopped: the whole recording is ready',
    async reach(stage) {
      const phone = await pageWithTakes(stage, 2);
      await phone.press('onStop');
      await phone.until(() => phone.record().state === 'stopped' && phone.record().outcome !== '', 'outcome');
      await phone.until(() => phone.record().takes.every((t) => t.stage === 'ready'), 'every take ready');
      return phone;
    },
  },
  {
    name: 'record-privacy',
    caption: 'First recording: the app’s privacy sheet',
    async reach(stage) {
      const phone = await openRecordPage(stage, { sim: { access: { privacyAgreed: false } } });
      void phone.press('onRecord');
      await phone.until(() => phone.record().privacySheet, 'the privacy sheet');
      return phone;
    },
  },
  micBlockedScene(
    'record-mic-denied',
    'Microphone turned off in settings: how to turn it on',
    { record: false },
    'denied',
  ),
  {
    name: 'record-privacy-refused',
    caption: 'The privacy agreement refused: why recording needs it, Record still there',
    async reach(stage) {
      const phone = await openRecordPage(stage, { sim: { access: { privacyAgreed: false } } });
      const tapped = phone.press('onRecord');
      await phone.until(() => phone.record().privacySheet, 'the privacy sheet');
      await phone.press('onRefusePrivacy');
      await tapped;
      await phone.until(() => phone.record().micBlock === 'privacy-refused', 'the refusal explained');
      return phone;
    },
  },
  micBlockedScene(
    'record-mic-undeclared',
    'The privacy guide lacks the microphone (errno 112): tell the teacher',
    { privacyDeclared: false },
    'privacy-undeclared',
  ),
  {
    name: 'record-finalize-failed',
    caption: 'Stopped, but the full recording could not be joined: every take kept, Try again',
    async reach(stage) {
      const outage = functionOutage(stage.emu.client(), 'finalizeRecording');
      const phone = await openRecordPage(stage);
      phone.sim.setCloud({ backend: outage.backend, envId: stage.emu.envId, openid: phone.openid });
      await recordTake(phone, 1500);
      await phone.press('onStop');
      await phone.until(() => phone.record().canRetryFinalize, 'the retry button');
      return phone;
    },
  },
  {
    name: 'record-load-failed',
    caption: 'Opened offline: the assignment did not load, with a retry button',
    async reach(stage) {
      await addAssignment(stage);
      const phone = await stage.phone();
      phone.sim.setOnline(false);
      phone.sim.launch(`pages/record/record?assignment=${ASSIGNMENT._id}`);
      await phone.until(() => phone.record().canRetryLoad, 'the retry button');
      return phone;
    },
  },
];
