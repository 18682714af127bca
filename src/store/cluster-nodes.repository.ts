/**
 * The nodes of a deployment on PostgreSQL and their heartbeats, on the database's clock (nodes on
 * several machines need not agree on the time).
 */
import { sql } from 'kysely';
import type { Executor } from './db.js';

const NOW_MS = sql<string>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export interface ClusterNode {
  readonly id: string;
  readonly address: string;
  readonly startedAt: number;
  readonly seenAt: number;
}

/** Registers the node, or says it is still there (a heartbeat). */
export async function heartbeat(db: Executor, node: { id: string; address: string }): Promise<void> {
  await db
    .insertInto('cluster_nodes')
    .values({ id: node.id, address: node.address, started_at: NOW_MS, seen_at: NOW_MS })
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ seen_at: NOW_MS, address: node.address }))
    .execute();
}

export async function removeNode(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('cluster_nodes').where('id', '=', id).execute();
}

/** Forgets nodes silent for longer than a day (replaced machines). */
export async function forgetGoneNodes(db: Executor): Promise<void> {
  await db
    .deleteFrom('cluster_nodes')
    .where('seen_at', '<', sql<string>`${NOW_MS} - ${24 * 3600_000}`)
    .execute();
}

/** Nodes seen within the last `withinMs`. */
export async function liveNodes(db: Executor, withinMs: number): Promise<ClusterNode[]> {
  const rows = await db
    .selectFrom('cluster_nodes')
    .selectAll()
    .where('seen_at', '>=', sql<string>`${NOW_MS} - ${withinMs}`)
    .execute();
  return rows.map((r) => ({ id: r.id, address: r.address, startedAt: Number(r.started_at), seenAt: Number(r.seen_at) }));
}
