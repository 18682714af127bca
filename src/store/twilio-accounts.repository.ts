/** Each network's account on a Twilio-compatible provider (migration 011): the token stays sealed here. */
import type { Executor } from './db.js';

export interface TwilioAccountRow {
  readonly networkId: string;
  readonly accountSid: string;
  readonly authTokenSealed: string;
  readonly updatedAt: string;
}

const columns = ['network_id', 'account_sid', 'auth_token_sealed', 'updated_at'] as const;
const toRow = (r: { network_id: string; account_sid: string; auth_token_sealed: string; updated_at: string }): TwilioAccountRow => ({
  networkId: r.network_id,
  accountSid: r.account_sid,
  authTokenSealed: r.auth_token_sealed,
  updatedAt: r.updated_at,
});

export async function twilioAccountOf(db: Executor, networkId: string): Promise<TwilioAccountRow | undefined> {
  const row = await db.selectFrom('twilio_accounts').select(columns).where('network_id', '=', networkId).executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

export async function twilioAccountBySid(db: Executor, accountSid: string): Promise<TwilioAccountRow | undefined> {
  const row = await db.selectFrom('twilio_accounts').select(columns).where('account_sid', '=', accountSid).executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

/** Sets the network's account; false when the SID is another network's. */
export async function saveTwilioAccount(db: Executor, account: TwilioAccountRow): Promise<boolean> {
  const owner = await twilioAccountBySid(db, account.accountSid);
  if (owner !== undefined && owner.networkId !== account.networkId) return false;
  await db
    .insertInto('twilio_accounts')
    .values({
      network_id: account.networkId,
      account_sid: account.accountSid,
      auth_token_sealed: account.authTokenSealed,
      updated_at: account.updatedAt,
    })
    .onConflict((conflict) =>
      conflict.column('network_id').doUpdateSet({
        account_sid: account.accountSid,
        auth_token_sealed: account.authTokenSealed,
        updated_at: account.updatedAt,
      }),
    )
    .execute();
  return true;
}
