/**
 * Teacher review in real headless Chromium: comments pinned on the waveform, the keyboard review queue,
 * class progress and the score exports — the Vite-built SPA, the real admin server process, recordings
 * made by the real pipeline from espeak-ng speech.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { ADMIN_COLLECTIONS } from '../../admin/server/store/collections';
import type { RecordingDoc } from '../../typings/documents';
import { buildWebApp } from '../../harness/browser-recorder/web-build';
import { launchBrowser, type TestBrowser } from '../support/chromium';
import type { AdminClient } from '../../harness/admin/http-client';
import { playbackStartAfter, signInThroughForm, waitUntilPlaying } from './support/admin-page';
import { startAdminFixture, TEST_PASSWORD, type AdminFixture } from './support/fixture';
import { newOpenid, recordThroughPipeline } from './support/pipeline-recording';
import { gbkCsv, readXlsx, uploadRoster, utf8Csv } from './support/roster-files';
import { saveStudentProfile } from '../../pipeline';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { RosterEntryDoc } from '../../typings/roster';

const OUTPUT = path.join(__dirname, '../../test-output');
const TEXTS = [
  'The quick brown fox jumps over the lazy dog.',
  'Every morning the students read aloud in the classroom.',
];

let webDir: string;
let f: AdminFixture;
let browser: TestBrowser;
let page: Page;
let assignmentId: string;
let teacherClient: AdminClient;
const recordingIds: string[] = [];

async function stored(id: string): Promise<RecordingDoc> {
  const res = await f.app.database().collection(ADMIN_COLLECTIONS.recordings).doc(id).get();
  return res.data[0] as RecordingDoc;
}

beforeAll(async () => {
  webDir = await buildWebApp();
  f = await startAdminFixture({ webDir });
  const teacher = await f.teacher('ms_zhang');
  teacherClient = teacher.client;
  assignmentId = (
    await teacher.client.data<{ _id: string }>('POST', '/api/assignments', {
      title: '朗读第三课',
      prompt: '',
      maxDurationSec: 60,
    })
  )._id;
  for (const [i, name] of ['李雷', '韩梅梅', '王芳'].entries()) {
    const made = await recordThroughPipeline(f.app, {
      openid: newOpenid(),
      studentName: name,
      assignmentId,
      texts: i === 0 ? TEXTS : [TEXTS[1] as string],
    });
    recordingIds.push(made.recordingId);
  }
  await uploadRoster(teacher.client, utf8Csv([['班级', '学号', '姓名'], ...rosterRows()]));
  await mkdir(OUTPUT, { recursive: true });
  browser = await launchBrowser({});
  page = await browser.context.newPage();
  await signInThroughForm(page, f.url, 'ms_zhang', TEST_PASSWORD);
  await page.locator('[data-test=new-assignment]').waitFor();
}, 300000);

function rosterRows(): string[][] {
  return [
    ['Class 3', '01', '李雷'],
    ['Class 3', '02', '韩梅梅'],
    ['Class 3', '03', '王芳'],
    ['Class 3', '04', '赵强'],
  ];
}

afterAll(async () => {
  await browser?.close();
  await f?.close();
  if (webDir) await rm(webDir, { recursive: true, force: true });
});

async function openRecording(id: string): Promise<void> {
  await page.goto(`${f.url}/#/recordings/${id}`);
  // The waveform is drawn once the audio is decoded; markers and clicks need it.
  await page.locator('[data-test=waveform] canvas').first().waitFor();
}

test('play pressed before the audio has downloaded starts playback once it arrives', async () => {
  const id = recordingIds[1] as string;
  // Hold the audio back for two seconds, as a slow school network would, so the click lands first.
  await page.route(`**/api/recordings/${id}/audio`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await route.continue();
  });
  try {
    await page.goto(`${f.url}/#/recordings/${id}`);
    await page.locator('[data-test=play]').click();
    expect(await page.locator('[data-test=waveform] canvas').count()).toBe(0);
    expect(await waitUntilPlaying(page)).toBeGreaterThan(0.2);
  } finally {
    await page.unroute(`**/api/recordings/${id}/audio`);
  }
}, 120000);

