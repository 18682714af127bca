/**
 * Issue 14: a network's account on a Twilio-compatible provider, set by its administrators. The
 * auth token reaches this command already sealed (the edge seals it with the deployment's key
 * before running it), so a stored command never holds it in the clear, and the audit log names
 * the account, never the token.
 */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { saveTwilioAccount, twilioAccountOf } from '../../store/twilio-accounts.repository.js';
import * as providers from '../policies/provider.policy.js';
import { defineCommand } from './command.js';

/** A Twilio account SID: AC and 32 hexadecimal digits. */
export const AccountSid = Type.String({ pattern: '^AC[0-9a-fA-F]{32}$', description: 'AC followed by 32 hexadecimal digits' });

/** What a sealed auth token is sealed for: the account it belongs to. */
export const authTokenPurpose = (accountSid: string) => `twilio-auth-token:${accountSid}`;

export const setTwilioAccount = defineCommand({
  name: 'twilio.account.set',
  input: Type.Object(
    {
      accountSid: AccountSid,
      authTokenSealed: Type.String({ pattern: '^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$', maxLength: 1000 }),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => providers.can(actor, 'manage', { networkId }),
  refusal: providers.REFUSAL,
  handle: async (unit, input, networkId) => {
    const before = await twilioAccountOf(unit.trx, networkId);
    const updatedAt = new Date().toISOString();
    const saved = await saveTwilioAccount(unit.trx, {
      networkId,
      accountSid: input.accountSid,
      authTokenSealed: input.authTokenSealed,
      updatedAt,
    });
    if (!saved)
      throw errors.conflict(
        'account_in_use',
        'accountSid',
        input.accountSid,
        `accountSid: ${input.accountSid} is already another network's account (each network has its own).`,
      );
    return {
      result: { accountSid: input.accountSid, updatedAt },
      audit: {
        action: 'twilio.account.set',
        resourceType: 'twilio_account',
        resourceId: input.accountSid,
        tenantIds: [],
        before: before === undefined ? null : { accountSid: before.accountSid },
        after: { accountSid: input.accountSid, authToken: 'replaced (kept sealed, never shown)' },
      },
      touched: null,
    };
  },
});
