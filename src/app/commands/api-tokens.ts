/**
 * Hardening item 8: API tokens created (shown once, stored as a hash), listed and revoked, each
 * change in the audit log. A token is no network setting: its changes bump no version and wake no
 * snapshot, so they are written with the unit of work but never announced.
 */
import { errors } from '../../shared/errors.js';
import type { Store } from '../../store/db.js';
import { write, type Actor } from '../../store/unit-of-work.js';
import { deleteToken, insertToken, listTokens, type TokenRecord } from '../../store/users.repository.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { forgetToken } from '../../edges/http/plugins/authentication.js';

export const MAX_TOKEN_DAYS = 3650;

export interface NewToken {
  /** The user the token signs in as (one of the network's). */
  readonly userId: string;
  readonly name: string;
  /** Days until it stops working; null for never. */
  readonly expiresInDays: number | null;
}

export async function createToken(store: Store, actor: Actor, networkId: string, input: NewToken): Promise<{ token: string; record: TokenRecord }> {
  const token = newSecret('sb_');
  const expiresAt = input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString();
  const { result } = await write(store, actor, async (unit) => {
    const id = await insertToken(unit.trx, { userId: input.userId, name: input.name, tokenHash: hashSecret(token), expiresAt });
    const record = (await listTokens(unit.trx, networkId)).find((t) => t.id === id)!;
    await unit.audit(networkId, {
      action: 'token.create', resourceType: 'api_token', resourceId: id, tenantIds: [], before: null,
      after: { name: record.name, user: record.user.email, expiresAt: record.expiresAt },
    });
    return record;
  });
  return { token, record: result };
}

/** Revokes one of the network's tokens: it stops working at once on this node, within 2 seconds on others. */
export async function revokeToken(store: Store, actor: Actor, networkId: string, tokenId: string): Promise<TokenRecord> {
  const { result } = await write(store, actor, async (unit) => {
    const deleted = await deleteToken(unit.trx, networkId, tokenId);
    if (deleted === undefined) throw errors.notFound('API token', tokenId);
    await unit.audit(networkId, {
      action: 'token.revoke', resourceType: 'api_token', resourceId: tokenId, tenantIds: [],
      before: { name: deleted.record.name, user: deleted.record.user.email, expiresAt: deleted.record.expiresAt }, after: null,
    });
    return deleted;
  });
  forgetToken(result.tokenHash);
  return result.record;
}
