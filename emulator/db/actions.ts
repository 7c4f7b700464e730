/** The `database.*` actions of the wire protocol, over the document store. */
import { randomBytes } from 'node:crypto';
import type Datastore from '@seald-io/nedb';
import { CloudCode, CloudError, invalidParam } from '../errors';
import { decodeEjsonObject, encodeEjson, isPlainRecord, type Plain } from '../ejson';
import { deepClone, deepEqual, type Doc } from './paths';
import { translateQuery, type NedbQuery } from './query';
import { parseReadOptions } from './read-options';
import { applyUpdate } from './update';
import type { DocumentStore } from './store';

type Body = Record<string, unknown>;

function newDocId(): string {
  return randomBytes(16).toString('hex');
}

/** nedb reports a taken `_id` as `uniqueViolated`; anything else it throws is a bad request. */
function databaseError(err: unknown): CloudError {
  if (err instanceof CloudError) return err;
  const e = err as { errorType?: string; key?: unknown; message?: string };
  if (e.errorType === 'uniqueViolated') {
    return new CloudError(
      CloudCode.DATABASE_REQUEST_FAILED,
      `duplicate key: _id ${JSON.stringify(e.key)} already exists`,
    );
  }
  return new CloudError(CloudCode.DATABASE_REQUEST_FAILED, e.message ?? String(err));
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw databaseError(err);
  }
}

/** The request's query as nedb understands it; DOC requests must name one `_id`. */
function queryOf(body: Body): NedbQuery {
  const raw =
    body.query === undefined || body.query === '' ? {} : decodeEjsonObject(body.query, 'query', 'query');
  if (body.queryType === 'DOC' && typeof raw._id !== 'string' && typeof raw._id !== 'number') {
    throw invalidParam('a DOC request needs query {_id}');
  }
  return translateQuery(raw);
}

function checkDocId(id: Plain | undefined): string | number {
  if (id === undefined) return newDocId();
  if ((typeof id === 'string' && id !== '') || typeof id === 'number') return id;
  throw invalidParam('_id must be a non-empty string or a number');
}

export async function insertDocument(store: DocumentStore, body: Body): Promise<Body> {
  if (!Array.isArray(body.data) || body.data.length === 0)
    throw invalidParam('data must be a non-empty array');
  const now = Date.now();
  const docs = body.data.map((text, i) => decodeEjsonObject(text, `data[${i}]`, 'document', now));
  for (const doc of docs) doc._id = checkDocId(doc._id);
  const ids = docs.map((doc) => doc._id);
  if (new Set(ids).size !== ids.length) throw databaseError({ errorType: 'uniqueViolated', key: ids });
  const collection = await store.collection(body.collectionName);
  // nedb inserts an array all-or-nothing, so a duplicate in a batch writes none of it.
  await guarded(() => collection.write((ds) => ds.insertAsync(docs)));
  return { insertedIds: ids };
}

export async function getDocument(store: DocumentStore, body: Body): Promise<Body> {
  const query = queryOf(body);
  const options = parseReadOptions(body);
  const collection = await store.collection(body.collectionName);
  const docs = await guarded(async () => {
    let cursor = collection.datastore.findAsync<Doc>(query);
    if (options.sort) cursor = cursor.sort(options.sort);
    cursor = cursor.skip(options.skip).limit(options.limit);
    if (options.projection) cursor = cursor.projection(options.projection);
    return cursor.execAsync();
  });
  return { list: docs.map((doc) => encodeEjson(doc)), offset: options.skip, limit: options.limit };
}

export async function calculateDocument(store: DocumentStore, body: Body): Promise<Body> {
  const query = queryOf(body);
  const collection = await store.collection(body.collectionName);
  const total = await guarded(() => collection.datastore.countAsync(query).execAsync());
  return { total };
}

export async function removeDocument(store: DocumentStore, body: Body): Promise<Body> {
  const query = queryOf(body);
  const collection = await store.collection(body.collectionName);
  const deleted = await guarded(() =>
    collection.write((ds) => ds.removeAsync(query, { multi: body.multi === true })),
  );
  return { deleted };
}

interface ModifyPlan {
  query: NedbQuery;
  multi: boolean;
  upsert: boolean;
  /** Builds the new version of a matched document (or of `{_id}` when upserting). */
  next(current: Doc): Doc;
}

function planModify(body: Body): ModifyPlan {
  const query = queryOf(body);
  const data = decodeEjsonObject(body.data, 'data', 'query');
  const replace = body.merge === false;
  if (replace && Object.keys(data).some((key) => key.startsWith('$'))) {
    throw invalidParam('a replacing set() cannot contain update operators');
  }
  if (replace && data._id !== undefined) throw invalidParam('cannot update _id');
  const next = replace
    ? (current: Doc): Doc => ({
        ...deepClone(data),
        ...(current._id === undefined ? {} : { _id: current._id }),
      })
    : (current: Doc): Doc => applyUpdate(deepClone(current), data);
  return { query, multi: body.multi === true, upsert: body.upsert === true, next };
}

async function upsertOne(ds: Datastore, plan: ModifyPlan): Promise<Body> {
  const seed: Doc = {
    _id: checkDocId(isPlainRecord(plan.query) ? (plan.query._id as Plain | undefined) : undefined),
  };
  const doc = plan.next(seed);
  await ds.insertAsync(doc);
  return { updated: 0, upsert_id: doc._id };
}

async function modifyMatched(ds: Datastore, plan: ModifyPlan): Promise<Body> {
  let cursor = ds.findAsync<Doc>(plan.query);
  if (!plan.multi) cursor = cursor.limit(1);
  const matched = await cursor.execAsync();
  if (matched.length === 0 && plan.upsert) return upsertOne(ds, plan);
  // Every new version is computed before the first write, so a bad operator changes nothing.
  const changes = matched.map((current) => ({ current, next: plan.next(current) }));
  const effective = changes.filter(({ current, next }) => !deepEqual(next, current));
  for (const { current, next } of effective) await ds.updateAsync({ _id: current._id }, next, {});
  return { updated: effective.length };
}

export async function modifyDocument(store: DocumentStore, body: Body): Promise<Body> {
  const plan = planModify(body);
  const collection = await store.collection(body.collectionName);
  return guarded(() => collection.write((ds) => modifyMatched(ds, plan)));
}
