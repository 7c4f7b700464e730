/** Public API of pipeline/audio: WAV in, MP3 out, and the gapless chain. See README.md. */
export { parseWav, encodeWav, DEFAULT_MAX_WAV_BYTES, MAX_SEGMENT_DURATION_MS, type WavLimits } from './wav';
export { frameCount, durationMs, sliceFrames, concatPcm, type PcmAudio } from './pcm';
export { SUPPORTED_SAMPLE_RATES, isSupportedSampleRate, speechBitrateKbps, mp3FrameSamples } from './format';
export { encodeMp3, encodeMp3Run, ENCODE_CHUNK_FRAMES, type EncodeOptions, type EncodedRun } from './mp3';
export {
  prepareSegment,
  assembleFull,
  serializeChainPiece,
  deserializeChainPiece,
  type PreparedSegment,
  type AssembledMp3,
  type SegmentPcmLoader,
  type ChainPiece,
} from './gapless';
