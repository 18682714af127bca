/**
 * B7: the consent given, kept with each logged call and each recording (JSON: the caller's
 * jurisdiction, the rule, whether an announcement was required and when it had played); null for
 * calls no consent rule applied to, and for those logged before B7.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('call_log').addColumn('consent', 'text').execute();
  await db.schema.alterTable('recordings').addColumn('consent', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('recordings').dropColumn('consent').execute();
  await db.schema.alterTable('call_log').dropColumn('consent').execute();
}
