import { THROUGHPUT_WINDOW, type UploadSample } from './cut-policy';

/**
 * The newest segment uploads' sizes and times, for the cut policy. In memory only: after a relaunch the
 * recorder starts again from the configured interval until its first upload is measured.
 */
export class UplinkMeter {
  private readonly samples: UploadSample[] = [];

  record(sample: UploadSample): void {
    // An empty segment says nothing about the link; a clock that went backwards says nothing either.
    if (!(sample.bytes > 0) || !(sample.ms >= 0)) return;
    this.samples.push(sample);
    if (this.samples.length > THROUGHPUT_WINDOW) this.samples.shift();
  }

  get recent(): readonly UploadSample[] {
    return this.samples;
  }
}
