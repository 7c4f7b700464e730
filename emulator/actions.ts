/** The `action` field of a `POST /admin` request → its handler. */
import { CloudCode, CloudError } from './errors';
import { calculateDocument, getDocument, insertDocument, modifyDocument, removeDocument } from './db/actions';
import { batchDeleteFile, batchGetDownloadUrl, getUploadMetadata } from './storage/actions';
import { eventFromRequestData, invokeFunction } from './functions/invoke';
import type { Services } from './services';

type Body = Record<string, unknown>;
type Handler = (services: Services, body: Body, requestId: string) => Promise<Body> | Body;

const HANDLERS: Record<string, Handler> = {
  'database.insertDocument': (s, body) => insertDocument(s.store, body),
  'database.getDocument': (s, body) => getDocument(s.store, body),
  'database.modifyDocument': (s, body) => modifyDocument(s.store, body),
  'database.removeDocument': (s, body) => removeDocument(s.store, body),
  'database.calculateDocument': (s, body) => calculateDocument(s.store, body),
  'storage.getUploadMetadata': (s, body) => getUploadMetadata(s.storage, body),
  'storage.batchGetDownloadUrl': (s, body) => batchGetDownloadUrl(s.storage, body),
  'storage.batchDeleteFile': (s, body) => batchDeleteFile(s.storage, body),
  'functions.invokeFunction': async (s, body, requestId) => {
    const response = await invokeFunction(s.functions, {
      name: body.function_name,
      event: eventFromRequestData(body.request_data),
      caller: {},
      envId: s.envId,
      timeoutMs: s.functionTimeoutMs,
      requestId,
    });
    return { response_data: response };
  },
};

/** Transactions, aggregation, watch and anything else answer this instead of pretending. */
export function runAction(services: Services, body: Body, requestId: string): Promise<Body> | Body {
  const action = body.action;
  const handler = typeof action === 'string' ? HANDLERS[action] : undefined;
  if (!handler) throw new CloudError(CloudCode.UNSUPPORTED_ACTION, `unsupported action: ${String(action)}`);
  return handler(services, body, requestId);
}
