/** The recorder page's DOM: built here so the HTML entry only needs a script tag. */
import { t } from './i18n';

export interface RecorderView {
  assignment: HTMLElement;
  status: HTMLElement;
  message: HTMLElement;
  kindVideo: HTMLInputElement;
  record: HTMLButtonElement;
  pause: HTMLButtonElement;
  stop: HTMLButtonElement;
  meter: HTMLMeterElement;
  studentForm: HTMLFormElement;
  studentName: HTMLInputElement;
  studentClass: HTMLInputElement;
  result: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: object = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function labelled(input: HTMLInputElement, text: string): HTMLLabelElement {
  const label = el('label');
  label.append(input, ` ${text}`);
  return label;
}

export function buildView(root: HTMLElement): RecorderView {
  const kindAudio = el('input', { type: 'radio', name: 'kind', value: 'audio', checked: true });
  const view: RecorderView = {
    assignment: el('section', { id: 'assignment', hidden: true }),
    status: el('p', { id: 'status' }),
    message: el('p', { id: 'message', role: 'alert' }),
    kindVideo: el('input', { type: 'radio', name: 'kind', value: 'video', id: 'kind-video' }),
    record: el('button', { id: 'record', textContent: t('record'), disabled: true }),
    pause: el('button', { id: 'pause', textContent: t('pause'), disabled: true }),
    stop: el('button', { id: 'stop', textContent: t('stop'), disabled: true }),
    meter: el('meter', { id: 'level', min: 0, max: 1, value: 0, title: t('level') }),
    studentForm: el('form', { id: 'student-form', hidden: true }),
    studentName: el('input', { id: 'student-name', required: true, maxLength: 40, placeholder: t('name') }),
    studentClass: el('input', {
      id: 'student-class',
      required: true,
      maxLength: 40,
      placeholder: t('className'),
    }),
    result: el('div', { id: 'result' }),
  };
  view.studentForm.append(
    el('p', { textContent: t('studentIntro') }),
    view.studentName,
    view.studentClass,
    el('button', { type: 'submit', textContent: t('continue') }),
  );
  const kinds = el('fieldset');
  kinds.append(labelled(kindAudio, t('kindAudio')), labelled(view.kindVideo, t('kindVideo')));
  const controls = el('div');
  controls.append(view.record, view.pause, view.stop);
  root.append(
    el('h1', { textContent: t('title') }),
    view.assignment,
    view.status,
    view.studentForm,
    kinds,
    controls,
    view.meter,
  );
  root.append(view.message, view.result);
  document.title = t('title');
  return view;
}
