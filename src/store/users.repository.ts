/** Users, their permissions, sessions and API tokens. Every query is scoped as its name says. */
import type { Executor } from './db.js';
import { newId } from './ids.js';
import { bool, int } from './rows.js';

export type TenantPermission = 'forwarding_number_settings' | 'phone_settings' | 'switch_continuity';
export type NetworkPermission = 'edit_call_recording_settings';
export const TENANT_PERMISSIONS: readonly TenantPermission[] = ['forwarding_number_settings', 'phone_settings', 'switch_continuity'];
export const NETWORK_PERMISSIONS: readonly NetworkPermission[] = ['edit_call_recording_settings'];

export interface UserRecord {
  readonly id: string;
  readonly networkId: string;
  readonly email: string;
  readonly name: string;
  readonly networkAdmin: boolean;
  readonly agent: boolean;
  /** The employee an agent is, or null: live calls are acted on by the agent who answered them. */
  readonly employeeId: string | null;
  readonly networkPermissions: readonly NetworkPermission[];
  /** tenant id → permissions on it. */
  readonly tenantPermissions: Readonly<Record<string, readonly TenantPermission[]>>;
}

/** A user to create: the record without its id, with the password's hash. */
export type NewUser = Omit<UserRecord, 'id'> & { readonly passwordHash: string };

export async function insertUser(db: Executor, user: NewUser): Promise<string> {
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      network_id: user.networkId,
      email: user.email.toLowerCase(),
      name: user.name,
      password_hash: user.passwordHash,
      network_admin: int(user.networkAdmin),
      agent: int(user.agent),
      employee_id: user.employeeId,
      created_at: new Date().toISOString(),
    })
    .execute();
  const permissions = [
    ...user.networkPermissions.map((permission) => ({ user_id: id, tenant_id: null, permission })),
    ...Object.entries(user.tenantPermissions).flatMap(([tenantId, list]) =>
      list.map((permission) => ({ user_id: id, tenant_id: tenantId, permission })),
    ),
  ];
  if (permissions.length > 0) await db.insertInto('user_permissions').values(permissions).execute();
  return id;
}

/** The email of the account that is this employee, if any. */
export async function findAgentOf(db: Executor, networkId: string, employeeId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('email')
    .where('network_id', '=', networkId)
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
  return row?.email;
}

export async function findLogin(db: Executor, email: string): Promise<{ id: string; passwordHash: string } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, passwordHash: row.password_hash };
}

export async function getUser(db: Executor, id: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const permissions = await db.selectFrom('user_permissions').select(['tenant_id', 'permission']).where('user_id', '=', id).execute();
  const byTenant = new Map<string, TenantPermission[]>();
  const networkPermissions: NetworkPermission[] = [];
  for (const p of permissions) {
    if (p.tenant_id === null) networkPermissions.push(p.permission as NetworkPermission);
    else byTenant.set(p.tenant_id, [...(byTenant.get(p.tenant_id) ?? []), p.permission as TenantPermission]);
  }
  // Built from entries: a tenant id such as "__proto__" becomes a key, never the object's prototype.
  const tenantPermissions = Object.fromEntries(byTenant);
  return {
    id: row.id,
    networkId: row.network_id,
    email: row.email,
    name: row.name,
    networkAdmin: bool(row.network_admin),
    agent: bool(row.agent),
    employeeId: row.employee_id ?? null,
    networkPermissions,
    tenantPermissions,
  };
}

export async function insertSession(
  db: Executor,
  session: { idHash: string; userId: string; csrfToken: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: new Date().toISOString(),
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(db: Executor, idHash: string, now: string): Promise<{ userId: string; csrfToken: string } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'csrf_token'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row === undefined ? undefined : { userId: row.user_id, csrfToken: row.csrf_token };
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly user: { readonly id: string; readonly email: string; readonly name: string };
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  /** Null: it does not expire. */
  readonly expiresAt: string | null;
  /** B8: null, whatever its user may do; `recording_pause`, only pause and resume recordings. */
  readonly scope: TokenScope | null;
}

/** B8: what a token may be limited to. */
export type TokenScope = 'recording_pause';
export const TOKEN_SCOPES: readonly TokenScope[] = ['recording_pause'];

export async function insertToken(
  db: Executor,
  token: { userId: string; name: string; tokenHash: string; expiresAt?: string | null; scope?: TokenScope | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      created_at: new Date().toISOString(),
      last_used_at: null,
      expires_at: token.expiresAt ?? null,
      scope: token.scope ?? null,
    })
    .execute();
  return id;
}

/** The user a token signs in, unless it expired by `now`; with when it was last used (stamped at most once a minute). */
export async function findTokenUser(
  db: Executor,
  tokenHash: string,
  now: string,
): Promise<{ userId: string; tokenId: string; lastUsedAt: string | null; scope: TokenScope | null } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'last_used_at', 'scope'])
    .where('token_hash', '=', tokenHash)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { userId: row.user_id, tokenId: row.id, lastUsedAt: row.last_used_at, scope: scopeOf(row.scope ?? null) };
}

export async function stampTokenUse(db: Executor, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

const tokenColumns = [
  'api_tokens.id',
  'api_tokens.name',
  'api_tokens.created_at',
  'api_tokens.last_used_at',
  'api_tokens.expires_at',
  'api_tokens.scope',
  'users.id as user_id',
  'users.email',
  'users.name as user_name',
] as const;

function tokenQuery(db: Executor, networkId: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(tokenColumns)
    .where('users.network_id', '=', networkId);
}

const presentToken = (r: {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  scope?: string | null;
  user_id: string;
  email: string;
  user_name: string;
}): TokenRecord => ({
  id: r.id,
  name: r.name,
  user: { id: r.user_id, email: r.email, name: r.user_name },
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  scope: scopeOf(r.scope ?? null),
});

/** Every token of the network's users, newest first. */
export async function listTokens(db: Executor, networkId: string): Promise<TokenRecord[]> {
  return (await tokenQuery(db, networkId).orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id').execute()).map(presentToken);
}

/** Deletes one of the network's tokens; its hash (to forget a cached identity), or undefined when there is none. */
export async function deleteToken(
  db: Executor,
  networkId: string,
  tokenId: string,
): Promise<{ tokenHash: string; record: TokenRecord } | undefined> {
  const row = await tokenQuery(db, networkId).where('api_tokens.id', '=', tokenId).executeTakeFirst();
  if (row === undefined) return undefined;
  const deleted = await db.deleteFrom('api_tokens').where('id', '=', tokenId).returning('token_hash').executeTakeFirst();
  return deleted === undefined ? undefined : { tokenHash: deleted.token_hash, record: presentToken(row) };
}

/** Forgets sessions that ended before `now`; how many. */
export async function deleteExpiredSessions(db: Executor, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function updatePasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function findUserInNetwork(db: Executor, networkId: string, email: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('users')
      .select('id')
      .where('network_id', '=', networkId)
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst()
  )?.id;
}

export async function findUserIdByEmail(db: Executor, email: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst())?.id;
}

/** A stored scope read back: an unknown one (a newer node's) limits the token to nothing it names. */
function scopeOf(value: string | null): TokenScope | null {
  return value === null ? null : (((TOKEN_SCOPES as readonly string[]).includes(value) ? value : 'recording_pause') as TokenScope);
}
