/** B8: the longest a tenant's calls' recordings may stay paused (seconds), or null: the default (10 minutes). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('max_pause_seconds', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('max_pause_seconds').execute();
}
