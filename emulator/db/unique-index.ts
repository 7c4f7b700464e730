/**
 * Unique indexes as declared for the CloudBase console, enforced on every write. Sparse, as the emulator
 * always made them: documents holding none of the indexed fields do not collide with each other.
 */
import { EJSON } from 'bson';
import { CloudCode, CloudError } from '../errors';
import { getPath, type Doc } from './paths';

export class UniqueIndex {
  private readonly fields: string[];
  private readonly owners = new Map<string, string>();

  constructor(fields: string[]) {
    this.fields = fields;
  }

  private keyOf(doc: Doc): string | undefined {
    const values = this.fields.map((field) => getPath(doc, field));
    if (values.every((value) => value === undefined)) return undefined;
    return EJSON.stringify({ v: values.map((value) => value ?? null) }, { relaxed: false });
  }

  /** Records that `docKey` now holds `doc` (or nothing); refuses a key another document holds. */
  replace(docKey: string, before: Doc | undefined, after: Doc | undefined): void {
    const old = before && this.keyOf(before);
    const next = after && this.keyOf(after);
    if (next !== undefined) {
      const owner = this.owners.get(next);
      if (owner !== undefined && owner !== docKey) {
        throw new CloudError(
          CloudCode.DATABASE_REQUEST_FAILED,
          `duplicate key: unique index on ${this.fields.join(', ')} already holds ${next}`,
        );
      }
    }
    if (old !== undefined && this.owners.get(old) === docKey) this.owners.delete(old);
    if (next !== undefined) this.owners.set(next, docKey);
  }
}
