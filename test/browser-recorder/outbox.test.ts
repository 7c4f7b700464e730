/** The page's outbox: what it keeps until the server confirms, and how it numbers bytes and segments. */
import { Outbox } from '../../admin/web/record/outbox';
import { MAX_FRAME_PAYLOAD_BYTES } from '../../typings/browser-recorder';

test('a video chunk larger than a frame is split into consecutive offsets under the frame limit', () => {
  const outbox = new Outbox();
  outbox.addMedia('video', new Uint8Array(MAX_FRAME_PAYLOAD_BYTES * 2 + 5));
  const items = outbox.takeUnsent();
  expect(
    items.every((item) => item.kind === 'video' && item.bytes.byteLength <= MAX_FRAME_PAYLOAD_BYTES),
  ).toBe(true);
  const offsets = items.map((item) => (item.kind === 'video' ? [item.offset, item.bytes.byteLength] : []));
  let expected = 0;
  for (const [offset, length] of offsets) {
    expect(offset).toBe(expected);
    expected += length;
  }
  expect(outbox.videoEnd).toBe(MAX_FRAME_PAYLOAD_BYTES * 2 + 5);
});

test('a pause with no audio since the last one adds no segment boundary', () => {
  const outbox = new Outbox();
  outbox.addMedia('audio', new Uint8Array(3200));
  expect(outbox.addPause()).toBe(true);
  expect(outbox.addPause()).toBe(false);
  const pauses = outbox.takeUnsent().filter((item) => item.kind === 'pause');
  expect(pauses).toEqual([{ kind: 'pause', seq: 0, audioOffset: 3200, sent: true }]);
});

test('bytes and pauses below what storage holds are forgotten; the rest is resent after a reconnect', () => {
  const outbox = new Outbox();
  outbox.addMedia('audio', new Uint8Array(3200));
  outbox.addPause();
  outbox.addMedia('audio', new Uint8Array(3200));
  outbox.takeUnsent();
  outbox.confirm({ audio: 3200, video: 0 });
  outbox.markAllUnsent();
  expect(outbox.takeUnsent().map((item) => [item.kind, item.kind === 'audio' ? item.offset : -1])).toEqual([
    ['audio', 3200],
  ]);
});

test('a pause above what storage holds is kept and resent with the audio before it', () => {
  const outbox = new Outbox();
  outbox.addMedia('audio', new Uint8Array(6400));
  outbox.addPause();
  outbox.takeUnsent();
  outbox.confirm({ audio: 3200, video: 0 });
  outbox.markAllUnsent();
  expect(outbox.takeUnsent().map((item) => item.kind)).toEqual(['audio', 'pause']);
});

test('the outbox counts the media it holds until storage confirms it (what its bound limits)', () => {
  const outbox = new Outbox();
  outbox.addMedia('audio', new Uint8Array(3200));
  outbox.addMedia('audio', new Uint8Array(3200));
  outbox.addMedia('video', new Uint8Array(1000));
  outbox.addPause();
  expect(outbox.heldBytes).toBe(7400);
  outbox.takeUnsent();
  outbox.confirm({ audio: 3200, video: 1000 });
  expect(outbox.heldBytes).toBe(3200);
});