test('a comment pinned by clicking the waveform shows as a marker that plays from its moment', async () => {
  const id = recordingIds[0] as string;
  await openRecording(id);
  const box = await page.locator('[data-test=waveform]').boundingBox();
  if (!box) throw new Error('no waveform');
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.locator('[data-test=pin-text] input').fill('dropped the final -s');
  const posted = page.waitForResponse((r) => r.url().endsWith('/comments') && r.status() === 201);
  await page.locator('[data-test=pin-add]').click();
  await posted;
  await page.locator('[data-test=comment-marker]').first().waitFor();
  const { durationMs, review } = await stored(id);
  const atMs = review?.comments?.[0]?.atMs ?? -1;
  expect(atMs / durationMs).toBeGreaterThan(0.5);
  expect(atMs / durationMs).toBeLessThan(0.7);
  await page.locator('audio[data-test=main-audio]').evaluate((a: HTMLAudioElement) => {
    a.pause();
    a.currentTime = 0;
  });
  const startedAt = await playbackStartAfter(page, () =>
    page.locator('[data-test=comment-marker]').first().click(),
  );
  expectNear(startedAt, atMs / 1000);
}, 120000);

test('under the server CSP the waveform lays out as one wave with the markers inside it', async () => {
  const id = recordingIds[2] as string;
  await teacherClient.data('POST', `/api/recordings/${id}/comments`, { atMs: 500, text: 'layout' });
  await openRecording(id);
  await page.locator('[data-test=comment-marker]').first().waitFor();
  const box = async (selector: string) => {
    const found = await page.locator(selector).first().boundingBox();
    if (!found) throw new Error(`${selector} is not shown`);
    return found;
  };
  const wave = await box('[data-test=waveform]');
  const marker = await box('[data-test=comment-marker]');
  // wavesurfer's own rules put the played part over the wave: one 96 px band, not two stacked.
  expect(wave.height).toBeLessThan(120);
  expect(marker.y).toBeGreaterThanOrEqual(wave.y - 1);
  expect(marker.y + marker.height).toBeLessThanOrEqual(wave.y + wave.height + 1);
}, 60000);

test('after the clip has played to its end, the left arrow and space play from five seconds before the end', async () => {
  const id = recordingIds[0] as string;
  await openRecording(id);
  const audio = page.locator('audio[data-test=main-audio]');
  const duration = await audio.evaluate(async (a: HTMLAudioElement) => {
    a.currentTime = a.duration - 0.3;
    const ended = new Promise((resolve) => a.addEventListener('ended', resolve, { once: true }));
    await a.play();
    await ended;
    return a.duration;
  });
  expect(duration).toBeGreaterThan(5.5);
  await page.locator('body').press('ArrowLeft');
  const startedAt = await playbackStartAfter(page, () => page.locator('body').press(' '));
  expectNear(startedAt, duration - 5);
}, 120000);

test('pressing C while it plays pins a comment at the current time, kept in time order', async () => {
  const id = recordingIds[0] as string;
  await openRecording(id);
  await page.locator('audio[data-test=main-audio]').evaluate((a: HTMLAudioElement) => {
    a.currentTime = 0.5;
    void a.play();
  });
  await page.waitForFunction(() => {
    const a = document.querySelector<HTMLAudioElement>('audio[data-test=main-audio]');
    return a && !a.paused && a.currentTime > 1;
  });
  await page.locator('body').press('c');
  const paused = await page
    .locator('audio[data-test=main-audio]')
    .evaluate((a: HTMLAudioElement) => ({ paused: a.paused, at: a.currentTime }));
  expect(paused.paused).toBe(true);
  await page.keyboard.type('good rhythm here');
  await page.keyboard.press('Enter');
  await page.locator('[data-test=pinned-comment]').filter({ hasText: 'good rhythm here' }).waitFor();
  // Whatever else is pinned on this recording, the list stays in time order with the new one in place.
  const comments = (await stored(id)).review?.comments ?? [];
  const pinned = comments.find((c) => c.text === 'good rhythm here');
  expect(Math.abs((pinned?.atMs ?? -1) / 1000 - paused.at)).toBeLessThan(0.3);
  expect(comments.map((c) => c.atMs)).toEqual([...comments.map((c) => c.atMs)].sort((x, y) => x - y));
  await page
    .locator('[data-test=comment-marker]')
    .nth(comments.length - 1)
    .waitFor();
  await page.screenshot({ path: path.join(OUTPUT, 'recording-pinned-comments.png'), fullPage: true });
}, 60000);

/** Every position playback started from is `seconds`, give or take what a busy machine lets it run on. */
function expectNear(positions: number[], seconds: number): void {
  expect(positions.length).toBeGreaterThan(0);
  for (const at of positions) {
    expect(at).toBeGreaterThanOrEqual(seconds - 0.05);
    expect(at).toBeLessThan(seconds + 1);
  }
}

async function audioState(): Promise<{ paused: boolean; time: number; rate: number }> {
  return page
    .locator('audio[data-test=main-audio]')
    .evaluate((a: HTMLAudioElement) => ({ paused: a.paused, time: a.currentTime, rate: a.playbackRate }));
}

