/**
 * Issue 14: each network's account on a Twilio-compatible provider: its SID (named by every
 * webhook, so one network per SID) and its auth token, sealed (AES-256-GCM under the deployment's
 * SWITCHBOARD_SECRET_KEY); the token is never stored or returned in the clear.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('twilio_accounts')
    .addColumn('network_id', 'text', (c) => c.primaryKey().references('networks.id').onDelete('cascade'))
    .addColumn('account_sid', 'text', (c) => c.notNull().unique())
    .addColumn('auth_token_sealed', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('twilio_accounts').execute();
}
