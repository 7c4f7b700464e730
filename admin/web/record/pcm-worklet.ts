/**
 * The AudioWorklet that turns microphone audio into 16 kHz mono 16-bit PCM in small chunks. It runs in
 * the audio thread, so it is shipped as the source of one self-contained function (a Blob URL) rather than
 * a second bundle entry: that works the same under Vite, esbuild or any other bundler.
 */

declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

export const PCM_PROCESSOR_NAME = 'pcm16k-processor';
export const TARGET_SAMPLE_RATE = 16000;
/** 100 ms per chunk: small enough to lose little, large enough that frame headers cost under 1 %. */
export const CHUNK_SAMPLES = 1600;

/** Posted by the processor for every chunk. */
export interface PcmChunkMessage {
  pcm: ArrayBuffer;
  peak: number;
}

function pcmProcessorSource(targetRate: number, chunkSamples: number, name: string): void {
  class Pcm16kProcessor extends AudioWorkletProcessor {
    declare step: number;
    declare phase: number;
    declare sum: number;
    declare count: number;
    declare chunk: Int16Array;
    declare filled: number;
    declare peak: number;

    constructor() {
      super();
      // Box-filter decimation: average the input samples that fall into each output sample, which also
      // keeps most aliasing out for speech.
      this.step = targetRate / sampleRate;
      this.phase = 0;
      this.sum = 0;
      this.count = 0;
      this.chunk = new Int16Array(chunkSamples);
      this.filled = 0;
      this.peak = 0;
    }

    process(inputs: Float32Array[][]): boolean {
      const channels = inputs[0];
      const first = channels?.[0];
      if (!channels || !first) return true;
      const frames = first.length;
      for (let i = 0; i < frames; i++) {
        let mixed = 0;
        for (const channel of channels) mixed += channel[i] ?? 0;
        this.push(mixed / channels.length);
      }
      return true;
    }

    push(sample: number): void {
      this.sum += sample;
      this.count += 1;
      this.phase += this.step;
      if (this.phase < 1) return;
      this.phase -= 1;
      const value = Math.max(-1, Math.min(1, this.sum / this.count));
      this.sum = 0;
      this.count = 0;
      this.peak = Math.max(this.peak, Math.abs(value));
      this.chunk[this.filled++] = value < 0 ? value * 0x8000 : value * 0x7fff;
      if (this.filled === chunkSamples) this.flush();
    }

    flush(): void {
      const pcm = this.chunk.buffer;
      this.port.postMessage({ pcm, peak: this.peak }, [pcm]);
      this.chunk = new Int16Array(chunkSamples);
      this.filled = 0;
      this.peak = 0;
    }
  }
  registerProcessor(name, Pcm16kProcessor);
}

/** A URL for `audioWorklet.addModule`; revoke it once the module has loaded. */
export function pcmWorkletUrl(): string {
  const args = [TARGET_SAMPLE_RATE, CHUNK_SAMPLES, JSON.stringify(PCM_PROCESSOR_NAME)].join(', ');
  const source = `(${pcmProcessorSource.toString()})(${args});`;
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}
