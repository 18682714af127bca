/** The first schema (src/store/schema.ts says why the column types are what they are). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('networks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_center_active', 'integer', (c) => c.notNull())
    .addColumn('voice_agents_contact_center', 'integer', (c) => c.notNull())
    .addColumn('voice_agents_core', 'integer', (c) => c.notNull())
    .addColumn('core_inbound', 'text', (c) => c.notNull())
    .addColumn('core_outbound', 'text', (c) => c.notNull())
    .addColumn('continuity_enabled', 'integer', (c) => c.notNull())
    .addColumn('continuity_default_kind', 'text')
    .addColumn('continuity_default_number', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tenants_network').on('tenants').columns(['network_id', 'name']).execute();

  await db.schema
    .createTable('queues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('custom_mode', 'text')
    .addColumn('custom_announcement', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('queues_network').on('queues').column('network_id').execute();

  await db.schema
    .createTable('employees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_center_user', 'integer', (c) => c.notNull())
    // C6 looks across the whole deployment: a direct line is unique everywhere.
    .addColumn('direct_line', 'text', (c) => c.unique())
    .addColumn('home_tenant_id', 'text', (c) => c.references('tenants.id').onDelete('set null'))
    .addColumn('custom_inbound_mode', 'text')
    .addColumn('custom_inbound_announcement', 'text')
    .addColumn('custom_outbound_mode', 'text')
    .addColumn('custom_outbound_announcement', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('employees_network').on('employees').column('network_id').execute();

  await db.schema
    .createTable('voice_agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voice_agents_network').on('voice_agents').column('network_id').execute();

  await db.schema
    .createTable('tracking_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // A tracking number belongs to one tenant in the whole deployment.
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('workflow_kind', 'text', (c) => c.notNull())
    .addColumn('workflow_ref', 'text')
    .addColumn('workflow_number', 'text')
    .addColumn('continuity_number', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tracking_numbers_network').on('tracking_numbers').columns(['network_id', 'tenant_id']).execute();

  await db.schema
    .createTable('recording_defaults')
    .addColumn('network_id', 'text', (c) => c.primaryKey().references('networks.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('connected_mode', 'text', (c) => c.notNull())
    .addColumn('queue_mode', 'text', (c) => c.notNull())
    .addColumn('queue_announcement', 'text', (c) => c.notNull())
    .addColumn('inbound_mode', 'text', (c) => c.notNull())
    .addColumn('inbound_announcement', 'text', (c) => c.notNull())
    .addColumn('outbound_mode', 'text', (c) => c.notNull())
    .addColumn('outbound_announcement', 'text', (c) => c.notNull())
    .addColumn('transfer_to_queue', 'text', (c) => c.notNull())
    .addColumn('transfer_to_employee', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exclusions')
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exclusions_pk', ['network_id', 'value'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('tenant_ids', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_log_network').on('audit_log').columns(['network_id', 'id']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('network_admin', 'integer', (c) => c.notNull())
    .addColumn('agent', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_permissions')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.references('tenants.id').onDelete('cascade'))
    .addColumn('permission', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_permissions_user').on('user_permissions').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('call_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('from_number', 'text')
    .addColumn('to_number', 'text')
    .addColumn('rule_set', 'text', (c) => c.notNull())
    .addColumn('route', 'text')
    .addColumn('segments', 'text', (c) => c.notNull())
    .addColumn('logged_in', 'text', (c) => c.notNull())
    .addColumn('synced', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_log_network').on('call_log').columns(['network_id', 'started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'call_log',
    'api_tokens',
    'sessions',
    'user_permissions',
    'users',
    'audit_log',
    'exclusions',
    'recording_defaults',
    'tracking_numbers',
    'voice_agents',
    'employees',
    'queues',
    'tenants',
    'networks',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
