/**
 * The Mini Program's record and history pages, in every state `npm run screens` draws, rendered from their
 * WXML, WXSS and page logic through the wx simulator into Chromium at 360 px: checked, not pixel-compared.
 * All states are captured once and drawn in one browser.
 */
import type { Browser } from 'playwright-core';
import { auditPage } from '../../scripts/screens/audit-page';
import { captureScenes, SCENES, type CapturedScene } from '../../scripts/screens/capture';
import { drawScenes, launchChromium, type DrawnScreen } from '../../scripts/screens/draw';
import { NARROW_PHONE } from '../../scripts/screens/phone-document';
import { Stage } from '../../scripts/screens/stage';

jest.setTimeout(300_000);

let captured: CapturedScene[] = [];
let drawn: DrawnScreen[] = [];
let browser: Browser | undefined;

beforeAll(async () => {
  const stage = await Stage.open(jest.isolateModules);
  try {
    captured = await captureScenes(stage);
  } finally {
    await stage.close();
  }
  browser = await launchChromium();
  drawn = await drawScenes(browser, captured, [NARROW_PHONE]);
});

afterAll(async () => {
  await browser?.close();
});

const byScene = <T>(pick: (screen: DrawnScreen) => T) =>
  Object.fromEntries(drawn.map((s) => [s.name, pick(s)]));
const nothingPerScene = () => Object.fromEntries(SCENES.map((s) => [s.name, []]));

it('captures every state the issue lists, each on its own page route', () => {
  expect(captured.map((c) => [c.name, c.route])).toEqual([
    ['record-idle', 'pages/record/record'],
    ['record-profile', 'pages/record/record'],
    ['record-recording', 'pages/record/record'],
    ['record-paused-3', 'pages/record/record'],
    ['record-offline', 'pages/record/record'],
    ['record-failed', 'pages/record/record'],
    ['record-stopped', 'pages/record/record'],
    ['record-privacy', 'pages/record/record'],
    ['record-mic-denied', 'pages/record/record'],
    ['record-privacy-refused', 'pages/record/record'],
    ['record-mic-undeclared', 'pages/record/record'],
    ['record-finalize-failed', 'pages/record/record'],
    ['record-load-failed', 'pages/record/record'],
    ['history-reviewed', 'pages/history/history'],
  ]);
});

it('reaches every state without the app throwing and draws it without console errors', () => {
  expect(Object.fromEntries(captured.map((c) => [c.name, c.appErrors]))).toEqual(nothingPerScene());
  expect(byScene((s) => s.consoleErrors)).toEqual(nothingPerScene());
});

it('scrolls no state sideways on a 360 px phone', () => {
  expect(byScene((s) => s.audit.overflowX)).toEqual(Object.fromEntries(SCENES.map((s) => [s.name, 0])));
});

it('gives every button a tap target at least 44 px tall', () => {
  expect(byScene((s) => s.audit.smallControls)).toEqual(nothingPerScene());
});

it('keeps text contrast at least 4.5:1 (3:1 for large text)', () => {
  expect(byScene((s) => s.audit.lowContrast)).toEqual(nothingPerScene());
});

it('the audit finds sideways scrolling, a short button and faint text when they are there', async () => {
  const page = await browser!.newPage();
  await page.setViewportSize(NARROW_PHONE);
  await page.setContent(`<main class="wx-webview" style="overflow:auto;background:#fff">
    <div style="width:500px">wide</div><button style="height:30px">tap</button>
    <p style="color:#aaaaaa">faint</p></main>`);
  const audit = await auditPage(page, '.wx-webview');
  await page.close();
  expect(audit.overflowX).toBeGreaterThan(100);
  expect(audit.smallControls).toEqual([{ text: 'tap', height: 30 }]);
  expect(audit.lowContrast.map((c) => c.text)).toEqual(['faint']);
});
