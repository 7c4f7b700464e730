/** Turns a text frame from the page into a typed message, or an INVALID_ARGUMENT saying what is wrong. */
import { BROWSER_AUDIO, type ClientMessage } from '../../../typings/browser-recorder';
import { AppError, ErrorCode } from '../../../typings/errors';
import { RECORDING_ID_PATTERN } from '../../../typings/paths';

type Fields = Record<string, unknown>;

function invalid(message: string): AppError {
  return new AppError(ErrorCode.INVALID_ARGUMENT, message);
}

function wholeNumber(fields: Fields, key: string): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(`"${key}" must be a whole number ≥ 0`);
  }
  return value;
}

function parseStart(fields: Fields): ClientMessage {
  const { kind, assignmentId } = fields;
  if (kind !== 'audio' && kind !== 'video') throw invalid('"kind" must be "audio" or "video"');
  const sampleRate = wholeNumber(fields, 'sampleRate');
  const channels = wholeNumber(fields, 'channels');
  if (sampleRate !== BROWSER_AUDIO.sampleRate || channels !== BROWSER_AUDIO.channels) {
    throw invalid(`audio must be ${BROWSER_AUDIO.sampleRate} Hz mono, not ${sampleRate} Hz × ${channels}`);
  }
  if (assignmentId !== undefined && (typeof assignmentId !== 'string' || !assignmentId)) {
    throw invalid('"assignmentId" must be a non-empty string');
  }
  return { type: 'start', kind, sampleRate, channels, ...(assignmentId ? { assignmentId } : {}) };
}

function parseResume(fields: Fields): ClientMessage {
  const { recordingId } = fields;
  if (typeof recordingId !== 'string' || !RECORDING_ID_PATTERN.test(recordingId)) {
    throw invalid('"recordingId" is not a recording id');
  }
  return { type: 'resume', recordingId };
}

const parsers: Record<ClientMessage['type'], (fields: Fields) => ClientMessage> = {
  start: parseStart,
  resume: parseResume,
  pause: (f) => ({ type: 'pause', seq: wholeNumber(f, 'seq'), audioOffset: wholeNumber(f, 'audioOffset') }),
  stop: (f) => ({
    type: 'stop',
    audioOffset: wholeNumber(f, 'audioOffset'),
    videoOffset: wholeNumber(f, 'videoOffset'),
  }),
};

export function parseClientMessage(text: string): ClientMessage {
  let fields: unknown;
  try {
    fields = JSON.parse(text);
  } catch {
    throw invalid('text frames must be JSON messages; media goes in binary frames');
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw invalid('a message is a JSON object');
  const type = (fields as Fields).type;
  const parse =
    typeof type === 'string' && Object.hasOwn(parsers, type)
      ? parsers[type as ClientMessage['type']]
      : undefined;
  if (!parse) throw invalid(`unknown message type ${JSON.stringify(type)}`);
  return parse(fields as Fields);
}
