/**
 * Hardening item 8: API tokens created (shown once, stored as a hash) and revoked, each in the
 * audit log. A token is no network setting: its changes bump no version and wake no snapshot.
 * Only network administrators manage them, in their own network.
 */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { deleteToken, insertToken, listTokens, type TokenRecord } from '../../store/users.repository.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import * as tokens from '../policies/token.policy.js';
import { Id, Name } from '../schemas.js';
import { defineCommand } from './command.js';

export const MAX_TOKEN_DAYS = 3650;
const REFUSAL = 'manage API tokens (network administrators only)';

export const createToken = defineCommand({
  name: 'token.create',
  input: Type.Object(
    {
      /** The user the token signs in as (one of the network's). */
      userId: Id,
      name: Name,
      expiresInDays: Type.Union([Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS }), Type.Null()]),
      /** B8: limits the token to some routes (absent: whatever its user may do). */
      scope: Type.Optional(Type.Union([Type.Literal('recording_pause'), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => tokens.can(actor, 'manage', { networkId }),
  refusal: REFUSAL,
  handle: async (unit, input, networkId) => {
    const token = newSecret('sb_');
    const expiresAt = input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString();
    const id = await insertToken(unit.trx, {
      userId: input.userId,
      name: input.name,
      tokenHash: hashSecret(token),
      expiresAt,
      scope: input.scope ?? null,
    });
    const record = (await listTokens(unit.trx, networkId)).find((t) => t.id === id);
    if (record === undefined) throw errors.validation('userId', input.userId, `userId: no user "${input.userId}" in this network.`);
    return {
      result: { token, record },
      audit: {
        action: 'token.create',
        resourceType: 'api_token',
        resourceId: id,
        tenantIds: [],
        before: null,
        after: { name: record.name, user: record.user.email, expiresAt: record.expiresAt, scope: record.scope },
      },
      touched: null,
    };
  },
});

/** Revokes one of the network's tokens; its hash comes back so that an edge caching identities forgets it at once. */
export const revokeToken = defineCommand({
  name: 'token.revoke',
  input: Type.Object({ tokenId: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
  allowed: (actor, networkId) => tokens.can(actor, 'manage', { networkId }),
  refusal: REFUSAL,
  handle: async (unit, { tokenId }, networkId) => {
    const deleted = await deleteToken(unit.trx, networkId, tokenId);
    if (deleted === undefined) throw errors.notFound('API token', tokenId);
    const record: TokenRecord = deleted.record;
    return {
      result: { record, tokenHash: deleted.tokenHash },
      audit: {
        action: 'token.revoke',
        resourceType: 'api_token',
        resourceId: tokenId,
        tenantIds: [],
        before: { name: record.name, user: record.user.email, expiresAt: record.expiresAt },
        after: null,
      },
      touched: null,
    };
  },
});