async function expectSpaceToggles(): Promise<void> {
  const before = (await audioState()).paused;
  await page.keyboard.press(' ');
  expect((await audioState()).paused).toBe(!before);
}

/** Reviews the recording at `position` of the queue with keys only; returns its id. */
async function reviewWithKeys(position: number, score: string): Promise<string> {
  await page.locator('[data-test=queue-position]').getByText(`${position} / 3`).waitFor();
  const id = decodeURIComponent(page.url().split('#/recordings/')[1]?.split('?')[0] ?? '');
  await page.locator('[data-test=waveform] canvas').first().waitFor();
  await page.keyboard.press(' ');
  await waitUntilPlaying(page);
  // A short clip may reach its end before the next key: space must flip the state either way.
  await expectSpaceToggles();
  if (!(await audioState()).paused) await expectSpaceToggles();
  const pausedAt = await audioState();
  await page.keyboard.press(']');
  await page.waitForFunction(
    () => document.querySelector<HTMLAudioElement>('audio[data-test=main-audio]')?.playbackRate === 1.25,
  );
  await page.keyboard.press('ArrowRight');
  const forward = (await audioState()).time;
  expect(forward).toBeGreaterThan(Math.min(pausedAt.time + 1, 2));
  await page.keyboard.press('ArrowLeft');
  // What the teacher hears next: playback resumes 5 s back (or from the start), read from the media events.
  const back = Math.max(0, forward - 5);
  const startedAt = await playbackStartAfter(page, () => page.keyboard.press(' '));
  expectNear(startedAt, back);
  await page.keyboard.press(' ');
  await page.keyboard.press(score[0] as string);
  await page.keyboard.type(score.slice(1));
  const saved = page.waitForResponse((r) => r.url().endsWith('/review') && r.request().method() === 'PUT');
  await page.keyboard.press('Control+Enter');
  await saved;
  return id;
}

test('three recordings are reviewed with the keyboard only, and the queue survives a reload', async () => {
  // All three need review at the start, whatever ran before (the progress test marks them reviewed).
  for (const id of recordingIds)
    await teacherClient.data('PUT', `/api/recordings/${id}/review`, { status: 'needs_review' });
  await page.goto(`${f.url}/#/recordings?assignmentId=${assignmentId}`);
  await page.locator('[data-test=open-recording]').nth(2).waitFor();
  await page.locator('[data-test=start-reviewing]').click();
  await page.locator('[data-test=queue-position]').waitFor();
  await page.reload();
  const order: string[] = [];
  for (const [i, score] of ['85', '92', '78'].entries()) {
    order.push(await reviewWithKeys(i + 1, score));
  }
  const reviews = await Promise.all(order.map(async (id) => (await stored(id)).review));
  expect(reviews.map((r) => [r?.status, r?.score])).toEqual([
    ['reviewed', 85],
    ['reviewed', 92],
    ['reviewed', 78],
  ]);
  expect([...order].sort()).toEqual([...recordingIds].sort());
  // The last one stays (the queue is done); Escape leaves the score field, K goes back, ? shows the keys.
  await page.keyboard.press('Escape');
  await page.keyboard.press('k');
  await page
    .locator('[data-test=queue-position]')
    .getByText(/2 \/ 3/)
    .waitFor();
  await page.keyboard.press('?');
  await page.locator('[data-test=key-help]').getByText('J / K').waitFor();
  await page.keyboard.press('Escape');
  await page.getByText('J / K').waitFor({ state: 'hidden' });
}, 180000);

test('start reviewing skips a recording already reviewed and queues the whole list in its order', async () => {
  for (const id of recordingIds)
    await teacherClient.data('PUT', `/api/recordings/${id}/review`, { status: 'needs_review' });
  await page.goto(`${f.url}/#/recordings?assignmentId=${assignmentId}`);
  const links = page.locator('[data-test=open-recording]');
  await links.nth(2).waitFor();
  const listed = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).map(
    (href) => href?.split('#/recordings/')[1],
  );
  await teacherClient.data('PUT', `/api/recordings/${listed[0]}/review`, { status: 'reviewed' });
  await page.locator('[data-test=start-reviewing]').click();
  await page.locator('[data-test=queue-position]').getByText('2 / 3').waitFor();
  expect(page.url()).toContain(`#/recordings/${listed[1]}?queue=${listed.join(',')}`);
}, 60000);

