/** The review page's key table (admin/web/src/review/keys.ts): every key the issue lists, and where keys stay quiet. */
import { actionFor, KEY_HELP, SEEK_SECONDS } from '../../admin/web/src/review/keys';

const page = { tagName: 'BODY', isContentEditable: false } as unknown as EventTarget;
const field = (tagName: string) => ({ tagName, isContentEditable: false }) as unknown as EventTarget;
const press = (key: string, extra: Partial<KeyboardEvent> = {}) =>
  actionFor({ key, ctrlKey: false, metaKey: false, altKey: false, target: page, ...extra });

test('each review key of the issue maps to its action, upper or lower case', () => {
  expect(press('j')).toEqual({ kind: 'next' });
  expect(press('K')).toEqual({ kind: 'previous' });
  expect(press(' ')).toEqual({ kind: 'playPause' });
  expect(press('ArrowLeft')).toEqual({ kind: 'seek', seconds: -SEEK_SECONDS });
  expect(press('ArrowRight')).toEqual({ kind: 'seek', seconds: SEEK_SECONDS });
  expect(press('[')).toEqual({ kind: 'speed', step: -1 });
  expect(press(']')).toEqual({ kind: 'speed', step: 1 });
  expect(press('C')).toEqual({ kind: 'comment' });
  expect(press('7')).toEqual({ kind: 'score', digit: '7' });
  expect(press('s')).toEqual({ kind: 'score' });
  expect(press('?')).toEqual({ kind: 'help' });
  expect(SEEK_SECONDS).toBe(5);
});

test('in a text field only Ctrl/⌘+Enter and Escape act, so typing a comment never moves the queue', () => {
  for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) {
    for (const key of ['j', 'k', ' ', 'c', 's', '5', '?', 'ArrowLeft']) {
      expect(press(key, { target: field(tag) })).toBeUndefined();
    }
    expect(press('Enter', { target: field(tag), ctrlKey: true })).toEqual({ kind: 'saveAndNext' });
    expect(press('Enter', { target: field(tag), metaKey: true })).toEqual({ kind: 'saveAndNext' });
    expect(press('Escape', { target: field(tag) })).toEqual({ kind: 'escape' });
  }
  const editable = { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget;
  expect(press('j', { target: editable })).toBeUndefined();
});

test('keys held with Ctrl, ⌘ or Alt are left to the browser', () => {
  expect(press('j', { ctrlKey: true })).toBeUndefined();
  expect(press('k', { metaKey: true })).toBeUndefined();
  expect(press('[', { altKey: true })).toBeUndefined();
});

test('the help overlay lists every key the handler knows', () => {
  expect(KEY_HELP.map(([keys]) => keys)).toEqual([
    'J / K',
    'Space',
    '← / →',
    '[ / ]',
    'C',
    '0–9 / S',
    'Ctrl + Enter',
    '?',
    'Esc',
  ]);
});
