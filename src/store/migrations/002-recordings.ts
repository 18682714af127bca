/** Recordings of real calls: one WAV per call, joined from rtpengine's segments (issue 6). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('call_log_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('sip_call_id', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    /** JSON: the plan's segments and reasons, as the call log has them. */
    .addColumn('segments', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recordings_network').on('recordings').columns(['network_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recordings').ifExists().execute();
}
