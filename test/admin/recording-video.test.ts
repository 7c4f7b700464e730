/**
 * A browser recording's WebM video through the admin API: the recording says `hasVideo` (never the
 * storage fileID), the video streams to its teacher and through share links with Range passed through
 * (so a player can seek), and nobody else gets it.
 */
import { randomBytes } from 'node:crypto';
import { videoWebmPath } from '../../typings/browser-recorder';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { expectRefused } from './support/expect';
import { startAdminFixture, type AdminFixture } from './support/fixture';
import { AdminClient } from '../../harness/admin/http-client';
import { insertAll, seededRecording } from '../../harness/admin/seed';

const VIDEO_SIZE = 200_000;
// The server never looks inside the file, so any bytes stand in for a WebM here.
const video = randomBytes(VIDEO_SIZE);

let f: AdminFixture;
let owner: { client: AdminClient; teacherId: string };
let withVideo: RecordingDoc;
let audioOnly: RecordingDoc;
let videoFileID: string;

beforeAll(async () => {
  f = await startAdminFixture();
  owner = await f.teacher('camera_owner');
  audioOnly = seededRecording({ _openid: owner.teacherId, source: 'browser' });
  const draft = seededRecording({ _openid: owner.teacherId, source: 'browser' });
  ({ fileID: videoFileID } = await f.app.uploadFile({
    cloudPath: videoWebmPath(owner.teacherId, draft._id),
    fileContent: video,
  }));
  withVideo = { ...draft, videoFileID } as RecordingDoc;
  await insertAll(f.app, COLLECTIONS.recordings, [withVideo, audioOnly]);
}, 120000);
afterAll(() => f.close());

const videoPath = (id: string) => `/api/recordings/${id}/video`;

test('the recording says it has a video and never shows the storage fileID', async () => {
  const detail = await owner.client.data<{ recording: object }>('GET', `/api/recordings/${withVideo._id}`);
  expect(detail.recording).toMatchObject({ _id: withVideo._id, hasVideo: true });
  expect(JSON.stringify(detail)).not.toContain(videoFileID);
});

test('a range request answers 206 with exactly those bytes of the stored video', async () => {
  const res = await owner.client.raw('GET', videoPath(withVideo._id), undefined, {
    range: 'bytes=1000-4999',
  });
  expect(res.status).toBe(206);
  expect(res.headers.get('content-type')).toBe('video/webm');
  expect(res.headers.get('content-range')).toBe(`bytes 1000-4999/${VIDEO_SIZE}`);
  expect(Buffer.from(await res.arrayBuffer()).equals(video.subarray(1000, 5000))).toBe(true);
});

test('a suffix range answers the last bytes of the video', async () => {
  const res = await owner.client.raw('GET', videoPath(withVideo._id), undefined, { range: 'bytes=-700' });
  expect(res.status).toBe(206);
  expect(Buffer.from(await res.arrayBuffer()).equals(video.subarray(VIDEO_SIZE - 700))).toBe(true);
});

test('without Range the whole video streams with Accept-Ranges so the browser knows it can seek', async () => {
  const res = await owner.client.raw('GET', videoPath(withVideo._id));
  expect(res.status).toBe(200);
  expect(res.headers.get('accept-ranges')).toBe('bytes');
  expect(Buffer.from(await res.arrayBuffer()).equals(video)).toBe(true);
});

test('a range past the end answers 416 with the video size in Content-Range', async () => {
  const res = await owner.client.raw('GET', videoPath(withVideo._id), undefined, {
    range: `bytes=${VIDEO_SIZE}-`,
  });
  expect(res.status).toBe(416);
  expect(res.headers.get('content-range')).toBe(`bytes */${VIDEO_SIZE}`);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
});

test('another teacher gets 404 for the video, even with a Range header', async () => {
  const other = await f.teacher('camera_stranger');
  const res = await other.client.raw('GET', videoPath(withVideo._id), undefined, { range: 'bytes=0-99' });
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('a recording without video says so and its video route answers 404', async () => {
  const detail = await owner.client.data<{ recording: object }>('GET', `/api/recordings/${audioOnly._id}`);
  expect(detail.recording).toMatchObject({ hasVideo: false });
  expectRefused(await owner.client.request('GET', videoPath(audioOnly._id)), 404, 'NOT_FOUND');
});

test('without a session the video route answers 401', async () => {
  const res = await new AdminClient(f.url).raw('GET', videoPath(withVideo._id));
  expect(res.status).toBe(401);
});

async function shareToken(recordingId: string): Promise<{ id: string; token: string }> {
  return owner.client.data('POST', `/api/recordings/${recordingId}/share-links`, { expiresInSec: 3600 });
}

test('a share link says the recording has a video and serves a range of it without signing in', async () => {
  const { token } = await shareToken(withVideo._id);
  const anonymous = new AdminClient(f.url);
  expect(await anonymous.data('GET', `/api/public/share/${token}`)).toMatchObject({ hasVideo: true });
  const res = await anonymous.raw('GET', `/api/public/share/${token}/video`, undefined, {
    range: 'bytes=100-199',
  });
  expect(res.status).toBe(206);
  expect(Buffer.from(await res.arrayBuffer()).equals(video.subarray(100, 200))).toBe(true);
});

test('a revoked share link no longer serves the video', async () => {
  const { id, token } = await shareToken(withVideo._id);
  await owner.client.data('DELETE', `/api/share-links/${id}`);
  const result = await new AdminClient(f.url).request('GET', `/api/public/share/${token}/video`);
  expectRefused(result, 403, 'FORBIDDEN');
});

test('a forged share token does not serve the video', async () => {
  const { token } = await shareToken(withVideo._id);
  const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
  const result = await new AdminClient(f.url).request('GET', `/api/public/share/${forged}/video`);
  expectRefused(result, 403, 'FORBIDDEN');
});
