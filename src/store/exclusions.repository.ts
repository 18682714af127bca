/** The network's exclusion list (R10, X1, X4): numbers and area codes. */
import type { ExclusionEntry } from '../domain/phone-number.js';
import type { Executor } from './db.js';

export interface ExclusionRecord {
  readonly kind: 'number' | 'area_code';
  readonly value: string;
  readonly createdAt: string;
}

export async function listExclusions(db: Executor, networkId: string): Promise<ExclusionRecord[]> {
  const rows = await db.selectFrom('exclusions').selectAll().where('network_id', '=', networkId).orderBy('kind').orderBy('value').execute();
  return rows.map((r) => ({ kind: r.kind as ExclusionRecord['kind'], value: r.value, createdAt: r.created_at }));
}

/** Adds an entry; false when it is already on the list. */
export async function addExclusion(db: Executor, networkId: string, entry: ExclusionEntry): Promise<boolean> {
  const value = entry.kind === 'number' ? entry.number : entry.areaCode;
  const existing = await db.selectFrom('exclusions').select('value').where('network_id', '=', networkId).where('value', '=', value).executeTakeFirst();
  if (existing !== undefined) return false;
  await db.insertInto('exclusions').values({ network_id: networkId, kind: entry.kind, value, created_at: new Date().toISOString() }).execute();
  return true;
}

/** Removes an entry; false when it was not on the list. */
export async function removeExclusion(db: Executor, networkId: string, value: string): Promise<boolean> {
  const result = await db.deleteFrom('exclusions').where('network_id', '=', networkId).where('value', '=', value).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
