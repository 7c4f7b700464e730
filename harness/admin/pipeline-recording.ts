/**
 * A recording made the way a student's phone makes one: real speech WAVs uploaded to the contract path,
 * each sent through the real pipeline's ingestSegment, then finalizeRecording — all over a node-sdk handle.
 */
import { randomBytes } from 'node:crypto';
import { finalizeRecording, ingestSegment, saveStudentProfile } from '../../pipeline';
import { parseWav } from '../../pipeline/audio/wav';
import type { SegmentCut } from '../../typings/documents';
import type { FinalizeRecordingResponse } from '../../typings/functions';
import { segmentWavPath } from '../../typings/paths';
import type { NodeApp } from '../emulator';
import { speechWav } from '../../simulator/speech';

export interface StudentRecording {
  openid: string;
  studentName: string;
  /** The class the student registers in; default "Class 3". */
  className?: string;
  assignmentId?: string;
  /** One spoken segment per text (pause between them). */
  texts: string[];
  /** espeak-ng voice; default English. */
  voice?: string;
  sampleRate?: number;
  /** Why each segment ended (the phone's automatic cuts and pauses); none sent when absent. */
  cuts?: SegmentCut[];
}

export function newOpenid(): string {
  return `o${randomBytes(14).toString('base64url')}`;
}

export async function recordThroughPipeline(
  app: NodeApp,
  rec: StudentRecording,
): Promise<FinalizeRecordingResponse & { recordingId: string }> {
  const sampleRate = rec.sampleRate ?? 16000;
  const recordingId = randomBytes(16).toString('base64url');
  await saveStudentProfile(app, rec.openid, { name: rec.studentName, className: rec.className ?? 'Class 3' });
  for (const [seq, text] of rec.texts.entries()) {
    const wav = await speechWav({ text, sampleRate, channels: 1, voice: rec.voice });
    const { fileID } = await app.uploadFile({
      cloudPath: segmentWavPath(rec.openid, recordingId, seq),
      fileContent: wav,
    });
    const audio = parseWav(wav);
    const durationMs = Math.round((audio.samples.length / sampleRate) * 1000);
    await ingestSegment(app, rec.openid, {
      recordingId,
      seq,
      fileID,
      durationMs,
      sampleRate,
      channels: 1,
      assignmentId: rec.assignmentId,
      cut: rec.cuts?.[seq],
    });
  }
  const result = await finalizeRecording(app, rec.openid, { recordingId, segmentCount: rec.texts.length });
  return { ...result, recordingId };
}
