import * as fs from 'node:fs';
import * as path from 'node:path';
import { snapshotHtml, type SnapshotElement } from './page-snapshot';
import { replaceRpx } from './rpx';
import { wxssToCss } from './wxss-css';

const BASE_CSS = fs.readFileSync(path.join(__dirname, 'wechat-base.css'), 'utf8');

export interface Viewport {
  width: number;
  height: number;
}

/** The phones the screens are drawn on (iPhone 6/7/8 and XR/11 sizes), and the narrowest we check. */
export const PHONES: Record<string, Viewport> = {
  '375x667': { width: 375, height: 667 },
  '414x896': { width: 414, height: 896 },
};
export const NARROW_PHONE: Viewport = { width: 360, height: 640 };

/** The app's window settings and tab bar (app.json) and the WXSS that applies to a page. */
export interface MiniProgramLook {
  root: string;
  title: string;
  navBackground: string;
  navText: 'black' | 'white';
  pageBackground: string;
  tabs: Array<{ pagePath: string; text: string }>;
}

interface AppJson {
  window?: {
    navigationBarTitleText?: string;
    navigationBarBackgroundColor?: string;
    navigationBarTextStyle?: 'black' | 'white';
    backgroundColor?: string;
  };
  tabBar?: { list?: Array<{ pagePath: string; text: string }> };
}

const DEFAULT_WINDOW = {
  navigationBarTitleText: '',
  navigationBarBackgroundColor: '#000000',
  navigationBarTextStyle: 'white' as const,
  backgroundColor: '#ffffff',
};

export function readLook(root: string): MiniProgramLook {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
  const window = { ...DEFAULT_WINDOW, ...app.window };
  return {
    root,
    title: window.navigationBarTitleText,
    navBackground: window.navigationBarBackgroundColor,
    navText: window.navigationBarTextStyle,
    pageBackground: window.backgroundColor,
    tabs: app.tabBar?.list ?? [],
  };
}

function readWxss(root: string, file: string): string {
  const full = path.join(root, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The page's own `navigationBarTitleText` (its .json) wins over app.json's window title. */
function pageTitle(look: MiniProgramLook, route: string): string {
  const file = path.join(look.root, `${route}.json`);
  if (!fs.existsSync(file)) return look.title;
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { navigationBarTitleText?: string };
  return json.navigationBarTitleText ?? look.title;
}

/** Taller phones have a notch (44 px status bar) and a home indicator (34 px) below the tab bar. */
function insets(viewport: Viewport): { top: number; bottom: number } {
  return viewport.height >= 812 ? { top: 44, bottom: 34 } : { top: 20, bottom: 0 };
}

function tabBar(look: MiniProgramLook, route: string): string {
  if (!look.tabs.some((tab) => tab.pagePath === route)) return '';
  const tabs = look.tabs
    .map(
      (tab) => `<div class="wx-tab${tab.pagePath === route ? ' current' : ''}">${escapeText(tab.text)}</div>`,
    )
    .join('');
  return `<nav class="wx-tabbar">${tabs}</nav>`;
}

/** A whole phone screen as one HTML document: WeChat's bars around the page drawn from its snapshot. */
export function phoneDocument(
  look: MiniProgramLook,
  route: string,
  page: SnapshotElement,
  viewport: Viewport,
): string {
  const width = viewport.width;
  const css = [readWxss(look.root, 'app.wxss'), readWxss(look.root, `${route}.wxss`)]
    .map((wxss) => wxssToCss(wxss, width))
    .join('\n');
  const { top, bottom } = insets(viewport);
  const vars = `--nav-bg:${look.navBackground};--nav-fg:${look.navText === 'black' ? '#000' : '#fff'};--page-bg:${look.pageBackground}`;
  const body = snapshotHtml({ ...page, tag: 'wx-page' }, (style) => replaceRpx(style, width));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>${BASE_CSS}</style><style>${css}</style></head>
<body style="${vars}">
<div class="wx-status" style="height:${top}px"></div>
<header class="wx-nav">${escapeText(pageTitle(look, route))}</header>
<main class="wx-webview">${body}</main>
${tabBar(look, route)}<div class="wx-safe-bottom" style="height:${bottom}px"></div>
</body></html>`;
}
