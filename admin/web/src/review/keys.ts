/**
 * The review page's keyboard: one table from key to action, so the help overlay and the handler can never
 * disagree. Keys act only when no text field has focus (except Ctrl/⌘+Enter and Escape).
 */
export type ReviewAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'playPause' }
  | { kind: 'seek'; seconds: number }
  | { kind: 'speed'; step: 1 | -1 }
  | { kind: 'comment' }
  | { kind: 'score'; digit?: string }
  | { kind: 'saveAndNext' }
  | { kind: 'help' }
  | { kind: 'escape' };

export const SEEK_SECONDS = 5;

/** For the ? overlay: the keys as printed, and the string key of what they do. */
export const KEY_HELP = [
  ['J / K', 'keyNextPrevious'],
  ['Space', 'keyPlayPause'],
  ['← / →', 'keySeek'],
  ['[ / ]', 'keySpeed'],
  ['C', 'keyComment'],
  ['0–9 / S', 'keyScore'],
  ['Ctrl + Enter', 'keySaveNext'],
  ['?', 'keyHelp'],
  ['Esc', 'keyEscape'],
] as const;

const PLAIN_KEYS: Record<string, ReviewAction> = {
  j: { kind: 'next' },
  k: { kind: 'previous' },
  ' ': { kind: 'playPause' },
  ArrowLeft: { kind: 'seek', seconds: -SEEK_SECONDS },
  ArrowRight: { kind: 'seek', seconds: SEEK_SECONDS },
  '[': { kind: 'speed', step: -1 },
  ']': { kind: 'speed', step: 1 },
  c: { kind: 'comment' },
  s: { kind: 'score' },
  '?': { kind: 'help' },
};

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}

type KeyInput = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>;

/** Keys that act even inside a text field. */
function anywhereAction(e: KeyInput): ReviewAction | undefined {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return { kind: 'saveAndNext' };
  return e.key === 'Escape' ? { kind: 'escape' } : undefined;
}

export function actionFor(e: KeyInput): ReviewAction | undefined {
  const anywhere = anywhereAction(e);
  if (anywhere) return anywhere;
  if (e.ctrlKey || e.metaKey || e.altKey || inTextField(e.target)) return undefined;
  if (/^[0-9]$/.test(e.key)) return { kind: 'score', digit: e.key };
  return PLAIN_KEYS[e.key.length === 1 ? e.key.toLowerCase() : e.key];
}
