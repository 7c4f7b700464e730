/** `database.startTransaction` / `commitTransaction` / `abortTransaction` (documents go through actions.ts). */
import type { DatabaseServices } from './actions';

type Body = Record<string, unknown>;

/** node-sdk reads `transactionId` from the top of the answer, next to `requestId`; see admin-route. */
export function startTransaction(services: DatabaseServices): Body {
  return { transactionId: services.transactions.start().id };
}

export async function commitTransaction(services: DatabaseServices, body: Body): Promise<Body> {
  await services.store.ready();
  await services.transactions.commit(body.transactionId);
  return {};
}

export function abortTransaction(services: DatabaseServices, body: Body): Body {
  services.transactions.abort(body.transactionId);
  return {};
}