test('J moves to the next recording of the queue, [ slows playback and S focuses the score', async () => {
  await page.goto(`${f.url}/#/recordings/${recordingIds[0]}?queue=${recordingIds.join(',')}`);
  await page.locator('[data-test=queue-position]').getByText('1 / 3').waitFor();
  await page.locator('[data-test=waveform] canvas').first().waitFor();
  await page.keyboard.press('j');
  await page.locator('[data-test=queue-position]').getByText('2 / 3').waitFor();
  expect(page.url()).toContain(`#/recordings/${recordingIds[1]}?queue=`);
  await page.locator('[data-test=waveform] canvas').first().waitFor();
  await page.keyboard.press('[');
  expect((await audioState()).rate).toBe(0.75);
  await page.keyboard.press('s');
  const focused = () =>
    page.evaluate(() => document.activeElement?.closest('[data-test]')?.getAttribute('data-test'));
  expect(await focused()).toBe('score');
  // Inside the field the review keys type: "j" stays on this recording.
  await page.keyboard.type('j');
  expect(page.url()).toContain(`#/recordings/${recordingIds[1]}?queue=`);
}, 60000);

test('progress names the missing student and both exports open as the same table', async () => {
  // Its own reviews, whatever ran before (the keyboard test reviews the same three).
  for (const id of recordingIds)
    await teacherClient.data('PUT', `/api/recordings/${id}/review`, { status: 'reviewed', score: 80 });
  await page.goto(`${f.url}/#/assignments/${assignmentId}/progress`);
  await page.reload();
  await page.locator('[data-test=missing-names]').getByText('赵强').waitFor();
  await expect(page.locator('[data-test=progress-counts]').textContent()).resolves.toMatch(/3.*\/ 4/);
  await page.screenshot({ path: path.join(OUTPUT, 'assignment-progress.png'), fullPage: true });
  const tables: string[][][] = [];
  for (const kind of ['csv', 'xlsx'] as const) {
    const download = page.waitForEvent('download');
    await page.locator(`[data-test=export-${kind}]`).click();
    const file = await (await download).path();
    const bytes = await readFile(file);
    tables.push(
      kind === 'csv' ? (parse(bytes.subarray(3).toString('utf8')) as string[][]) : await readXlsx(bytes),
    );
  }
  const [csv, xlsx] = tables as [string[][], string[][]];
  expect(csv[0]).toEqual([
    '班级',
    '学号',
    '姓名',
    '提交时间',
    '时长（秒）',
    '状态',
    '分数',
    '评语',
    '定点评论数',
  ]);
  const byName = (rows: string[][]) => Object.fromEntries(rows.slice(1).map((r) => [r[2], [r[5], r[6]]]));
  expect(byName(csv)).toEqual({
    李雷: ['已批阅', expect.any(String)],
    韩梅梅: ['已批阅', expect.any(String)],
    王芳: ['已批阅', expect.any(String)],
    赵强: ['未提交', ''],
  });
  expect(byName(xlsx.map((r) => [...r, ...Array<string>(9 - r.length).fill('')]))).toEqual(byName(csv));
  const liLeiPins = (await stored(recordingIds[0] as string)).review?.comments?.length ?? 0;
  expect(csv.find((r) => r[2] === '李雷')?.[8]).toBe(String(liLeiPins));
}, 120000);

test('a GBK roster imports through the page, and a flagged registration is linked to its roster student', async () => {
  await saveStudentProfile(f.app, 'stu_sun', { name: '孙悦', className: 'Class 4' });
  const file = path.join(tmpdir(), `roster-gbk-${process.pid}.csv`);
  await writeFile(
    file,
    gbkCsv([
      ['班级', '学号', '姓名'],
      ['Class 4', '01', '孙月'],
      ['Class 4', '02', '周杰'],
    ]),
  );
  await page.goto(`${f.url}/#/roster`);
  await page.locator('[data-test=roster-file]').setInputFiles(file);
  await page.locator('[data-test=roster-table]').getByText('周杰').waitFor();
  await page.locator('[data-test=unmatched-row]').getByText('孙悦').waitFor();
  await page.screenshot({ path: path.join(OUTPUT, 'roster-unmatched.png'), fullPage: true });
  await page.locator('[data-test=unmatched-row] .t-select').click();
  await page.locator('.t-select-option').filter({ hasText: 'Class 4 孙月' }).click();
  const linked = page.waitForResponse((r) => r.url().endsWith('/link') && r.status() === 200);
  await page.locator('[data-test=unmatched-row] button').click();
  await linked;
  await page.locator('[data-test=unmatched]').waitFor({ state: 'detached' });
  const entries = await f.app
    .database()
    .collection(ADMIN_COLLECTIONS.rosterEntries)
    .where({ name: '孙月' })
    .get();
  expect((entries.data as RosterEntryDoc[]).map((e) => e.linkedOpenid)).toEqual(['stu_sun']);
  await rm(file, { force: true });
}, 60000);
