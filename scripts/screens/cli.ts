/**
 * `npm run screens`: the Mini Program's record and history pages in every state a student meets, drawn from
 * their WXML, WXSS and page logic through the wx simulator into Chromium, as PNGs under test-output/screens/;
 * then the browser recorder (`recorder`) and the teacher's review pages (`admin`).
 * `npm run screens -- --update-docs` also copies the README's pictures into docs/screens/ (the only command
 * that writes a tracked file). `npm run screens -- record-idle history-reviewed` draws only those scenes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureScenes, SCENES } from './capture';
import type { Scene } from './record-scenes';
import { drawScenes, ensureDir, launchChromium, type DrawnScreen } from './draw';
import { PHONES } from './phone-document';
import { RECORDER_VIEWPORTS, shootRecorder } from './recorder-screens';
import { shootAdmin } from './admin-screens';
import { Stage } from './stage';

const REPO = path.resolve(__dirname, '../..');
export const OUT_DIR = path.join(REPO, 'test-output/screens');
export const DOCS_DIR = path.join(REPO, 'docs/screens');

/** The pictures the README shows (drawn at 375×667). */
export const DOC_SCREENS = [
  'record-idle',
  'record-recording',
  'record-paused-3',
  'record-offline',
  'record-failed',
  'record-stopped',
  'record-privacy',
  'record-mic-denied',
  'record-privacy-refused',
  'record-mic-undeclared',
  'record-finalize-failed',
  'record-load-failed',
  'history-reviewed',
];

/** The browser recorder's pictures in the README. */
export const DOC_RECORDER_SCREENS = [
  'recorder-recording-1280.png',
  'recorder-paused-360.png',
  'recorder-finished-360.png',
];

/** The teacher's review pages in the README (issue 17's note names them). */
export const DOC_ADMIN_SCREENS = ['admin-recording-pinned-1280.png', 'admin-progress-1280.png'];

function describe(screen: Pick<DrawnScreen, 'name' | 'file' | 'audit' | 'consoleErrors'>): string {
  const { audit } = screen;
  const notes = [
    audit.overflowX > 0 ? `scrolls sideways by ${audit.overflowX}px` : '',
    ...audit.smallControls.map((c) => `control "${c.text}" is ${c.height}px tall`),
    ...audit.lowContrast.map((c) => `"${c.text}" contrast ${c.ratio}:1 (${c.color} on ${c.background})`),
    ...screen.consoleErrors.map((e) => `console: ${e}`),
  ].filter(Boolean);
  return `${screen.file ? path.relative(REPO, screen.file) : screen.name}${notes.length ? `\n    ${notes.join('\n    ')}` : ''}`;
}

async function drawMiniProgram(scenes: Scene[]): Promise<void> {
  const stage = await Stage.open();
  const captured = await captureScenes(stage, scenes).finally(() => stage.close());
  const browser = await launchChromium();
  try {
    const drawn = await drawScenes(browser, captured, Object.values(PHONES), ensureDir(OUT_DIR));
    for (const screen of drawn) console.log(describe(screen));
  } finally {
    await browser.close();
  }
  for (const scene of captured.filter((c) => c.appErrors.length > 0))
    console.log(`${scene.name}: app errors ${scene.appErrors.join('; ')}`);
}

async function main(args: string[]): Promise<void> {
  const only = args.filter((a) => !a.startsWith('--'));
  const scenes = only.length ? SCENES.filter((s) => only.includes(s.name)) : SCENES;
  if (scenes.length > 0) await drawMiniProgram(scenes);
  if (!only.length || only.includes('recorder')) {
    for (const screen of await shootRecorder(RECORDER_VIEWPORTS, ensureDir(OUT_DIR)))
      console.log(describe(screen));
  }
  if (!only.length || only.includes('admin')) {
    for (const screen of await shootAdmin(ensureDir(OUT_DIR))) console.log(describe(screen));
  }
  if (args.includes('--update-docs')) copyToDocs();
}

function copyToDocs(): void {
  ensureDir(DOCS_DIR);
  const files = [
    ...DOC_SCREENS.map((name) => `${name}-375x667.png`),
    ...DOC_RECORDER_SCREENS,
    ...DOC_ADMIN_SCREENS,
  ];
  // The pictures the output folder holds (drawn by this run or an earlier one); the count says how many.
  const present = files.filter((file) => fs.existsSync(path.join(OUT_DIR, file)));
  for (const file of present) fs.copyFileSync(path.join(OUT_DIR, file), path.join(DOCS_DIR, file));
  console.log(`copied ${present.length} screens into ${path.relative(REPO, DOCS_DIR)}`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
