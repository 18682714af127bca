/**
 * Issue 14: a recording the provider holds (a Twilio-compatible edge's call): its media's address
 * at the provider, instead of a file of ours. Null for the WAVs Switchboard assembles itself.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('recordings').addColumn('media_url', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('recordings').dropColumn('media_url').execute();
}
