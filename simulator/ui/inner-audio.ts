import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AppTimers } from '../core/app-timers';
import { ListenerSet } from '../core/listeners';
import type { VirtualFs } from '../fs/virtual-fs';

/** InnerAudioContext error codes from the docs: 10002 network error, 10003 file error. */
const ERR_NETWORK = 10002;
const ERR_FILE = 10003;

class SourceError extends Error {
  constructor(
    readonly errCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Duration from ffprobe; it needs a real file (from a pipe it reports no duration for WAV). */
function probeFile(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file];
    const child = spawn('ffprobe', args);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number.parseFloat(out);
      if (code === 0 && Number.isFinite(seconds)) resolve(seconds);
      else reject(new SourceError(ERR_FILE, 'unsupported audio format'));
    });
  });
}

async function probeDurationSeconds(bytes: Buffer): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-sim-audio-'));
  try {
    const file = path.join(dir, 'source');
    fs.writeFileSync(file, bytes);
    return await probeFile(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface AudioDeps {
  timers: AppTimers;
  vfs: VirtualFs;
  speed: () => number;
  played: string[];
  /** The `startTime` (s) each played source started from, parallel to `played`. */
  playedFrom: number[];
}

/** GETs a URL with Node's http(s) (jsdom test environments have no fetch). */
function download(url: string): Promise<Buffer> {
  const get = url.startsWith('https:') ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        response.statusCode === 200
          ? resolve(Buffer.concat(chunks))
          : reject(new SourceError(ERR_NETWORK, `network error: HTTP ${response.statusCode} for ${url}`)),
      );
    });
    request.on('error', (err) => reject(new SourceError(ERR_NETWORK, `network error: ${err.message}`)));
  });
}

/** Loads `src`: local paths must exist in the sandbox, URLs must answer 200. */
async function loadSource(src: string, deps: AudioDeps): Promise<Buffer> {
  if (/^https?:\/\//.test(src) && !src.startsWith('http://tmp/') && !src.startsWith('http://store/')) {
    return download(src);
  }
  if (!deps.vfs.exists(src)) throw new SourceError(ERR_FILE, `file error: no such file ${src}`);
  return deps.vfs.readBytes(src);
}

/** wx.createInnerAudioContext(): plays (in accelerated time) real audio files, with the real events. */
export function createInnerAudioContext(deps: AudioDeps) {
  const on = {
    play: new ListenerSet<void>(),
    pause: new ListenerSet<void>(),
    stop: new ListenerSet<void>(),
    ended: new ListenerSet<void>(),
    error: new ListenerSet<{ errMsg: string; errCode: number }>(),
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0;
  const halt = () => {
    run += 1;
    deps.timers.clearTimeout(timer);
    context.paused = true;
  };
  const play = async () => {
    const mine = ++run;
    try {
      const seconds = await probeDurationSeconds(await loadSource(context.src, deps));
      if (mine !== run) return;
      // startTime (s): where playback begins, as documented for InnerAudioContext; past the end, at the end.
      const from = Math.min(Math.max(0, context.startTime), seconds);
      context.duration = seconds;
      context.currentTime = from;
      context.paused = false;
      deps.played.push(context.src);
      deps.playedFrom.push(from);
      on.play.emit();
      timer = deps.timers.setTimeout(
        () => {
          context.paused = true;
          on.ended.emit();
        },
        ((seconds - from) * 1000) / deps.speed(),
      );
    } catch (err) {
      const e = err instanceof SourceError ? err : new SourceError(ERR_FILE, String(err));
      if (mine === run) on.error.emit({ errMsg: e.message, errCode: e.errCode });
    }
  };
  const context = {
    src: '',
    startTime: 0,
    autoplay: false,
    loop: false,
    volume: 1,
    duration: 0,
    currentTime: 0,
    paused: true,
    play: () => void play(),
    pause: () => (halt(), deps.timers.defer(() => on.pause.emit())),
    stop: () => (halt(), deps.timers.defer(() => on.stop.emit())),
    seek: () => undefined,
    destroy: () => halt(),
    onPlay: on.play.add,
    offPlay: on.play.remove,
    onPause: on.pause.add,
    offPause: on.pause.remove,
    onStop: on.stop.add,
    offStop: on.stop.remove,
    onEnded: on.ended.add,
    offEnded: on.ended.remove,
    onError: on.error.add,
    offError: on.error.remove,
  };
  return context;
}
