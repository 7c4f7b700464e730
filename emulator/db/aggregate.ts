/**
 * `database.aggregateDocuments`: the SDK's stages (`{stageKey: '$match', stageValue: '<EJSON>'}`) run by
 * mingo's aggregation engine over the stored documents; `$lookup` reads the other collections.
 * CloudBase's limits: without a `$limit` stage an aggregation answers at most 20 documents, and never more
 * than 10000 (WeChat developer-community reports, the docs are silent; see emulator/README.md).
 */
import { Aggregator } from 'mingo';
import { decodeEjson, encodeEjson, isPlainRecord, type Plain } from '../ejson';
import { invalidParam } from '../errors';
import type { DatabaseServices } from './actions';
import { withOperatorErrors } from './query';

type Body = Record<string, unknown>;

export const DEFAULT_AGGREGATE_LIMIT = 20;
export const MAX_AGGREGATE_LIMIT = 10000;

/** Stages CloudBase documents for `Aggregate` (plus `$replaceRoot`/`$sortByCount`, also in the SDK). */
const STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$replaceRoot',
  '$sample',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unwind',
]);

function pipelineOf(stages: unknown): Array<Record<string, Plain>> {
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
  return stages.map((stage, i) => {
    if (!isPlainRecord(stage) || typeof stage.stageKey !== 'string')
      throw invalidParam(`stages[${i}] must be {stageKey, stageValue}`);
    if (!STAGES.has(stage.stageKey)) throw invalidParam(`unsupported aggregation stage: ${stage.stageKey}`);
    return { [stage.stageKey]: decodeEjson(stage.stageValue, `stages[${i}].stageValue`, 'query') };
  });
}

export async function aggregateDocuments(services: DatabaseServices, body: Body): Promise<Body> {
  const pipeline = pipelineOf(body.stages);
  const name = await services.store.collection(body.collectionName);
  if (!pipeline.some((stage) => '$limit' in stage)) pipeline.push({ $limit: DEFAULT_AGGREGATE_LIMIT });
  pipeline.push({ $limit: MAX_AGGREGATE_LIMIT });
  const store = services.store;
  const list = withOperatorErrors(() =>
    new Aggregator(pipeline, {
      scriptEnabled: false,
      collectionResolver: (other) => store.documents(other),
    }).run(store.documents(name)),
  );
  return { list: list.map((doc) => encodeEjson(doc)) };
}
