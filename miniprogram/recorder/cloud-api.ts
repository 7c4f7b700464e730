import type { Envelope } from '../../typings/errors';
import type {
  FinalizeRecordingRequest,
  FinalizeRecordingResponse,
  FunctionName,
  IngestSegmentRequest,
  IngestSegmentResponse,
} from '../../typings/functions';
import type { WhoAmIFunctionName } from '../../typings/identity';
import { RecorderError } from './errors';
import type { CloudPort } from './port';

/** `recordings/{openid}/{recordingId}/{seq}.wav` — the contract in typings/paths.ts, which DevTools cannot package. */
export function segmentCloudPath(openid: string, recordingId: string, seq: number): string {
  return `recordings/${openid}/${recordingId}/${seq}.wav`;
}

/** Calls a cloud function and unwraps the envelope: data, or a RecorderError carrying the server's code. */
export async function callEnvelope<T>(
  cloud: CloudPort,
  name: FunctionName | WhoAmIFunctionName,
  data: object,
): Promise<T> {
  const result = (await cloud.callFunction(name, data)) as Envelope<T> | undefined;
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw new RecorderError('INTERNAL', `${name} answered without an envelope`, true);
  }
  if (!result.ok) throw RecorderError.fromBody(result.error);
  return result.data;
}

export function ingestSegment(
  cloud: CloudPort,
  request: IngestSegmentRequest,
): Promise<IngestSegmentResponse> {
  return callEnvelope<IngestSegmentResponse>(cloud, 'ingestSegment', request);
}

export function finalizeRecording(
  cloud: CloudPort,
  request: FinalizeRecordingRequest,
): Promise<FinalizeRecordingResponse> {
  return callEnvelope<FinalizeRecordingResponse>(cloud, 'finalizeRecording', request);
}
