/**
 * B10: how long each tenant keeps each kind of recording (JSON days per kind, null: for ever),
 * each recording's kind and caller (what retention and holds go by), and legal holds (on a call, a
 * caller's number, or a tenant) that stop deletion until lifted.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('recording_retention', 'text').execute();
  await db.schema.alterTable('recordings').addColumn('kind', 'text').execute();
  await db.schema.alterTable('recordings').addColumn('caller', 'text').execute();
  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('lifted_by', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('lift_reason', 'text')
    .execute();
  await db.schema.createIndex('legal_holds_network').on('legal_holds').columns(['network_id', 'lifted_at']).execute();
  await db.schema.createIndex('recordings_retention').on('recordings').columns(['network_id', 'tenant_id', 'kind', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('recordings_retention').ifExists().execute();
  await db.schema.dropTable('legal_holds').ifExists().execute();
  await db.schema.alterTable('recordings').dropColumn('caller').execute();
  await db.schema.alterTable('recordings').dropColumn('kind').execute();
  await db.schema.alterTable('tenants').dropColumn('recording_retention').execute();
}
