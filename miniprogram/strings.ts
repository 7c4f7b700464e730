/** Every string the app shows: Simplified Chinese by default, English for phones set to English. */
const zh = {
  appTitle: '朗读录音',
  historyTitle: '我的录音',
  record: '开始录音',
  pause: '暂停',
  resume: '继续',
  stop: '结束',
  retry: '重试',
  play: '播放',
  playAll: '播放全部',
  stopPlayback: '停止播放',
  elapsed: '已录',
  segments: '分段',
  segment: '第 {n} 段',
  failedHint: '这一段没有存到老师那里。点“重试”再传一次；还不行就重新录这一段。',
  assignment: '作业',
  profileTitle: '请先填写姓名和班级',
  profileHint: '只需填写一次',
  name: '姓名',
  className: '班级',
  save: '保存',
  history: '历史录音',
  empty: '还没有录音',
  loading: '加载中…',
  delete: '删除',
  deleteTitle: '删除这条录音？',
  deleteConfirm: '删除后老师也看不到，且无法恢复。',
  deleted: '已删除',
  deleteBusy: '录音还在保存，保存完成后才能删除',
  'state.idle': '准备就绪',
  'state.starting': '正在启动…',
  'state.recording': '录音中',
  'state.paused': '已暂停（已保存）',
  'state.stopping': '正在结束…',
  'state.stopped': '已结束',
  'state.error': '录音出错',
  'segment.recording': '录制中',
  'segment.recorded': '已存在手机上，等待上传',
  'segment.uploading': '上传中',
  'segment.uploaded': '已上传',
  'segment.converting': '转换中',
  'segment.ready': 'MP3 已就绪',
  'segment.failed': '失败',
  'segment.retrying': '失败，稍后自动重试',
  'recording.finalizing': '正在合成完整录音…',
  'recording.ready': '完整录音已就绪',
  'recording.partial': '录音不完整，缺少第 {missing} 段',
  'recording.failed': '合成失败',
  'recording.storageFull': '手机存储空间已满，录音已停止。已录下的内容都已保存；清理出空间后可以继续录音。',
  'recording.recording': '录音中',
  score: '{score} 分',
  reviewed: '老师点评：{comment}',
  segmentCount: '{n} 段',
  'error.busy': '已有录音正在进行，请先结束它',
  'error.CONFLICT': '现在不能这样操作：{message}',
  'error.INVALID_ARGUMENT': '输入有误：{message}',
  'error.UNAVAILABLE': '没有连上网。连上网后，再点一次。',
  'error.NOT_FOUND': '找不到：{message}',
  'error.TOO_LARGE': '手机存储空间不足：{message}',
  'error.UNAUTHENTICATED': '无法确认身份，请重新打开小程序',
  'error.other': '出错了：{message}',
  privacyTitle: '录音前，请先看一看',
  privacyBody: '录音要用到手机的麦克风。你录的声音只交给你的老师听，不会给别人。',
  privacyContract: '看完整的《隐私保护指引》',
  privacyAgree: '同意，开始录音',
  privacyRefuse: '先不要',
  openSettings: '去打开麦克风',
  tryAgain: '再试一次',
  'mic.privacy-refused': '要先点“同意”才能录音。准备好了，就再点一次“开始录音”。',
  'mic.privacy-undeclared': '录音功能现在用不了，这不是你的错。请告诉老师：“小程序没有声明麦克风”。',
  'mic.denied': '麦克风被关掉了，所以录不了音。点下面的按钮，把“麦克风”打开，再回来就能录。',
  'mic.still-denied': '麦克风还是关着的。打开“麦克风”那个开关，再回来试试。',
  'recording.failed-retry': '完整录音还没合成好，你的每一段都还在。点“再试一次”。',
  loadFailed: '内容没有加载出来，可能是没连上网。连上网后，点“再试一次”。',
} as const;

export type StringKey = keyof typeof zh;

