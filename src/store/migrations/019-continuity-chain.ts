/**
 * B6: a tenant's continuity chain (JSON: the destinations after the first and their ring time), or
 * null; and each logged call's continuity attempts (JSON: where it was tried and why it moved on).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('continuity_chain', 'text').execute();
  await db.schema.alterTable('call_log').addColumn('attempts', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('call_log').dropColumn('attempts').execute();
  await db.schema.alterTable('tenants').dropColumn('continuity_chain').execute();
}
