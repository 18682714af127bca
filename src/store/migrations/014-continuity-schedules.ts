/**
 * B1: continuity switched at a time. Each row is a stored command (its name and JSON input, run
 * later unchanged through the command runner) due at `run_at`, pending until one node runs it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('continuity_schedules')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('network_id', 'text', (col) => col.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('enabled', 'integer', (col) => col.notNull())
    .addColumn('command', 'text', (col) => col.notNull())
    .addColumn('input', 'text', (col) => col.notNull())
    .addColumn('run_at', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('requested_by_user_id', 'text')
    .addColumn('requested_by_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('ran_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('version', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('continuity_schedules_due').on('continuity_schedules').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('continuity_schedules_network').on('continuity_schedules').columns(['network_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('continuity_schedules').execute();
}
