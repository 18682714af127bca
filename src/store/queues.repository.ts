/** Queues of a network (network-wide, R4-R6) with their custom recording settings (R5). */
import type { ModeSetting, Queue } from '../domain/model.js';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { toQueue } from './rows.js';

export interface QueueRecord {
  readonly queue: Queue;
  readonly version: number;
}

export async function listQueues(db: Executor, networkId: string): Promise<QueueRecord[]> {
  const rows = await db.selectFrom('queues').selectAll().where('network_id', '=', networkId).orderBy('name').execute();
  return rows.map((row) => ({ queue: toQueue(row), version: row.version }));
}

export async function getQueue(db: Executor, networkId: string, id: string): Promise<QueueRecord | undefined> {
  const row = await db.selectFrom('queues').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : { queue: toQueue(row), version: row.version };
}

/** R5: custom settings, or null for Reset to Default. */
export async function setQueueRecording(
  db: Executor,
  networkId: string,
  id: string,
  expectedVersion: number,
  custom: ModeSetting | null,
): Promise<QueueRecord> {
  const row = await db
    .updateTable('queues')
    .set((eb) => ({ custom_mode: custom?.mode ?? null, custom_announcement: custom?.announcement ?? null, version: eb('version', '+', 1) }))
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row !== undefined) return { queue: toQueue(row), version: row.version };
  const current = await getQueue(db, networkId, id);
  if (current === undefined) throw errors.notFound('queue', id);
  throw errors.stale('queue', expectedVersion, current.version);
}
