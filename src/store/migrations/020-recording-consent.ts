/** B7: a tenant's recording consent policy (`announce_always`), or null: by the caller's jurisdiction. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('recording_consent', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('recording_consent').execute();
}
