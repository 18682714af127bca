/**
 * Issue 12: what each settings change touched, under the version it gave its network, so that a
 * node patches its snapshot (only the rows that changed) instead of loading the network whole.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('network_changes')
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** JSON: the parts touched (tenants, tracking numbers, exclusions, defaults, directory). */
    .addColumn('touched', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('network_changes_pk', ['network_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('network_changes').execute();
}
