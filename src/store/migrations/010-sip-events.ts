/**
 * Issue 13: events of calls that Kamailio could give to no node (every node down), written by
 * Kamailio's `sqlops` into Switchboard's own database and read back by one node when one is up.
 * `id` is Kamailio's "seconds.microseconds:md5(Call-ID):event", so it sorts by time; `body` is the
 * JSON message in base64 (sqlops quotes with backslashes, which neither database reads).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sip_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sip_events').execute();
}
