/** A canonical PCM WAV header's length: the audio starts right after it. */
export const HEADER_BYTES = 44;

/**
 * A 44-byte PCM WAV header. Written here rather than borrowed from pipeline/: DevTools packages only
 * miniprogram/, and the recorder needs nothing but the header.
 */
export function wavHeader(dataBytes: number, sampleRate: number, channels: number): ArrayBuffer {
  const header = new ArrayBuffer(44);
  const view = new DataView(header);
  const blockAlign = channels * 2;
  writeAscii(view, 0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeAscii(view, 8, 'WAVE');
  writeAscii(view, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true);
  writeAscii(view, 36, 'data');
  view.setUint32(40, dataBytes, true);
  return header;
}

/** Header + PCM, the PCM cut to whole sample frames (a kill mid-append can leave half a sample). */
export function pcmToWav(pcm: ArrayBuffer, sampleRate: number, channels: number): ArrayBuffer {
  const usable = pcm.byteLength - (pcm.byteLength % (channels * 2));
  const wav = new Uint8Array(44 + usable);
  wav.set(new Uint8Array(wavHeader(usable, sampleRate, channels)), 0);
  wav.set(new Uint8Array(pcm, 0, usable), 44);
  return wav.buffer;
}

export function pcmDurationMs(pcmBytes: number, sampleRate: number, channels: number): number {
  return Math.floor((pcmBytes / (sampleRate * channels * 2)) * 1000);
}

/** Bytes of 16-bit PCM that hold `ms` of audio (whole sample frames). */
export function pcmBytesFor(ms: number, sampleRate: number, channels: number): number {
  return Math.ceil((ms * sampleRate) / 1000) * channels * 2;
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i += 1) view.setUint8(offset + i, text.charCodeAt(i));
}
