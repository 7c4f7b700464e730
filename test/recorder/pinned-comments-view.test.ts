import type { PlaybackSource } from '../../miniprogram/recorder/playback';
import { formatMoment, seekInto } from '../../miniprogram/view/pinned-comments';

const src = (name: string): PlaybackSource => ({ kind: 'remote', src: name });

test('a moment reads as minutes and seconds, the way teachers write it', () => {
  expect([0, 999, 32_400, 75_000, 600_000].map(formatMoment)).toEqual([
    '0:00',
    '0:00',
    '0:32',
    '1:15',
    '10:00',
  ]);
});

test('the full MP3 starts at the moment itself', () => {
  expect(seekInto([src('full')], [3000, 4000], 5200)).toEqual({ sources: [src('full')], startSec: 5.2 });
});

test('a chain of segments skips those before the moment and starts inside the one it falls in', () => {
  const chain = [src('0'), src('1'), src('2')];
  expect(seekInto(chain, [3000, 4000, 2000], 5200)).toEqual({ sources: [src('1'), src('2')], startSec: 2.2 });
  expect(seekInto(chain, [3000, 4000, 2000], 0)).toEqual({ sources: chain, startSec: 0 });
  expect(seekInto(chain, [3000, 4000, 2000], 9000)).toEqual({ sources: [src('2')], startSec: 2 });
});
