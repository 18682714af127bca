/** Events Kamailio kept in the database while no node was connected (migration 010), oldest first. */
import type { Executor } from './db.js';

export interface KeptEventRow {
  readonly id: string;
  readonly body: string;
}

export function oldestKeptEvents(db: Executor, limit: number): Promise<KeptEventRow[]> {
  return db.selectFrom('sip_events').select(['id', 'body']).orderBy('id').limit(limit).execute();
}

export async function forgetKeptEvents(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('sip_events').where('id', 'in', ids).execute();
}
