import { startAdminFixture, type AdminFixture } from './support/fixture';
import { AdminClient } from '../../harness/admin/http-client';
import { newOpenid, recordThroughPipeline } from './support/pipeline-recording';

interface ShareLinkView {
  id: string;
  token: string;
  expiresAt: string;
  revokedAt?: string;
}

let f: AdminFixture;
let owner: { client: AdminClient; teacherId: string };
let recordingId: string;
let fullMp3FileID: string;
const anonymous = () => new AdminClient(f.url);

beforeAll(async () => {
  f = await startAdminFixture();
  owner = await f.teacher('sharer');
  const { _id: assignmentId } = await owner.client.data<{ _id: string }>('POST', '/api/assignments', {
    title: 'Share me',
    prompt: 'Say hello.',
    maxDurationSec: 30,
  });
  const made = await recordThroughPipeline(f.app, {
    openid: newOpenid(),
    studentName: 'Wang Fang',
    assignmentId,
    texts: ['Hello, this recording is shared.'],
  });
  recordingId = made.recordingId;
  fullMp3FileID = made.fullMp3FileID as string;
}, 120000);
afterAll(() => f.close());

function createLink(expiresInSec: number): Promise<ShareLinkView> {
  return owner.client.data<ShareLinkView>('POST', `/api/recordings/${recordingId}/share-links`, {
    expiresInSec,
  });
}

test('a share link opens the recording’s details and exact MP3 without signing in', async () => {
  const link = await createLink(3600);
  const details = await anonymous().data<{ title: string; hasAudio: boolean }>(
    'GET',
    `/api/public/share/${link.token}`,
  );
  expect(details).toMatchObject({ title: 'Share me', hasAudio: true });
  expect(JSON.stringify(details)).not.toContain('Wang Fang');
  const res = await anonymous().raw('GET', `/api/public/share/${link.token}/audio`);
  const body = Buffer.from(await res.arrayBuffer());
  const stored = (await f.app.downloadFile({ fileID: fullMp3FileID })).fileContent as Buffer;
  expect(body.equals(stored)).toBe(true);
});

test('a revoked link is refused and the revocation is recorded in shareLinks', async () => {
  const link = await createLink(3600);
  await owner.client.data('DELETE', `/api/share-links/${link.id}`);
  const result = await anonymous().request('GET', `/api/public/share/${link.token}`);
  expect(result.status).toBe(403);
  expect(result.body).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN', message: expect.stringMatching(/revoked/) },
  });
  expect((await anonymous().raw('GET', `/api/public/share/${link.token}/audio`)).status).toBe(403);
  const doc = await f.app.database().collection('shareLinks').doc(link.id).get();
  expect(doc.data[0].revokedAt).toBeTruthy();
});

test('a link stops working once it expires', async () => {
  const link = await createLink(5);
  expect((await anonymous().request('GET', `/api/public/share/${link.token}`)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, new Date(link.expiresAt).getTime() - Date.now() + 200));
  const result = await anonymous().request('GET', `/api/public/share/${link.token}`);
  expect(result.status).toBe(403);
  expect(result.body).toMatchObject({ ok: false, error: { message: expect.stringMatching(/expired/) } });
});

test('a token with a changed expiry or recording fails its signature check', async () => {
  const link = await createLink(3600);
  const [body, signature] = link.token.split('.');
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { e: number; r: string };
  const forged = (changes: object) =>
    Buffer.from(JSON.stringify({ ...payload, ...changes })).toString('base64url');
  const stretched = forged({ e: payload.e + 365 * 86400000 });
  const otherRecording = forged({ r: `${payload.r.slice(0, -1)}x` });
  const tokens = [
    `${stretched}.${signature}`,
    `${otherRecording}.${signature}`,
    `${body}.${signature.slice(0, -2)}xx`,
    'garbage',
  ];
  for (const token of tokens) {
    const result = await anonymous().request('GET', `/api/public/share/${token}`);
    expect(result.status).toBe(403);
  }
});

test('another teacher can neither share nor revoke the recording', async () => {
  const link = await createLink(3600);
  const other = await f.teacher('stranger');
  const share = await other.client.request('POST', `/api/recordings/${recordingId}/share-links`, {
    expiresInSec: 60,
  });
  expect(share.status).toBe(404);
  expect((await other.client.request('DELETE', `/api/share-links/${link.id}`)).status).toBe(404);
  expect((await anonymous().request('GET', `/api/public/share/${link.token}`)).status).toBe(200);
});

test('the owner lists the links of a recording with their state', async () => {
  const active = await createLink(3600);
  const revoked = await createLink(3600);
  await owner.client.data('DELETE', `/api/share-links/${revoked.id}`);
  const { links } = await owner.client.data<{ links: ShareLinkView[] }>(
    'GET',
    `/api/recordings/${recordingId}/share-links`,
  );
  const listed = (id: string) => links.find((l) => l.id === id);
  expect(listed(active.id)).toMatchObject({ id: active.id, expiresAt: active.expiresAt });
  expect(listed(active.id)?.revokedAt).toBeUndefined();
  expect(listed(revoked.id)?.revokedAt).toEqual(expect.any(String));
});
