/** Storage path contract: recordings/{ownerId}/{recordingId}/{seq}.wav | {seq}.mp3 | full.mp3 */

export const RECORDING_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function recordingPrefix(ownerId: string, recordingId: string): string {
  return `recordings/${ownerId}/${recordingId}/`;
}

export function segmentWavPath(ownerId: string, recordingId: string, seq: number): string {
  return `${recordingPrefix(ownerId, recordingId)}${seq}.wav`;
}

export function segmentMp3Path(ownerId: string, recordingId: string, seq: number): string {
  return `${recordingPrefix(ownerId, recordingId)}${seq}.mp3`;
}

export function fullMp3Path(ownerId: string, recordingId: string): string {
  return `${recordingPrefix(ownerId, recordingId)}full.mp3`;
}

/** `cloud://{envId}.{bucket}/{cloudPath}` → cloudPath, or undefined when it is not a fileID. */
export function cloudPathOf(fileID: string): string | undefined {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  return match ? match[1] : undefined;
}

/** The segment's piece of the gapless chain (pipeline/audio/chain-piece.ts), kept for finalize. */
export function segmentChainPath(ownerId: string, recordingId: string, seq: number): string {
  return `${recordingPrefix(ownerId, recordingId)}${seq}.chain`;
}
