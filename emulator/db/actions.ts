/** The `database.*` document actions of the wire protocol, inside or outside a transaction. */
import { CloudCode, CloudError, invalidParam } from '../errors';
import { decodeEjsonObject, encodeEjson, isPlainRecord, type Plain } from '../ejson';
import { nearestFirst } from './geo';
import { checkDocId, isDocId, keyOf, type DocId } from './doc-id';
import { deepClone, deepEqual, type Doc } from './paths';
import { compileQuery, withOperatorErrors, type RawQuery } from './query';
import type { Selection } from './select';
import { parseReadOptions, type ReadOptions } from './read-options';
import { sortDocuments } from './sort';
import { scopeOf, type Scope } from './scope';
import type { Change, DocumentStore } from './store';
import type { Transactions } from './transactions';
import { applyUpdate } from './update';

type Body = Record<string, unknown>;

/** What the document actions work with (a part of the emulator's services). */
export interface DatabaseServices {
  store: DocumentStore;
  transactions: Transactions;
}

function duplicateKey(id: unknown): CloudError {
  return new CloudError(
    CloudCode.DATABASE_REQUEST_FAILED,
    `duplicate key: _id ${JSON.stringify(id)} already exists`,
  );
}

/** The request's query; DOC requests must name one `_id`. */
function selectionOf(body: Body): Selection {
  const raw =
    body.query === undefined || body.query === '' ? {} : decodeEjsonObject(body.query, 'query', 'query');
  if (body.queryType === 'DOC' && !isDocId(raw._id)) throw invalidParam('a DOC request needs query {_id}');
  return { raw, query: compileQuery(raw) };
}

async function open(services: DatabaseServices, body: Body): Promise<{ name: string; scope: Scope }> {
  const name = await services.store.collection(body.collectionName);
  return { name, scope: scopeOf(services.store, services.transactions, body) };
}

export async function insertDocument(services: DatabaseServices, body: Body): Promise<Body> {
  if (!Array.isArray(body.data) || body.data.length === 0)
    throw invalidParam('data must be a non-empty array');
  const now = Date.now();
  const docs = body.data.map((text, i) => decodeEjsonObject(text, `data[${i}]`, 'document', now));
  for (const doc of docs) doc._id = checkDocId(doc._id);
  const ids = docs.map((doc) => doc._id as DocId);
  if (new Set(ids.map(keyOf)).size !== ids.length) throw duplicateKey(ids);
  const { name, scope } = await open(services, body);
  // Checked and applied with no await in between, so a batch is all-or-nothing and races lose cleanly.
  const taken = ids.find((id) => scope.get(name, id) !== undefined);
  if (taken !== undefined) throw duplicateKey(taken);
  await scope.write(docs.map((doc, i) => ({ collection: name, id: ids[i] as DocId, doc })));
  return { insertedIds: ids };
}

/** Orders and pages what a scan found (by the sort, or nearest first for a geoNear query). */
function pageOf(found: Doc[], raw: RawQuery, options: ReadOptions): Doc[] {
  const nearest = options.sort ? undefined : nearestFirst(raw);
  const ordered = options.sort ? sortDocuments(found, options.sort) : nearest ? nearest(found) : found;
  return ordered.slice(options.skip, options.skip + options.limit);
}

function project(page: Doc[], projection: ReadOptions['projection']): Doc[] {
  if (!projection) return page;
  return withOperatorErrors(() => compileQuery({}).find<Doc>(page, projection).all());
}

export async function getDocument(services: DatabaseServices, body: Body): Promise<Body> {
  const selection = selectionOf(body);
  const options = parseReadOptions(body);
  const { name, scope } = await open(services, body);
  const end = options.skip + options.limit;
  const inOrder = options.sort && scope.selectSorted(name, selection, options.sort, end);
  const page = inOrder
    ? inOrder.slice(options.skip, end)
    : pageOf(scope.select(name, selection, true), selection.raw, options);
  const docs = project(page, options.projection);
  return { list: docs.map((doc) => encodeEjson(doc)), offset: options.skip, limit: options.limit };
}

export async function calculateDocument(services: DatabaseServices, body: Body): Promise<Body> {
  const selection = selectionOf(body);
  const { name, scope } = await open(services, body);
  return { total: scope.select(name, selection, true).length };
}

export async function removeDocument(services: DatabaseServices, body: Body): Promise<Body> {
  const selection = selectionOf(body);
  const { name, scope } = await open(services, body);
  const gone = scope.select(name, selection, body.multi === true);
  await scope.write(gone.map((doc) => ({ collection: name, id: doc._id as DocId, doc: null })));
  return { deleted: gone.length };
}

interface ModifyPlan {
  selection: Selection;
  replace: boolean;
  /** Builds the new version of a matched document (or of `{_id}` when upserting). */
  next(current: Doc): Doc;
}

function planModify(body: Body): ModifyPlan {
  const selection = selectionOf(body);
  const data = decodeEjsonObject(body.data, 'data', 'query');
  const replace = body.merge === false;
  if (replace && Object.keys(data).some((key) => key.startsWith('$'))) {
    throw invalidParam('a replacing set() cannot contain update operators');
  }
  if (replace && data._id !== undefined) throw invalidParam('cannot update _id');
  const next = replace
    ? (current: Doc): Doc => ({ ...deepClone(data), _id: current._id as Plain })
    : (current: Doc): Doc => applyUpdate(deepClone(current), data);
  return { selection, replace, next };
}

function upsertChange(name: string, plan: ModifyPlan): Change {
  const id = checkDocId(isPlainRecord(plan.selection.raw) ? plan.selection.raw._id : undefined);
  return { collection: name, id, doc: plan.next({ _id: id }) };
}

export async function modifyDocument(services: DatabaseServices, body: Body): Promise<Body> {
  const plan = planModify(body);
  const { name, scope } = await open(services, body);
  const found = scope.select(name, plan.selection, body.multi === true);
  if (found.length === 0 && body.upsert === true) {
    const change = upsertChange(name, plan);
    await scope.write([change]);
    return { updated: 0, upsert_id: change.id };
  }
  // Every new version is computed before the first write, so a bad operator changes nothing.
  const changes = found.map((current) => ({ current, next: plan.next(current) }));
  const effective = changes.filter(({ current, next }) => !deepEqual(next, current));
  await scope.write(effective.map(({ next }) => ({ collection: name, id: next._id as DocId, doc: next })));
  // A replacing set() counts the document it matched even when nothing changed, as the SDK's tests expect.
  return { updated: plan.replace ? changes.length : effective.length };
}

/** `updateAndReturn`: updates the first match and answers its new version (`doc: null` when none). */
export async function modifyAndReturnDoc(services: DatabaseServices, body: Body): Promise<Body> {
  const plan = planModify({ ...body, merge: true });
  const { name, scope } = await open(services, body);
  const [current] = scope.select(name, plan.selection, false);
  if (!current) return { updated: 0, doc: null };
  const next = plan.next(current);
  const changed = !deepEqual(next, current);
  if (changed) await scope.write([{ collection: name, id: next._id as DocId, doc: next }]);
  return { updated: changed ? 1 : 0, doc: encodeEjson(next) };
}
