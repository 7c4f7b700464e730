/** Entry of record.html: the browser recorder page (see recorder-page.ts). */
import 'tdesign-vue-next/es/style/index.css';
import '../src/fonts.css';
import './recorder.css';
import { buildView } from './recorder-view';
import { RecorderPage } from './recorder-page';

const params = new URLSearchParams(location.search);
const root =
  document.getElementById('record-app') ??
  document.getElementById('app') ??
  document.body.appendChild(document.createElement('main'));
const outboxLimit = Number(params.get('outboxLimit'));
const page = new RecorderPage(
  buildView(root),
  params.get('assignment') ?? undefined,
  params.get('debug') === '1',
  outboxLimit > 0 ? outboxLimit : undefined,
);
page.start();

/** Read by the browser tests: state, counters and (with ?debug=1) every PCM byte the page captured. */
(window as unknown as { recorderDebug: unknown }).recorderDebug = {
  get state() {
    return page.state;
  },
  get counters() {
    const { outbox } = page.uplink;
    return { ...page.uplink.counters, pending: outbox.pending, heldBytes: outbox.heldBytes };
  },
  get lastRecording() {
    return page.lastRecording;
  },
  get lastCounters() {
    return page.lastCounters;
  },
  capturedPcmBase64(): string {
    let binary = '';
    for (const chunk of page.debugPcm ?? []) for (const byte of chunk) binary += String.fromCharCode(byte);
    return btoa(binary);
  },
};
