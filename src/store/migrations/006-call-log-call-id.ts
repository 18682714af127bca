/**
 * Issue 13: each logged call names the edge's call (SIP Call-ID, Twilio CallSid), and a call is in
 * the log at most once per network and edge: a retried write (the database came back), a second
 * node reporting the same call, or a replayed event cannot log it twice (L5).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('call_log').addColumn('call_id', 'text').execute();
  await db.schema.createIndex('call_log_call').on('call_log').columns(['network_id', 'source', 'call_id']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('call_log_call').execute();
  await db.schema.alterTable('call_log').dropColumn('call_id').execute();
}
