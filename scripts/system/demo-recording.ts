/**
 * The demo recording: generated speech (espeak-ng) recorded through the simulated Mini Program into the
 * running emulator under the demo assignment, so the review page has something real to play.
 */
import { randomBytes } from 'node:crypto';
import { EmulatorClient } from '../../emulator/client';
import { openStores, type CloudHandle } from '../../pipeline/cloud-handle';
import { COLLECTIONS } from '../../typings/documents';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';
import { recordThroughMiniProgram, type DemoRecordingResult } from './mini-program-demo';

export interface DemoTarget {
  emulatorUrl: string;
  envId: string;
  assignmentId: string;
}

export async function recordDemo(
  target: DemoTarget,
  options: { wav?: string; student?: string; onProgress?: (line: string) => void } = {},
): Promise<DemoRecordingResult> {
  const wav =
    options.wav ?? (await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 16000, channels: 1 }));
  return recordThroughMiniProgram({
    client: new EmulatorClient({ url: target.emulatorUrl, envId: target.envId }),
    envId: target.envId,
    openid: `demo-student-${randomBytes(6).toString('hex')}`,
    wav,
    assignmentId: target.assignmentId,
    student: { name: options.student ?? '演示学生 Demo Student', className: '演示班 Demo class' },
    segments: 3,
    secondsPerSegment: 4,
    onProgress: options.onProgress,
  });
}

/** First start only: records the demo unless the demo assignment already has a recording. */
export async function ensureDemoRecording(
  cloud: CloudHandle,
  target: DemoTarget,
  log: (line: string) => void,
) {
  const count = await openStores(cloud).db.count(COLLECTIONS.recordings, {
    assignmentId: target.assignmentId,
  });
  if (count > 0) return;
  log('recording the demo answer through the simulated Mini Program (first start only)…');
  try {
    const result = await recordDemo(target, { onProgress: log });
    log(`demo recording ${result.recordingId}: ${result.status}`);
  } catch (err) {
    // The system is still useful without it; say why there is nothing to play yet.
    log(`could not record the demo answer (${(err as Error).message}); is espeak-ng installed?`);
  }
}
