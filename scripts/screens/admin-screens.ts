/**
 * The teacher's review pages as a teacher sees them: a recording with pinned comments on its waveform, and
 * an assignment's progress against the class roster. The admin SPA built by Vite, served by the real admin
 * server over an emulator, recordings made by the real pipeline from espeak-ng speech, the roster imported
 * and the comments pinned through the admin API.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Page } from 'playwright-core';
import { createTeacher } from '../../admin/server/teachers';
import { startAdminProcess } from '../../harness/admin/admin-process';
import { AdminClient } from '../../harness/admin/http-client';
import { newOpenid, recordThroughPipeline } from '../../harness/admin/pipeline-recording';
import { buildWebApp } from '../../harness/browser-recorder/web-build';
import { startTestEmulator, type NodeApp } from '../../harness/emulator';
import { auditPage } from './audit-page';
import { launchChromium, watchConsole, type DrawnScreen } from './draw';

export const ADMIN_VIEWPORT = { width: 1280, height: 900 };
const TEACHER = { username: 'ms_zhang', password: 'screens only, never deployed', displayName: '张老师' };
const CLASS = '三年二班';

/** The class: who is on the roster, and what each submitted (Mandarin speech, one text per segment). */
const ROSTER: Array<[number: string, name: string]> = [
  ['01', '李雷'],
  ['02', '韩梅梅'],
  ['03', '王芳'],
  ['04', '赵强'],
  ['05', '陈静'],
];
const SUBMISSIONS: Array<{ name: string; texts: string[]; score?: number; comment?: string }> = [
  {
    name: '李雷',
    texts: ['盼望着，盼望着，东风来了，春天的脚步近了。', '一切都像刚睡醒的样子，欣欣然张开了眼。'],
    score: 88,
    comment: '整体流利，注意鼻音和停顿。',
  },
  { name: '韩梅梅', texts: ['盼望着，盼望着，东风来了，春天的脚步近了。'], score: 95 },
  { name: '王芳', texts: ['盼望着，盼望着，东风来了。'] },
  // Registered with a typo: on no roster line, so flagged for the teacher.
  { name: '王晓明', texts: ['春天的脚步近了。'] },
];
const PINS: Array<[atMs: number, text: string]> = [
  [1500, '“盼望着”读得很有感情。'],
  [3600, '“东风来了”后面停顿稍长一点。'],
  [6200, '“欣欣然”的“欣”是前鼻音，再听一遍示范。'],
];

interface AdminWorld {
  url: string;
  assignmentId: string;
  /** 李雷's recording, the one with pinned comments. */
  pinnedId: string;
  close(): Promise<void>;
}

/** Records each submission through the pipeline; scores those with a score. Returns their recording ids. */
async function submitAll(app: NodeApp, client: AdminClient, assignmentId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const s of SUBMISSIONS) {
    const { recordingId } = await recordThroughPipeline(app, {
      openid: newOpenid(),
      studentName: s.name,
      className: CLASS,
      assignmentId,
      texts: s.texts,
      voice: 'cmn',
    });
    ids.push(recordingId);
    if (s.score !== undefined) {
      const review = { status: 'reviewed', score: s.score, ...(s.comment ? { comment: s.comment } : {}) };
      await client.data('PUT', `/api/recordings/${recordingId}/review`, review);
    }
  }
  return ids;
}

async function openWorld(): Promise<AdminWorld> {
  const webDir = await buildWebApp();
  const emulator = await startTestEmulator();
  const server = await startAdminProcess({ emulatorUrl: emulator.url, envId: emulator.envId, webDir });
  const close = async () => {
    await server.close();
    await emulator.stop();
    await rm(webDir, { recursive: true, force: true });
  };
  try {
    const app = emulator.nodeApp();
    await createTeacher(app, TEACHER);
    const client = new AdminClient(server.url);
    await client.login(TEACHER.username, TEACHER.password);
    const assignment = { title: '朗读《春》第一段', prompt: '有感情地朗读第一段。', maxDurationSec: 120 };
    const { _id: assignmentId } = await client.data<{ _id: string }>('POST', '/api/assignments', assignment);
    const roster = stringify([['班级', '学号', '姓名'], ...ROSTER.map(([n, name]) => [CLASS, n, name])]);
    const imported = await client.upload('/api/roster', Buffer.from(`\uFEFF${roster}`), 'text/csv');
    if (!imported.body.ok) throw new Error(`roster import failed: ${imported.body.error.message}`);
    const [pinnedId] = (await submitAll(app, client, assignmentId)) as [string];
    for (const [atMs, text] of PINS)
      await client.data('POST', `/api/recordings/${pinnedId}/comments`, { atMs, text });
    return { url: server.url, assignmentId, pinnedId, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.locator('input[name=username]').fill(TEACHER.username);
  await page.locator('input[name=password]').fill(TEACHER.password);
  await page.locator('[data-test=login-submit]').click();
  await page.locator('[data-test=new-assignment]').waitFor();
}

/** Each page: where to go, and what shows once it is drawn. */
function adminPages(world: AdminWorld): Array<{ name: string; hash: string; ready: string[] }> {
  return [
    {
      name: 'admin-recording-pinned',
      hash: `#/recordings/${world.pinnedId}`,
      ready: ['[data-test=waveform] canvas', `[data-test=comment-marker] >> nth=${PINS.length - 1}`],
    },
    {
      name: 'admin-progress',
      hash: `#/assignments/${world.assignmentId}/progress`,
      ready: ['[data-test=missing-names]', '[data-test=not-on-roster]'],
    },
  ];
}

/** Draws the admin pages at ADMIN_VIEWPORT, auditing each; PNGs into `outDir`. */
export async function shootAdmin(outDir?: string): Promise<DrawnScreen[]> {
  const world = await openWorld();
  const browser = await launchChromium();
  const screens: DrawnScreen[] = [];
  try {
    const page = await browser.newPage({ viewport: ADMIN_VIEWPORT });
    const errors = watchConsole(page);
    await signIn(page, world.url);
    for (const { name, hash, ready } of adminPages(world)) {
      errors.length = 0;
      await page.goto(`${world.url}/${hash}`);
      for (const selector of ready) await page.locator(selector).first().waitFor({ timeout: 60_000 });
      await page.evaluate('document.fonts.ready');
      const file = outDir ? path.join(outDir, `${name}-${ADMIN_VIEWPORT.width}.png`) : undefined;
      if (file) await page.screenshot({ path: file, fullPage: true });
      const audit = await auditPage(page, 'body');
      screens.push({ name, viewport: ADMIN_VIEWPORT, file, audit, consoleErrors: [...errors] });
    }
  } finally {
    await browser.close();
    await world.close();
  }
  return screens;
}
