/** Assertions the admin tests share: refusals with their code, and what actually landed in the db. */
import type { NodeApp } from '../../../harness/emulator';
import type { ApiResult } from '../../../harness/admin/http-client';

export function expectRefused(result: ApiResult, status: number, code: string): void {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ ok: false, error: { code } });
}

export async function countStored(app: NodeApp, collection: string, where: object): Promise<number> {
  return (await app.database().collection(collection).where(where).count()).total as number;
}
