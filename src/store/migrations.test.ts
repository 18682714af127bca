/** Migrations that change existing data, run on a database that holds some. */
import SQLite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateUpTo } from './db.js';
import type { Schema } from './schema.js';

describe('migrations on existing data', () => {
  it('B5 016 grants switch_continuity to whoever held both of C7’s permissions on a tenant, and to nobody else', async () => {
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    try {
      await migrateUpTo(db, '015-tenant-time-zone');
      const now = '2026-12-01T00:00:00.000Z';
      await sql`insert into networks (id, slug, name, version, created_at) values ('n', 'n', 'N', 1, ${now})`.execute(db);
      for (const tenant of ['t1', 't2'])
        await sql`insert into tenants (id, network_id, name, contact_center_active, voice_agents_contact_center, voice_agents_core,
          core_inbound, core_outbound, continuity_enabled, continuity_default_kind, continuity_default_number, version, created_at)
          values (${tenant}, 'n', ${tenant}, 1, 0, 0, 'automatic', 'automatic', 0, null, null, 1, ${now})`.execute(db);
      for (const user of ['both', 'phone-only', 'admin'])
        await sql`insert into users (id, network_id, email, name, password_hash, network_admin, agent, created_at)
          values (${user}, 'n', ${`${user}@example.com`}, ${user}, 'x', ${user === 'admin' ? 1 : 0}, 0, ${now})`.execute(db);
      const grants = [
        ['both', 't1', 'forwarding_number_settings'],
        ['both', 't1', 'phone_settings'],
        ['both', 't2', 'forwarding_number_settings'],
        ['phone-only', 't1', 'phone_settings'],
      ];
      for (const [user, tenant, permission] of grants)
        await sql`insert into user_permissions (user_id, tenant_id, permission) values (${user}, ${tenant}, ${permission})`.execute(db);

      expect(await migrateUpTo(db, null)).toContain('016-switch-continuity-permission');
      const switchers = await db
        .selectFrom('user_permissions')
        .select(['user_id', 'tenant_id'])
        .where('permission', '=', 'switch_continuity')
        .execute();
      expect(switchers).toEqual([{ user_id: 'both', tenant_id: 't1' }]);
      // Nothing else was touched.
      expect(
        await db
          .selectFrom('user_permissions')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ).toEqual({
        n: grants.length + 1,
      });
    } finally {
      await db.destroy();
    }
  });
});
