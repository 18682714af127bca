/**
 * Issue 15: each section of a tenant's settings has its own version, so two administrators saving
 * different sections (the continuity destination, the core recording settings, the tenant's
 * details) do not refuse each other's save; the same section still does (412).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tenants')
    .addColumn('continuity_version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('tenants')
    .addColumn('core_recording_version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('core_recording_version').execute();
  await db.schema.alterTable('tenants').dropColumn('continuity_version').execute();
}
