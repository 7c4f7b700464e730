/**
 * The teacher admin page end to end in real headless Chromium: the SPA built by Vite, served by the real
 * admin server process, over the emulator, with a recording made by the real pipeline from real speech.
 * The assignment and recording the tests review are made once before them, and every test opens the page
 * it needs itself, so any test can run alone or in any order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ElementHandle, Page } from 'playwright-core';
import { ADMIN_COLLECTIONS } from '../../admin/server/store/collections';
import { createTeacher } from '../../admin/server/teachers';
import { launchBrowser, type TestBrowser } from '../support/chromium';
import { buildWebApp } from '../../harness/browser-recorder/web-build';
import { reviewSaved, signInThroughForm, waitUntilPlaying } from './support/admin-page';
import { startAdminFixture, TEST_PASSWORD, type AdminFixture } from './support/fixture';
import { AdminClient } from '../../harness/admin/http-client';
import { newOpenid, recordThroughPipeline } from './support/pipeline-recording';

// Written under the ignored test-output/; the README's review pictures come from `npm run screens -- admin`.
const SCREENSHOT = path.join(__dirname, '../../test-output/review-page.png');

let webDir: string;
let f: AdminFixture;
let browser: TestBrowser;
let page: Page;
let teacherId: string;
let assignmentId: string;
let recordingId: string;

beforeAll(async () => {
  webDir = await buildWebApp();
  f = await startAdminFixture({ webDir });
  teacherId = (
    await createTeacher(f.app, { username: 'ms_zhang', password: TEST_PASSWORD, displayName: '张老师' })
  )._id;
  await createTeacher(f.app, { username: 'mr_wu', password: TEST_PASSWORD, displayName: '吴老师' });
  const api = new AdminClient(f.url);
  await api.login('ms_zhang', TEST_PASSWORD);
  assignmentId = (
    await api.data<{ _id: string }>('POST', '/api/assignments', {
      title: '朗读第二课',
      prompt: 'Read it aloud.',
      maxDurationSec: 120,
    })
  )._id;
  const made = await recordThroughPipeline(f.app, {
    openid: newOpenid(),
    studentName: '李雷',
    assignmentId,
    texts: ['The quick brown fox jumps over the lazy dog.', 'Every morning the students read aloud.'],
  });
  recordingId = made.recordingId;
  browser = await launchFreshBrowser();
  page = await browser.context.newPage();
  await signInThroughForm(page, f.url, 'ms_zhang', TEST_PASSWORD);
  await page.locator('[data-test=new-assignment]').waitFor();
}, 240000);

// Each test starts at desktop size in Chinese (the default), whatever ran before it.
beforeEach(async () => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(f.url);
  await page.evaluate(() => window.localStorage.clear());
});

/** Opens the recording the tests review, with its waveform loaded. */
async function openReviewedRecording(): Promise<void> {
  await page.goto(`${f.url}/#/recordings/${recordingId}`);
  await page.reload(); // a hash change alone keeps the previous recording's page
  await page.locator('[data-test=segment-row]').nth(1).waitFor();
  await page.locator('[data-test=waveform] div').first().waitFor();
}

// A new profile each time: no cookies, no cache, as a different person's browser would be.
const launchFreshBrowser = () => launchBrowser({});

afterAll(async () => {
  await browser?.close();
  await f?.close();
  await rm(webDir, { recursive: true, force: true });
});

test('a wrong password is refused in the login form', async () => {
  const stranger = await launchFreshBrowser();
  try {
    const login = await stranger.context.newPage();
    await signInThroughForm(login, f.url, 'ms_zhang', 'wrong password');
    await expect(login.locator('[data-test=login-error]').textContent()).resolves.toContain(
      'wrong user name or password',
    );
    expect(await login.locator('[data-test=new-assignment]').count()).toBe(0);
  } finally {
    await stranger.close();
  }
});

