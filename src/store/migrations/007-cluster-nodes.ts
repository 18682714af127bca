/**
 * Issue 13: the nodes of a deployment on one PostgreSQL, each with its heartbeat (the database's
 * clock, epoch milliseconds), so a change's writer knows which nodes must hold it before it answers
 * (C13 on every node). The embedded SQLite database runs one node and never fills it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cluster_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** Where its API answers (host:port), for the operator. */
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cluster_nodes').execute();
}
