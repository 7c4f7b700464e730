/** Turns a text frame from the page into a typed message, or an INVALID_ARGUMENT saying what is wrong. */
import type { ClientMessage } from '../../../typings/browser-recorder';
import { AppError, ErrorCode } from '../../../typings/errors';
import { ClientMessageSchemas } from '../../../typings/schemas/browser-recorder';
import { checkPayload } from '../../../typings/schemas/check-payload';

function invalid(message: string): AppError {
  return new AppError(ErrorCode.INVALID_ARGUMENT, message);
}

function schemaFor(type: unknown) {
  return typeof type === 'string' && Object.hasOwn(ClientMessageSchemas, type)
    ? ClientMessageSchemas[type as ClientMessage['type']]
    : undefined;
}

export function parseClientMessage(text: string): ClientMessage {
  let fields: unknown;
  try {
    fields = JSON.parse(text);
  } catch {
    throw invalid('text frames must be JSON messages; media goes in binary frames');
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw invalid('a message is a JSON object');
  const type = (fields as { type?: unknown }).type;
  const schema = schemaFor(type);
  if (!schema) throw invalid(`unknown message type ${JSON.stringify(type)}`);
  return checkPayload(schema, fields);
}
