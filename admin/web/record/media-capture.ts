/**
 * Opens the microphone (and camera) and turns them into what the uplink sends: PCM chunks from the
 * worklet and WebM chunks from MediaRecorder. Every failure becomes a CaptureError with a reason the page
 * can explain; nothing is left open when opening fails.
 */
import { PCM_PROCESSOR_NAME, pcmWorkletUrl, type PcmChunkMessage } from './pcm-worklet';

export type CaptureFailure = 'denied' | 'no-device' | 'unsupported' | 'failed';

export class CaptureError extends Error {
  constructor(
    readonly reason: CaptureFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface CaptureHandlers {
  onPcm(pcm: Uint8Array, peak: number): void;
  onVideo(chunk: Uint8Array): void;
}

export interface Capture {
  /** The devices' stream, for the camera preview. */
  stream: MediaStream;
  pause(): void;
  resume(): void;
  /** Stops every track and flushes the last video chunk. */
  stop(): Promise<void>;
}

const VIDEO_TIMESLICE_MS = 1000;
const VIDEO_MIME = 'video/webm;codecs=vp8,opus';

function captureErrorOf(err: unknown): CaptureError {
  const name = (err as { name?: string }).name ?? '';
  const message = (err as Error).message ?? String(err);
  if (name === 'NotAllowedError' || name === 'SecurityError') return new CaptureError('denied', message);
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return new CaptureError('no-device', message);
  if (name === 'NotReadableError') return new CaptureError('no-device', message);
  return new CaptureError('failed', message);
}

async function openStream(video: boolean): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new CaptureError('unsupported', 'getUserMedia is not available');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
      video,
    });
  } catch (err) {
    throw captureErrorOf(err);
  }
}

async function openWorklet(stream: MediaStream, handlers: CaptureHandlers) {
  const context = new AudioContext();
  const url = pcmWorkletUrl();
  try {
    await context.audioWorklet.addModule(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  const source = context.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(context, PCM_PROCESSOR_NAME);
  let paused = false;
  node.port.onmessage = (event: MessageEvent<PcmChunkMessage>) => {
    if (!paused) handlers.onPcm(new Uint8Array(event.data.pcm), event.data.peak);
  };
  source.connect(node);
  // The node writes silence; connecting it to the output is what keeps the audio graph pulling it.
  node.connect(context.destination);
  return {
    setPaused: (value: boolean) => {
      paused = value;
    },
    close: async () => {
      source.disconnect();
      node.port.onmessage = null;
      await context.close();
    },
  };
}

interface VideoRecorder {
  recorder: MediaRecorder;
  /** Resolves once every chunk so far has been handed to `onVideo`. */
  drained(): Promise<void>;
}

function openVideoRecorder(stream: MediaStream, handlers: CaptureHandlers): VideoRecorder {
  if (typeof MediaRecorder === 'undefined')
    throw new CaptureError('unsupported', 'MediaRecorder is not available');
  const mimeType = MediaRecorder.isTypeSupported(VIDEO_MIME) ? VIDEO_MIME : 'video/webm';
  const recorder = new MediaRecorder(stream, { mimeType });
  // Chunks are handed over in order; each Blob is read before the next so the byte stream stays ordered.
  let chain = Promise.resolve();
  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return;
    chain = chain.then(async () => handlers.onVideo(new Uint8Array(await event.data.arrayBuffer())));
  };
  recorder.start(VIDEO_TIMESLICE_MS);
  return { recorder, drained: () => chain };
}

function stopRecorder(recorder: MediaRecorder): Promise<void> {
  if (recorder.state === 'inactive') return Promise.resolve();
  return new Promise((resolve) => {
    recorder.onstop = () => resolve();
    recorder.stop();
  });
}

export async function openCapture(withVideo: boolean, handlers: CaptureHandlers): Promise<Capture> {
  const stream = await openStream(withVideo);
  const stopTracks = () => stream.getTracks().forEach((track) => track.stop());
  try {
    const worklet = await openWorklet(stream, handlers);
    const video = withVideo ? openVideoRecorder(stream, handlers) : undefined;
    return {
      stream,
      pause: () => {
        worklet.setPaused(true);
        video?.recorder.pause();
      },
      resume: () => {
        worklet.setPaused(false);
        video?.recorder.resume();
      },
      stop: async () => {
        if (video) {
          await stopRecorder(video.recorder);
          await video.drained();
        }
        stopTracks();
        await worklet.close();
      },
    };
  } catch (err) {
    stopTracks();
    throw err instanceof CaptureError ? err : captureErrorOf(err);
  }
}
