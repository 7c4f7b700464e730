/**
 * The gapless chain: per-segment MP3s at ingest, one gapless MP3 at finalize without re-encoding.
 *
 * INGEST (segment k, one call, only its own audio):
 *   const prepared = prepareSegment(pcm, startSample);
 *   // startSample = sum of sampleCount of segments 0..k-1 when they are all known, else undefined
 *   store prepared.standaloneMp3  → {seq}.mp3 (plays alone, exact duration via its LAME tag)
 *   store prepared.pieceBytes     → e.g. {seq}.chain (the chain piece, see chain-piece.ts)
 *   keep  prepared.sampleCount    (e.g. in the segment document, to compute later segments' startSample)
 *
 * FINALIZE:
 *   const full = await assembleFull(pieceBuffersInSeqOrder, (index) => loadSegmentPcm(index));
 *   store full.mp3 → full.mp3; full.durationMs, full.sampleCount describe it.
 *
 * How: the full MP3 is, frame for frame, one LAME run over all segments laid end to end (see grid.ts).
 * Each segment's run at ingest starts on that run's frame grid (silence fills in up to the segment's
 * first sample), so apart from a few warm-up frames at its start and the flush frames at its end, its
 * frames stand in for the full run's frames (same audio, same grid, same window sequence; the bits may
 * differ where the bit reservoir was fuller or emptier). Finalize takes those frames, encodes only the
 * short stretches around each join from the PCM edges stored in the pieces, ends with the last segment's
 * own flush frames, repacks them all into one stream (bit-reservoir.ts) and puts an Info/LAME tag
 * (duration, encoder delay and padding) in front. Work at finalize is a few frames per join plus a copy
 * of the frames, so its time hardly depends on the recording's length.
 *
 * A piece made without startSample (segment arrived before an earlier one), made for a different start,
 * missing or unreadable is rebuilt from the segment's PCM via the loader: correct, only slower.
 */
export { prepareSegment, type PreparedSegment } from './prepare-segment';
export { assembleFull, type AssembledMp3, type SegmentPcmLoader } from './assemble';
export { serializeChainPiece, deserializeChainPiece, type ChainPiece } from './chain-piece';