const en: Record<StringKey, string> = {
  appTitle: 'Read aloud',
  historyTitle: 'My recordings',
  delete: 'Delete',
  deleteTitle: 'Delete this recording?',
  deleteConfirm: 'Your teacher will no longer see it, and it cannot be undone.',
  deleted: 'Deleted',
  deleteBusy: 'This recording is still being saved; delete it once it is done',
  record: 'Record',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  retry: 'Retry',
  play: 'Play',
  playAll: 'Play all',
  stopPlayback: 'Stop playback',
  elapsed: 'Recorded',
  segments: 'Segments',
  segment: 'Segment {n}',
  failedHint:
    'This take did not reach your teacher. Tap “Retry” to send it again; if that fails, record it again.',
  assignment: 'Assignment',
  profileTitle: 'Please enter your name and class',
  profileHint: 'You only need to do this once',
  name: 'Name',
  className: 'Class',
  save: 'Save',
  history: 'History',
  empty: 'No recordings yet',
  loading: 'Loading…',
  'state.idle': 'Ready',
  'state.starting': 'Starting…',
  'state.recording': 'Recording',
  'state.paused': 'Paused (saved)',
  'state.stopping': 'Stopping…',
  'state.stopped': 'Stopped',
  'state.error': 'Recording failed',
  'segment.recording': 'Recording',
  'segment.recorded': 'Saved on the phone, waiting to upload',
  'segment.uploading': 'Uploading',
  'segment.uploaded': 'Uploaded',
  'segment.converting': 'Converting',
  'segment.ready': 'MP3 ready',
  'segment.failed': 'Failed',
  'segment.retrying': 'Failed, retrying soon',
  'recording.finalizing': 'Joining the full recording…',
  'recording.ready': 'Full recording ready',
  'recording.partial': 'Incomplete: segment {missing} missing',
  'recording.failed': 'Could not join the recording',
  'recording.storageFull':
    'Phone storage is full: recording stopped. Everything recorded so far is kept; free some space to record more.',
  'recording.recording': 'Recording',
  score: '{score} points',
  reviewed: 'Teacher: {comment}',
  segmentCount: '{n} segments',
  'error.busy': 'Another recording is in progress; stop it first',
  'error.CONFLICT': 'Not possible right now: {message}',
  'error.INVALID_ARGUMENT': 'Please check your input: {message}',
  'error.UNAVAILABLE': 'No internet connection. When you are online, tap it again.',
  'error.NOT_FOUND': 'Not found: {message}',
  'error.TOO_LARGE': 'Phone storage is full: {message}',
  'error.UNAUTHENTICATED': 'Could not confirm who you are; please reopen the app',
  'error.other': 'Something went wrong: {message}',
  privacyTitle: 'Before you record',
  privacyBody: 'Recording uses your phone’s microphone. Only your teacher hears what you record.',
  privacyContract: 'Read the full privacy guide',
  privacyAgree: 'Agree and record',
  privacyRefuse: 'Not now',
  openSettings: 'Turn on the microphone',
  tryAgain: 'Try again',
  'mic.privacy-refused':
    'You need to tap “Agree” before you can record. Tap Record again when you are ready.',
  'mic.privacy-undeclared':
    'Recording does not work right now, and it is not your fault. Please tell your teacher: “the app has not declared the microphone”.',
  'mic.denied':
    'The microphone is turned off, so the app cannot record. Tap the button below, switch Microphone on, then come back.',
  'mic.still-denied': 'The microphone is still off. Switch Microphone on, then come back and try again.',
  'recording.failed-retry':
    'The full recording is not joined yet. All your segments are safe. Tap Try again.',
  loadFailed: 'This did not load. Maybe there is no internet. When you are online, tap Try again.',
};

export type Locale = 'zh' | 'en';

const TABLES: Record<Locale, Record<StringKey, string>> = { zh, en };
let locale: Locale = 'zh';

/** English only when the phone says so; everything else reads Chinese. */
export function localeFor(systemLanguage: string | undefined): Locale {
  return systemLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function setLocale(next: Locale): void {
  locale = next;
}

export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return TABLES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A failure as the student should read it: by its code, with the detail where it helps. */
export function errorText(err: unknown): string {
  const { code, reason } = (err ?? {}) as { code?: string; reason?: string };
  const message = err instanceof Error ? err.message : String(err);
  const key = [`error.${reason}`, `error.${code}`, 'error.other'].find((k) => k in zh) as StringKey;
  return t(key, { message });
}
