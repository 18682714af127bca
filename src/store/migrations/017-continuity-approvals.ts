/**
 * B5: a second approver. A network may require another administrator's approval for Turn On For
 * All, or for every switch; each request is a stored command (its name and JSON input, run
 * unchanged once approved) with the preview its requester saw and the basis it depends on.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('networks')
    .addColumn('continuity_approval', 'text', (col) => col.notNull().defaultTo('none'))
    .execute();
  await db.schema
    .alterTable('networks')
    .addColumn('approval_expiry_minutes', 'integer', (col) => col.notNull().defaultTo(60))
    .execute();
  await db.schema
    .createTable('continuity_approvals')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('network_id', 'text', (col) => col.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text')
    .addColumn('command', 'text', (col) => col.notNull())
    .addColumn('input', 'text', (col) => col.notNull())
    .addColumn('preview', 'text', (col) => col.notNull())
    .addColumn('basis', 'text', (col) => col.notNull())
    .addColumn('requested_by_user_id', 'text')
    .addColumn('requested_by_name', 'text', (col) => col.notNull())
    .addColumn('requested_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('decided_by_user_id', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('version', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('continuity_approvals_network').on('continuity_approvals').columns(['network_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('continuity_approvals').execute();
  await db.schema.alterTable('networks').dropColumn('approval_expiry_minutes').execute();
  await db.schema.alterTable('networks').dropColumn('continuity_approval').execute();
}
