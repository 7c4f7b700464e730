/** Page strings: Chinese by default, English with `?lang=en`. */
const zh = {
  title: '网页录音',
  connecting: '正在连接服务器…',
  connected: '已连接（连接号 {id}）',
  reconnecting: '连接中断，正在重连…你的录音是安全的，已缓存在本页。',
  kindAudio: '仅录音',
  kindVideo: '录音和录像',
  record: '开始录制',
  pause: '暂停',
  resume: '继续',
  stop: '停止',
  opening: '正在打开麦克风…',
  recording: '录制中 {time}',
  paused: '已暂停 {time}（已保存为一段）',
  pausedSaving: '已暂停 {time}（正在保存…）',
  stopping: '正在保存…',
  finishedLink: '在管理页查看',
  denied: '没有麦克风/摄像头权限，无法录制。请在浏览器地址栏允许访问后重试。',
  noDevice: '没有找到麦克风/摄像头，无法录制。请连接设备后重试。',
  unsupported: '这个浏览器不支持网页录音，请使用新版 Chrome、Edge 或 Firefox。',
  captureFailed: '无法打开设备：{message}',
  signIn: '请先登录管理页，或通过作业链接打开本页。',
  studentIntro: '第一次使用，请填写姓名和班级：',
  name: '姓名',
  className: '班级',
  continue: '继续',
  limit: '已达到最长录制时间，之前的内容已保存。',
  outboxFull:
    '网络或云存储长时间不可用，本页能安全缓存的录音已满，录制已暂停（{code}）。已录的内容都留在本页，连接恢复后会自动上传。',
  outboxDrained: '连接已恢复，已录的内容正在保存。按"继续"可以接着录。',
  serverError: '服务器拒绝了录音（{code}）：{message}',
  level: '音量',
  elapsed: '已录时长',
  kindLegend: '录制内容',
  segments: '已录的段',
  segment: '第 {n} 段',
  playSegment: '播放第 {n} 段',
  play: '播放',
  playHint: '暂停时可以回放已录的段。',
  saved: '已保存',
  savedLength: '时长 {time}，共 {segments} 段',
  savedForTeacher: '老师现在就能听到。',
  preview: '摄像头画面',
  language: '语言',
};

export type StringKey = keyof typeof zh;

const en: Record<StringKey, string> = {
  title: 'Web recorder',
  connecting: 'Connecting to the server…',
  connected: 'Connected (connection {id})',
  reconnecting: 'Connection lost, reconnecting… your audio is safe: it is kept on this page.',
  kindAudio: 'Audio only',
  kindVideo: 'Audio and video',
  record: 'Record',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  opening: 'Opening the microphone…',
  recording: 'Recording {time}',
  paused: 'Paused {time} (saved as a segment)',
  pausedSaving: 'Paused {time} (saving…)',
  stopping: 'Saving…',
  finishedLink: 'Open in the admin page',
  denied:
    'No permission for the microphone/camera, so nothing is recorded. Allow access in the address bar and try again.',
  noDevice: 'No microphone/camera found, so nothing is recorded. Connect one and try again.',
  unsupported: 'This browser cannot record on a web page; please use a recent Chrome, Edge or Firefox.',
  captureFailed: 'Could not open the device: {message}',
  signIn: 'Sign in to the admin page first, or open this page through an assignment link.',
  studentIntro: 'First time here: please give your name and class.',
  name: 'Name',
  className: 'Class',
  continue: 'Continue',
  limit: 'The maximum recording length was reached; everything before it is saved.',
  outboxFull:
    'The network or cloud storage has been down for long and this page holds as much as it safely can, so recording is paused ({code}). Everything recorded so far is kept here and is sent as soon as the connection is back.',
  outboxDrained: 'The connection is back and your recording is being saved. Press Resume to go on.',
  serverError: 'The server refused the recording ({code}): {message}',
  level: 'Level',
  elapsed: 'Recorded',
  kindLegend: 'Record',
  segments: 'Recorded segments',
  segment: 'Segment {n}',
  playSegment: 'Play segment {n}',
  play: 'Play',
  playHint: 'While paused you can play back each segment.',
  saved: 'Saved',
  savedLength: '{time} in {segments} take(s)',
  savedForTeacher: 'Your teacher can listen to it now.',
  preview: 'Camera preview',
  language: 'Language',
};

export const lang: 'zh' | 'en' = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
const table = lang === 'en' ? en : zh;

export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  return table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export function formatTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
