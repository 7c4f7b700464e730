/**
 * Driving the recording cloud functions the way the Mini Program does: upload a WAV as a student, then
 * call the function as that student through the emulator (real wx-server-sdk inside the function).
 */
import type { PcmAudio } from '../pipeline/audio/pcm';
import { encodeWav } from '../pipeline/audio/wav';
import type { EmulatorClient } from '../emulator/client';
import type { Envelope } from '../typings/errors';
import { segmentWavPath } from '../typings/paths';
import { randomBytes } from 'node:crypto';

export function newRecordingId(): string {
  return randomBytes(16).toString('base64url');
}

export async function uploadWav(
  client: EmulatorClient,
  openid: string,
  recordingId: string,
  seq: number,
  wav: Buffer,
): Promise<string> {
  const { fileID } = await client.uploadFile({
    cloudPath: segmentWavPath(openid, recordingId, seq),
    data: wav,
    openid,
  });
  return fileID;
}

export async function callEnvelope<T>(
  client: EmulatorClient,
  openid: string,
  name: string,
  data: object,
): Promise<Envelope<T>> {
  const { result } = await client.callFunction<Envelope<T>>({ name, data, openid });
  return result;
}

/** Calls a function that must succeed and returns its data. */
export async function callOk<T>(
  client: EmulatorClient,
  openid: string,
  name: string,
  data: object,
): Promise<T> {
  const envelope = await callEnvelope<T>(client, openid, name, data);
  if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data;
}

/** Uploads one segment's audio and ingests it, as the Mini Program's upload queue does. */
export async function ingestAudio(
  client: EmulatorClient,
  openid: string,
  recordingId: string,
  seq: number,
  audio: PcmAudio,
  assignmentId?: string,
) {
  const fileID = await uploadWav(client, openid, recordingId, seq, encodeWav(audio));
  return callOk<{ mp3FileID: string; durationMs: number; status: string }>(client, openid, 'ingestSegment', {
    recordingId,
    seq,
    fileID,
    durationMs: Math.round(((audio.samples.length / audio.channels) * 1000) / audio.sampleRate),
    sampleRate: audio.sampleRate,
    channels: audio.channels,
    ...(assignmentId ? { assignmentId } : {}),
  });
}