test('the teacher logs in and creates an assignment that shows its Mini Program path and QR code', async () => {
  await page.locator('[data-test=new-assignment]').click();
  await page.locator('input[name=title]').fill('朗读第三课');
  await page.locator('textarea[name=prompt]').fill('Read the passage about the fox aloud.');
  await page.locator('.t-dialog__confirm').click();
  const card = page.locator('[data-test=assignment-card]').filter({ hasText: '朗读第三课' });
  const path = await card.locator('[data-test=mp-path]').textContent();
  expect(path).toMatch(/^pages\/record\/record\?assignment=[\w-]{16,}$/);
  const createdId = (path as string).split('=')[1];
  const qr = await card.locator('img[data-test=qr]').elementHandle();
  const qrLoaded = await page.waitForFunction(
    (img) => (img && img.complete && img.naturalWidth > 0 ? img.naturalWidth : false),
    qr as ElementHandle<HTMLImageElement> | null,
  );
  expect(await qrLoaded.jsonValue()).toBe(256);
  const stored = await f.app.database().collection(ADMIN_COLLECTIONS.assignments).doc(createdId).get();
  expect(stored.data[0]).toMatchObject({ teacherId, title: '朗读第三课' });
});

test('a recording made by the real pipeline appears in the list and plays until the audio element is playing', async () => {
  await page.goto(`${f.url}/#/recordings?assignmentId=${assignmentId}`);
  await page.locator('[data-test=recordings-table]').getByText('李雷').waitFor();
  await page.locator('[data-test=open-recording]').first().click();
  await page.locator('[data-test=segment-row]').nth(1).waitFor();
  await page.locator('[data-test=waveform] div').first().waitFor();
  await page.locator('[data-test=play]').click();
  expect(await waitUntilPlaying(page)).toBeGreaterThan(0.2);
}, 120000);

test('the playback speed control changes the audio element’s rate', async () => {
  await openReviewedRecording();
  await page.locator('[data-test=speed] label').filter({ hasText: '0.5×' }).click();
  const rate = await page
    .locator('audio[data-test=main-audio]')
    .evaluate((a: HTMLAudioElement) => a.playbackRate);
  expect(rate).toBe(0.5);
});

