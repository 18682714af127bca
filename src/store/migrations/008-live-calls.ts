/**
 * Issue 13: calls in progress, shared by the nodes of a deployment on PostgreSQL. The node that
 * follows a call keeps its row current (its state, to rebuild it, and its view, for any node's agent
 * console); when that node dies, another adopts the call from its row. The row goes when the call
 * ends. The embedded SQLite database runs one node and never fills it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_calls')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    /** The node that follows the call now (cluster_nodes.id). */
    .addColumn('node_id', 'text', (c) => c.notNull())
    /** JSON: what rebuilds the call (numbers, route, events so far). */
    .addColumn('state', 'text', (c) => c.notNull())
    /** JSON: the call as the agent console shows it. */
    .addColumn('view', 'text', (c) => c.notNull())
    /** Epoch milliseconds of the last change. */
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_calls_pk', ['source', 'call_id'])
    .execute();
  await db.schema.createIndex('live_calls_network').on('live_calls').columns(['network_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('live_calls').execute();
}
