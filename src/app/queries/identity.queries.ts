/**
 * Who a credential is (the HTTP edge's authentication), and the session and token records behind
 * it. A token's last use is written at most once a minute: a busy client costs one write a minute,
 * not one a request.
 */
import {
  deleteSession,
  findSession,
  findTokenUser,
  findUserInNetwork,
  getUser,
  listTokens,
  stampTokenUse,
  type TokenRecord,
  type TokenScope,
  type UserRecord,
} from '../../store/users.repository.js';
import type { Application } from '../application.js';

export type { TokenRecord, UserRecord };

const STAMP_EVERY_MS = 60_000;

export const user = (app: Application, id: string): Promise<UserRecord | undefined> => getUser(app.store.db, id);

/** The user of an unexpired session (by the hash of its cookie), with its CSRF token. */
export async function sessionUser(app: Application, idHash: string): Promise<{ user: UserRecord; csrfToken: string } | undefined> {
  const session = await findSession(app.store.db, idHash, new Date().toISOString());
  const found = session === undefined ? undefined : await getUser(app.store.db, session.userId);
  return found === undefined || session === undefined ? undefined : { user: found, csrfToken: session.csrfToken };
}

/** The user of an unexpired API token (by its hash); its last use is stamped. */
export async function tokenUser(
  app: Application,
  tokenHash: string,
): Promise<(UserRecord & { tokenScope: TokenScope | null }) | undefined> {
  const now = new Date();
  const token = await findTokenUser(app.store.db, tokenHash, now.toISOString());
  const found = token === undefined ? undefined : await getUser(app.store.db, token.userId);
  if (token === undefined || found === undefined) return undefined;
  if (token.lastUsedAt === null || now.getTime() - Date.parse(token.lastUsedAt) >= STAMP_EVERY_MS)
    await stampTokenUse(app.store.db, token.tokenId, now.toISOString());
  return { ...found, tokenScope: token.scope };
}

/** Signs a session out (by the hash of its cookie). */
export const endSession = (app: Application, idHash: string): Promise<void> => deleteSession(app.store.db, idHash);

export const tokens = (app: Application, networkId: string): Promise<TokenRecord[]> => listTokens(app.store.db, networkId);

export const userIdInNetwork = (app: Application, networkId: string, email: string): Promise<string | undefined> =>
  findUserInNetwork(app.store.db, networkId, email);
