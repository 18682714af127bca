/** `switchboard migrate | demo | user add | token create|list|revoke`: the database and its people. */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../app/auth/secrets.js';
import { createToken, MAX_TOKEN_DAYS, revokeToken } from '../../app/commands/api-tokens.js';
import { loadConfig } from '../../config.js';
import { migrate, openStore, type Store } from '../../store/db.js';
import { seedDemo } from '../../app/demo/demo-seeder.js';
import { DEFAULT_RECORDING_DEFAULTS } from '../../domain/model.js';
import { insertNetwork } from '../../store/network-seeder.js';
import { findNetwork } from '../../store/networks.repository.js';
import { getEmployee } from '../../store/employees.repository.js';
import { getTenant } from '../../store/tenants.repository.js';
import { findAgentOf, findUserIdByEmail, getUser, insertUser, listTokens, NETWORK_PERMISSIONS, TENANT_PERMISSIONS, type NetworkPermission, type TenantPermission } from '../../store/users.repository.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './usage-error.js';

export async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(store.db);
    return await work(store);
  } finally {
    await store.close();
  }
}

export async function migrateCommand(): Promise<string> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(store.db);
    return applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`;
  } finally {
    await store.close();
  }
}

export async function demoCommand(): Promise<string> {
  const config = loadConfig();
  return withStore(async (store) => {
    const { created, logins } = await seedDemo(store.db, config.databaseUrl === null ? config.dataDir : null);
    const head = created ? 'Created the demo network "Summit Home Services" (summit).' : 'The demo network already exists.';
    return [head, ...logins.map((l) => `  ${l.role.padEnd(40)} ${l.email}  password: ${l.password}`)].join('\n');
  });
}

/** `user add --network ID --email E --name N [--password P] [--admin] [--agent [--employee ID]] [--tenant-permission TENANT:PERM]... [--network-permission PERM]...` */
export async function userAddCommand(args: ParsedArgs): Promise<string> {
  const networkId = required(args, 'network');
  const email = required(args, 'email');
  const name = args.value('name') ?? email.split('@')[0]!;
  const given = args.value('password');
  const networkAdmin = args.flag('admin');
  const agent = args.flag('agent');
  const employeeId = args.value('employee') ?? null;
  if (employeeId !== null && !agent) throw new UsageError('--employee: only an agent (--agent) is an employee taking calls');
  const tenantPermissions: Record<string, TenantPermission[]> = {};
  for (const entry of args.values('tenant-permission')) {
    const [tenantId, permission] = entry.split(':');
    if (tenantId === undefined || !TENANT_PERMISSIONS.includes(permission as TenantPermission)) {
      throw new UsageError(`--tenant-permission ${JSON.stringify(entry)}: expected TENANT:PERMISSION with PERMISSION one of ${TENANT_PERMISSIONS.join(', ')}`);
    }
    (tenantPermissions[tenantId] ??= []).push(permission as TenantPermission);
  }
  const networkPermissions = args.values('network-permission').map((p) => {
    if (!NETWORK_PERMISSIONS.includes(p as NetworkPermission)) throw new UsageError(`--network-permission ${JSON.stringify(p)}: expected one of ${NETWORK_PERMISSIONS.join(', ')}`);
    return p as NetworkPermission;
  });
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError(`--email ${JSON.stringify(email)} is not an email address`);
  if (given !== undefined && given.length < 10) throw new UsageError('--password: use at least 10 characters');
  const password = given ?? randomBytes(12).toString('base64url');
  return withStore(async (store) => {
    const network = await findNetwork(store.db, networkId);
    if (network === undefined) throw new UsageError(`--network: no network ${JSON.stringify(networkId)}`);
    if ((await findUserIdByEmail(store.db, email)) !== undefined) throw new UsageError(`--email: ${email} already has an account`);
    if (employeeId !== null && (await getEmployee(store.db, network.id, employeeId)) === undefined) throw new UsageError(`--employee: no employee ${JSON.stringify(employeeId)} in network ${network.id}`);
    const holder = employeeId === null ? undefined : await findAgentOf(store.db, network.id, employeeId);
    if (holder !== undefined) throw new UsageError(`--employee: ${employeeId} is already the agent account ${holder}`);
    for (const tenantId of Object.keys(tenantPermissions)) {
      if ((await getTenant(store.db, network.id, tenantId)) === undefined) throw new UsageError(`--tenant-permission: no tenant ${JSON.stringify(tenantId)} in network ${network.id}`);
    }
    await insertUser(store.db, { networkId: network.id, email, name, passwordHash: await hashPassword(password), networkAdmin, agent, employeeId, networkPermissions, tenantPermissions });
    return given === undefined ? `Added ${email}. Password: ${password}` : `Added ${email}.`;
  });
}

const CLI_ACTOR = { userId: null, name: 'command line', source: 'cli' } as const;

/** `token create --email E [--name N] [--expires-in DAYS]`: prints a new API token once; only its hash is stored. */
export async function tokenCreateCommand(args: ParsedArgs): Promise<string> {
  const email = required(args, 'email');
  const name = args.value('name') ?? 'api';
  if (name.trim() === '' || name.length > 200) throw new UsageError('--name: 1 to 200 characters');
  const days = args.value('expires-in');
  const expiresInDays = days === undefined ? null : Number(days);
  if (expiresInDays !== null && !(Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= MAX_TOKEN_DAYS)) {
    throw new UsageError(`--expires-in ${JSON.stringify(days)}: a whole number of days from 1 to ${MAX_TOKEN_DAYS}`);
  }
  return withStore(async (store) => {
    const userId = await findUserIdByEmail(store.db, email);
    const user = userId === undefined ? undefined : await getUser(store.db, userId);
    if (user === undefined) throw new UsageError(`--email: no user ${email}`);
    const { token, record } = await createToken(store, CLI_ACTOR, user.networkId, { userId: user.id, name, expiresInDays });
    const until = record.expiresAt === null ? 'It does not expire.' : `It expires ${record.expiresAt}.`;
    return `${token}\n(Send it as "Authorization: Bearer <token>". It is shown only now. ${until} Its id is ${record.id}.)`;
  });
}

/** `token list --network ID`: every token of the network's users, never the secrets. */
export async function tokenListCommand(args: ParsedArgs): Promise<string> {
  return withStore(async (store) => {
    const networkId = await requiredNetwork(store, args);
    const list = await listTokens(store.db, networkId);
    if (list.length === 0) return `No API tokens in network ${networkId}.`;
    const now = new Date().toISOString();
    return list.map((t) => [
      t.id, t.user.email, JSON.stringify(t.name), `created ${t.createdAt}`, `last used ${t.lastUsedAt ?? 'never'}`,
      t.expiresAt === null ? 'no expiry' : `${t.expiresAt <= now ? 'EXPIRED' : 'expires'} ${t.expiresAt}`,
    ].join('  ')).join('\n');
  });
}

/** `token revoke --network ID TOKEN_ID`: the token stops working at once. */
export async function tokenRevokeCommand(args: ParsedArgs): Promise<string> {
  const [tokenId, ...extra] = args.positional;
  if (tokenId === undefined || extra.length > 0) throw new UsageError('usage: switchboard token revoke --network ID TOKEN_ID (ids from token list)');
  return withStore(async (store) => {
    const networkId = await requiredNetwork(store, args);
    const record = await revokeToken(store, CLI_ACTOR, networkId, tokenId);
    return `Revoked ${record.id} (${JSON.stringify(record.name)}, ${record.user.email}).`;
  });
}

async function requiredNetwork(store: Store, args: ParsedArgs): Promise<string> {
  const idOrSlug = required(args, 'network');
  const network = await findNetwork(store.db, idOrSlug);
  if (network === undefined) throw new UsageError(`--network: no network ${JSON.stringify(idOrSlug)}`);
  return network.id;
}

function required(args: ParsedArgs, name: string): string {
  const value = args.value(name);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value.trim();
}

/** `network create --slug S --name N`: a new, empty network with the default recording settings. */
export async function networkCreateCommand(args: ParsedArgs): Promise<string> {
  const slug = required(args, 'slug');
  const name = required(args, 'name');
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) throw new UsageError(`--slug ${JSON.stringify(slug)}: use 2-63 lowercase letters, digits and dashes (it appears in URLs)`);
  return withStore(async (store) => {
    if ((await findNetwork(store.db, slug)) !== undefined) throw new UsageError(`--slug: a network ${JSON.stringify(slug)} already exists`);
    await insertNetwork(store.db, {
      network: { id: slug, name, version: 1 }, recordingDefaults: DEFAULT_RECORDING_DEFAULTS,
      tenants: [], trackingNumbers: [], employees: [], queues: [], voiceAgents: [], exclusions: { numbers: [], areaCodes: [] },
    }, slug);
    return `Created network "${name}" (${slug}). Add its first administrator with: switchboard user add --network ${slug} --email ... --admin`;
  });
}
