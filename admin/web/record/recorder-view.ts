/** The recorder page's DOM: built here so the HTML entry only needs a script tag. Styles: recorder.css. */
import { lang, t } from './i18n';

export interface RecorderView {
  assignment: HTMLElement;
  status: HTMLElement;
  message: HTMLElement;
  kindVideo: HTMLInputElement;
  elapsed: HTMLElement;
  record: HTMLButtonElement;
  pause: HTMLButtonElement;
  stop: HTMLButtonElement;
  meter: HTMLMeterElement;
  preview: HTMLVideoElement;
  studentForm: HTMLFormElement;
  studentName: HTMLInputElement;
  studentClass: HTMLInputElement;
  segments: HTMLElement;
  segmentList: HTMLOListElement;
  result: HTMLElement;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: object = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function kindOption(input: HTMLInputElement, text: string): HTMLLabelElement {
  return el('label', { className: 'kind' }, input, el('span', { textContent: text }));
}

function field(input: HTMLInputElement, text: string): HTMLLabelElement {
  return el('label', { className: 'field' }, el('span', { textContent: text }), input);
}

/** 中文 / English, keeping the rest of the address (the assignment link). */
function languageSwitch(): HTMLElement {
  const link = (code: 'zh' | 'en', text: string) => {
    const params = new URLSearchParams(location.search);
    params.set('lang', code);
    const a = el('a', { href: `?${params.toString()}`, textContent: text, lang: code });
    if (code === lang) a.setAttribute('aria-current', 'true');
    return a;
  };
  return el(
    'nav',
    { className: 'languages', ariaLabel: t('language') },
    link('zh', '中文'),
    link('en', 'English'),
  );
}

function newView(): RecorderView {
  return {
    assignment: el('section', { id: 'assignment', className: 'card assignment', hidden: true }),
    status: el('p', { id: 'status', className: 'connection', role: 'status' }),
    message: el('p', { id: 'message', className: 'message', role: 'alert' }),
    kindVideo: el('input', { type: 'radio', name: 'kind', value: 'video', id: 'kind-video' }),
    elapsed: el('output', { id: 'elapsed', className: 'elapsed', textContent: '0:00' }),
    record: el('button', {
      id: 'record',
      className: 'btn btn-primary btn-big',
      textContent: t('record'),
      disabled: true,
    }),
    pause: el('button', {
      id: 'pause',
      className: 'btn btn-primary btn-big',
      textContent: t('pause'),
      hidden: true,
    }),
    stop: el('button', { id: 'stop', className: 'btn btn-stop', textContent: t('stop'), hidden: true }),
    meter: el('meter', { id: 'level', min: 0, max: 1, value: 0 }),
    preview: el('video', {
      id: 'preview',
      className: 'preview',
      muted: true,
      playsInline: true,
      hidden: true,
    }),
    studentForm: el('form', { id: 'student-form', className: 'card student', hidden: true }),
    studentName: el('input', { id: 'student-name', required: true, maxLength: 40, autocomplete: 'name' }),
    studentClass: el('input', { id: 'student-class', required: true, maxLength: 40 }),
    segments: el('section', { id: 'segments', className: 'card segments', hidden: true }),
    segmentList: el('ol', { className: 'segment-list' }),
    result: el('div', { id: 'result', className: 'card result', hidden: true, role: 'status' }),
  };
}

function recorderCard(view: RecorderView): HTMLElement {
  const kindAudio = el('input', { type: 'radio', name: 'kind', value: 'audio', checked: true });
  const kinds = el(
    'fieldset',
    { className: 'kinds' },
    el('legend', { textContent: t('kindLegend') }),
    kindOption(kindAudio, t('kindAudio')),
    kindOption(view.kindVideo, t('kindVideo')),
  );
  const elapsedLabel = el('span', { id: 'elapsed-label', className: 'label', textContent: t('elapsed') });
  view.elapsed.setAttribute('aria-labelledby', 'elapsed-label');
  view.preview.setAttribute('aria-label', t('preview'));
  const level = el(
    'div',
    { className: 'level' },
    el('label', { htmlFor: 'level', textContent: t('level') }),
    view.meter,
  );
  const controls = el('div', { className: 'controls' }, view.record, view.pause, view.stop);
  return el(
    'section',
    { className: 'card recorder' },
    kinds,
    view.preview,
    elapsedLabel,
    view.elapsed,
    level,
    controls,
  );
}

export function buildView(root: HTMLElement): RecorderView {
  const view = newView();
  view.studentForm.append(
    el('p', { textContent: t('studentIntro') }),
    field(view.studentName, t('name')),
    field(view.studentClass, t('className')),
    el('button', { type: 'submit', className: 'btn btn-primary', textContent: t('continue') }),
  );
  view.segments.append(
    el('h2', { textContent: t('segments') }),
    el('p', { className: 'hint', textContent: t('playHint') }),
    view.segmentList,
  );
  const header = el('header', { className: 'top' }, el('h1', { textContent: t('title') }), languageSwitch());
  root.classList.add('rec');
  root.append(
    header,
    view.assignment,
    view.status,
    view.studentForm,
    recorderCard(view),
    view.message,
    view.result,
    view.segments,
  );
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = t('title');
  return view;
}
