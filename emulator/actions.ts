/** The `action` field of a `POST /admin` request → its handler. */
import { CloudCode, CloudError } from './errors';
import {
  calculateDocument,
  getDocument,
  insertDocument,
  modifyAndReturnDoc,
  modifyDocument,
  removeDocument,
} from './db/actions';
import { aggregateDocuments } from './db/aggregate';
import { addCollection, inExistingCollection as existing } from './db/collection-actions';
import { abortTransaction, commitTransaction, startTransaction } from './db/transaction-actions';
import { batchDeleteFile, batchGetDownloadUrl, getUploadMetadata } from './storage/actions';
import { eventFromRequestData, invokeFunction } from './functions/invoke';
import type { Services } from './services';

type Body = Record<string, unknown>;
type Handler = (services: Services, body: Body, requestId: string) => Promise<Body> | Body;

const HANDLERS: Record<string, Handler> = {
  'database.insertDocument': existing(insertDocument),
  'database.getDocument': existing(getDocument),
  'database.modifyDocument': existing(modifyDocument),
  'database.modifyAndReturnDoc': existing(modifyAndReturnDoc),
  'database.removeDocument': existing(removeDocument),
  'database.calculateDocument': existing(calculateDocument),
  'database.aggregateDocuments': existing(aggregateDocuments),
  'database.addCollection': addCollection,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
  'storage.getUploadMetadata': (s, body) => getUploadMetadata(s.storage, body),
  'storage.batchGetDownloadUrl': (s, body) => batchGetDownloadUrl(s.storage, body),
  'storage.batchDeleteFile': (s, body) => batchDeleteFile(s.storage, body),
  'functions.invokeFunction': async (s, body, requestId) => {
    const response = await invokeFunction(s.functions, {
      name: body.function_name,
      event: eventFromRequestData(body.request_data),
      caller: {},
      envId: s.envId,
      requestId,
    });
    return { response_data: response };
  },
};

/**
 * A successful answer: `{requestId, data}`. `startTransaction` is the exception the SDK reads from the top
 * (`res.transactionId`), so that field is also lifted next to `requestId`.
 */
export function successBody(action: unknown, requestId: string, data: Body): Body {
  if (action === 'database.startTransaction') return { requestId, data, transactionId: data.transactionId };
  return { requestId, data };
}

/** Watch and anything else unknown answer this instead of pretending. */
export function runAction(services: Services, body: Body, requestId: string): Promise<Body> | Body {
  const action = body.action;
  const handler = typeof action === 'string' ? HANDLERS[action] : undefined;
  if (!handler) throw new CloudError(CloudCode.UNSUPPORTED_ACTION, `unsupported action: ${String(action)}`);
  return handler(services, body, requestId);
}
