/**
 * @jest-environment ./simulator/jsdom-node-io-environment.js
 */
import { t } from '../../miniprogram/strings';
import { addAssignment, miniAppPerTest, type MiniApp } from './support/mini-app';
import { shown, tap, textOf } from './support/screen';

// A page whose content did not load offers its own retry button: nothing retries a page load by itself.
const startApp = miniAppPerTest();
let app: MiniApp;

describe('retrying a page that did not load', () => {
  it('record page: opened offline it says so with a retry button, which loads the assignment once online', async () => {
    app = await startApp({ render: true, withProfile: true });
    await addAssignment(app, { _id: 'reading-week-4', title: '第四周朗读', prompt: '请朗读课文第二段。' });
    app.sim.setOnline(false);
    app.sim.launch('pages/record/record?assignment=reading-week-4');
    await app.waitFor(() => shown(app, '#retry-load'), 'the retry button');
    expect(textOf(app, '.load-failed-text')).toBe(t('loadFailed'));
    expect(textOf(app, '.prompt')).toBe('');
    // Recording does not wait for the prompt: it works offline.
    expect(shown(app, '#record')).toBe(true);

    app.sim.setOnline(true);
    await tap(app, '#retry-load');
    await app.waitFor(() => textOf(app, '.prompt') === '请朗读课文第二段。', 'the assignment prompt');
    expect(shown(app, '#retry-load')).toBe(false);
    expect(shown(app, '.notice')).toBe(false);
    expect(app.sim.appErrors).toEqual([]);
  });

  it('record page: an assignment that does not exist is explained, with no retry button that cannot help', async () => {
    app = await startApp({ render: true, withProfile: true });
    app.sim.launch('pages/record/record?assignment=no-such-assignment');
    await app.waitFor(() => shown(app, '.notice'), 'a notice');
    expect(textOf(app, '.notice')).toContain(t('error.NOT_FOUND', { message: '' }).trim());
    expect(shown(app, '#retry-load')).toBe(false);
  });

  it('history page: opened offline it says so with a retry button, which lists the recordings once online', async () => {
    app = await startApp({ render: true, withProfile: true });
    app.sim.setOnline(false);
    app.sim.launch('pages/history/history');
    await app.waitFor(() => shown(app, '#retry-load'), 'the retry button');
    expect(textOf(app, '.load-failed-text')).toBe(t('loadFailed'));
    // Not "no recordings yet": the list is unknown, not empty.
    expect(textOf(app, '.card')).toBe('');

    app.sim.setOnline(true);
    await tap(app, '#retry-load');
    await app.waitFor(() => textOf(app, '.card') === t('empty'), 'the (empty) list');
    expect(shown(app, '#retry-load')).toBe(false);
    expect(app.sim.appErrors).toEqual([]);
  });
});