test('score and comment are saved at once and are still there after a reload', async () => {
  await openReviewedRecording();
  const scoreSaved = reviewSaved(page);
  await page.locator('[data-test=score] input').fill('88');
  await page.locator('[data-test=score] input').blur();
  await scoreSaved;
  const commentSaved = reviewSaved(page);
  await page.locator('[data-test=comment] textarea').fill('读得很流利，注意 th 的发音。');
  await page.locator('[data-test=comment] textarea').blur();
  await commentSaved;
  await page.reload();
  await expect(page.locator('[data-test=score] input').inputValue()).resolves.toBe('88');
  await expect(page.locator('[data-test=comment] textarea').inputValue()).resolves.toBe(
    '读得很流利，注意 th 的发音。',
  );
  const stored = await f.app.database().collection(ADMIN_COLLECTIONS.recordings).doc(recordingId).get();
  expect(stored.data[0].review).toMatchObject({
    score: 88,
    comment: '读得很流利，注意 th 的发音。',
    reviewedBy: teacherId,
  });
  await page.locator('[data-test=waveform] div').first().waitFor();
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('a share link plays in a fresh browser; a short one fails after expiry', async () => {
  await openReviewedRecording();
  await page.locator('[data-test=create-share]').click();
  const shareUrl = (await page.locator('[data-test=share-url]').first().textContent()) as string;
  const api = new AdminClient(f.url);
  await api.login('ms_zhang', TEST_PASSWORD);
  const short = await api.data<{ token: string; expiresAt: string }>(
    'POST',
    `/api/recordings/${recordingId}/share-links`,
    {
      expiresInSec: 5,
    },
  );
  const stranger = await launchFreshBrowser();
  try {
    const listener = await stranger.context.newPage();
    await listener.goto(shareUrl);
    await listener.locator('[data-test=play]').click();
    expect(await waitUntilPlaying(listener)).toBeGreaterThan(0.2);
    await new Promise((resolve) =>
      setTimeout(resolve, new Date(short.expiresAt).getTime() - Date.now() + 300),
    );
    await listener.goto(`${f.url}/#/share/${short.token}`);
    await listener.reload();
    await expect(listener.locator('[data-test=share-error]').textContent()).resolves.toContain('expired');
    expect(await listener.locator('audio[data-test=main-audio]').count()).toBe(0);
  } finally {
    await stranger.close();
  }
}, 60000);

test('the segment list shows the student’s pauses between takes and nothing at automatic cuts', async () => {
  const made = await recordThroughPipeline(f.app, {
    openid: newOpenid(),
    studentName: '韩梅梅',
    assignmentId,
    texts: ['One take read on.', 'Still the first take.', 'After a pause.', 'A call came.', 'The end.'],
    cuts: ['auto', 'pause', 'call', 'auto', 'stop'],
  });
  await page.goto(`${f.url}/#/recordings/${made.recordingId}`);
  await page.reload(); // a hash change alone keeps the previous recording's page
  await page.locator('[data-test=segment-row]').nth(4).waitFor();
  const rows = await page
    .locator('[data-test=segment-row], [data-test=pause-row]')
    .evaluateAll((els) =>
      els.map((el) => (el.getAttribute('data-test') === 'pause-row' ? el.textContent?.trim() : 'segment')),
    );
  expect(rows).toEqual(['segment', 'segment', '⏸ 学生暂停', 'segment', '⏸ 来电打断', 'segment', 'segment']);
});

test('a second teacher sees none of the first teacher’s assignments or recordings', async () => {
  const other = await launchFreshBrowser();
  try {
    const otherPage = await other.context.newPage();
    await signInThroughForm(otherPage, f.url, 'mr_wu', TEST_PASSWORD);
    await otherPage.locator('[data-test=new-assignment]').waitFor();
    expect(await otherPage.locator('[data-test=assignment-card]').count()).toBe(0);
    await otherPage.goto(`${f.url}/#/recordings`);
    await otherPage.locator('[data-test=recordings-table]').waitFor();
    await otherPage.waitForLoadState('networkidle');
    expect(await otherPage.locator('[data-test=open-recording]').count()).toBe(0);
    const direct = await otherPage.evaluate(
      async (id) => (await fetch(`/api/recordings/${id}`)).status,
      recordingId,
    );
    expect(direct).toBe(404);
  } finally {
    await other.close();
  }
});

/** A page on another site (localhost vs 127.0.0.1) that posts to the admin API with the teacher's cookies. */
async function startAttackerSite(target: string): Promise<{ url: string; server: Server }> {
  const html = `<form id="f" method="POST" action="${target}/api/assignments" enctype="text/plain">
    <input name='{"title":"Forged","prompt":"","maxDurationSec":60,"x":"' value='"}'></form>
    <script>fetch('${target}/api/assignments', { method: 'POST', credentials: 'include', mode: 'no-cors',
      headers: { 'content-type': 'text/plain' }, body: '{"title":"Forged","prompt":"","maxDurationSec":60}' })
      .finally(() => document.getElementById('f').submit());</script>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}

test('forged requests are refused: no CSRF token from the page itself, nor a cross-site post', async () => {
  const sameOrigin = await page.evaluate(async () => {
    const res = await fetch('/api/assignments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Forged', prompt: '', maxDurationSec: 60 }),
    });
    return { status: res.status, body: await res.json() };
  });
  expect(sameOrigin).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } });
  const attacker = await startAttackerSite(f.url);
  try {
    const evil = await browser.context.newPage();
    const posted = evil.waitForRequest(
      (req) => req.method() === 'POST' && req.url().endsWith('/api/assignments'),
    );
    await evil.goto(attacker.url);
    await posted;
    await evil.waitForLoadState('networkidle');
    await evil.close();
  } finally {
    attacker.server.close();
  }
  const forged = await f.app
    .database()
    .collection(ADMIN_COLLECTIONS.assignments)
    .where({ title: 'Forged' })
    .count();
  expect(forged.total).toBe(0);
});

test('the page switches to English and stays usable at phone width', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${f.url}/#/recordings/${recordingId}`);
  await page.locator('[data-test=language]').click();
  await page.locator('[data-test=mark-reviewed]').getByText('Mark reviewed').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.locator('[data-test=play]').click();
  expect(await waitUntilPlaying(page)).toBeGreaterThan(0.2);
});

test('no text on the admin page falls back to a serif font', async () => {
  await openReviewedRecording();
  // Each element holding text: its font stack must end in a generic sans-serif (or monospace for codes).
  const serifStacks = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()))
      .map((el) => getComputedStyle(el).fontFamily)
      .filter((stack) => !/(sans-serif|monospace)\s*$/.test(stack)),
  );
  expect([...new Set(serifStacks)]).toEqual([]);
});
