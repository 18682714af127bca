/**
 * B5: switching Call Continuity is a permission of its own (`switch_continuity`), apart from
 * editing its settings (C7's forwarding_number_settings and phone_settings). Everyone who could
 * switch a tenant before (both of C7's permissions on it) keeps that ability.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into user_permissions (user_id, tenant_id, permission)
    select a.user_id, a.tenant_id, 'switch_continuity'
    from user_permissions a
    join user_permissions b on b.user_id = a.user_id and b.tenant_id = a.tenant_id and b.permission = 'phone_settings'
    where a.permission = 'forwarding_number_settings'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from user_permissions where permission = 'switch_continuity'`.execute(db);
}
