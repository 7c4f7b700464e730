/** `database.addCollection` (the SDKs' `createCollection`) and the rule that a collection must exist first. */
import { CloudCode, CloudError } from '../errors';
import type { Services } from '../services';
import { collectionMissing } from './collections';

type Body = Record<string, unknown>;
type Handler = (services: Services, body: Body, requestId: string) => Promise<Body> | Body;

export async function addCollection(services: Services, body: Body): Promise<Body> {
  const name = await services.store.collection(body.collectionName);
  if (services.store.exists(name) || !(await services.collections.create(name))) {
    // Text not verified against CloudBase; the code is what a second create gets in the SDK's table.
    throw new CloudError(
      CloudCode.DATABASE_COLLECTION_ALREADY_EXIST,
      `[ResourceInUse] Table exist. (collection ${name})`,
    );
  }
  return {};
}

/** Refuses the request unless the collection it names was created (or holds documents from older data). */
async function requireCollection(services: Services, raw: unknown): Promise<void> {
  if (services.autoCreateCollections) return;
  const name = await services.store.collection(raw);
  if (!services.collections.has(name) && !services.store.exists(name)) throw collectionMissing(name);
}

/** A document action that only runs on a collection that exists. */
export function inExistingCollection(handler: Handler): Handler {
  return async (services, body, requestId) => {
    await requireCollection(services, body.collectionName);
    return handler(services, body, requestId);
  };
}
