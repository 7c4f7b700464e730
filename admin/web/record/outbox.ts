/**
 * Everything the page has produced that is not yet in cloud storage, in the order it was produced. The
 * server confirms only what storage holds (it seals a segment every few seconds), so this is at most that
 * much audio (and video) plus what is in flight, however long the recording. Media gets consecutive byte
 * offsets per stream; a reconnect (to any server instance) resends whatever is still here, and the server
 * skips what it already has, so nothing is lost or doubled.
 */
import { MAX_FRAME_PAYLOAD_BYTES, type ConfirmedOffsets } from '../../../typings/browser-recorder';

const MAX_ITEM_BYTES = MAX_FRAME_PAYLOAD_BYTES / 4;

/**
 * The most media the page holds unconfirmed before it stops capturing (README, "Link down for long"):
 * 32 MiB is 17 minutes of audio, or about 1.5 minutes of camera video at Chrome's 2.5 Mbit/s.
 */
export const DEFAULT_MAX_HELD_BYTES = 32 * 1024 * 1024;
/** The code the page shows when it stopped capturing at that bound. */
export const OUTBOX_FULL = 'OUTBOX_FULL';

export type OutItem =
  | { kind: 'audio' | 'video'; offset: number; bytes: Uint8Array; sent: boolean }
  | { kind: 'pause'; seq: number; audioOffset: number; sent: boolean }
  | { kind: 'stop'; audioOffset: number; videoOffset: number; sent: boolean };

export class Outbox {
  private items: OutItem[] = [];
  private ends = { audio: 0, video: 0 };
  private boundary = 0;
  private nextSeq = 0;
  private held = 0;

  get audioEnd(): number {
    return this.ends.audio;
  }

  get videoEnd(): number {
    return this.ends.video;
  }

  get pending(): number {
    return this.items.length;
  }

  /** Media bytes not yet in cloud storage: what this page holds in memory for the server. */
  get heldBytes(): number {
    return this.held;
  }

  /** Large chunks (a second of HD video) are split so every frame stays well under the server's limit. */
  addMedia(kind: 'audio' | 'video', bytes: Uint8Array): void {
    for (let start = 0; start < bytes.byteLength; start += MAX_ITEM_BYTES) {
      const piece = bytes.subarray(start, start + MAX_ITEM_BYTES);
      this.items.push({ kind, offset: this.ends[kind], bytes: piece, sent: false });
      this.ends[kind] += piece.byteLength;
      this.held += piece.byteLength;
    }
  }

  /** A segment boundary at the current audio end; none when no audio arrived since the last one. */
  addPause(): boolean {
    if (this.ends.audio === this.boundary) return false;
    this.boundary = this.ends.audio;
    this.items.push({ kind: 'pause', seq: this.nextSeq++, audioOffset: this.boundary, sent: false });
    return true;
  }

  addStop(): void {
    this.items.push({
      kind: 'stop',
      audioOffset: this.ends.audio,
      videoOffset: this.ends.video,
      sent: false,
    });
  }

  /** Forgets what is in cloud storage. */
  confirm(confirmed: ConfirmedOffsets): void {
    this.items = this.items.filter((item) => !isConfirmed(item, confirmed));
    this.held = this.items.reduce((sum, item) => sum + mediaBytes(item), 0);
  }

  /** After a reconnect every remaining item goes again. */
  markAllUnsent(): void {
    for (const item of this.items) item.sent = false;
  }

  takeUnsent(): OutItem[] {
    const unsent = this.items.filter((item) => !item.sent);
    for (const item of unsent) item.sent = true;
    return unsent;
  }
}

function mediaBytes(item: OutItem): number {
  return item.kind === 'audio' || item.kind === 'video' ? item.bytes.byteLength : 0;
}

/** A pause is done once storage holds the audio up to it: its segment was sealed there. */
function isConfirmed(item: OutItem, confirmed: ConfirmedOffsets): boolean {
  if (item.kind === 'pause') return item.audioOffset <= confirmed.audio;
  if (item.kind === 'stop') return false;
  return item.offset + item.bytes.byteLength <= confirmed[item.kind];
}
