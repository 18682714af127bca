/** `switchboard migrate | demo | user add | token create|list|revoke`: the database and its people. */
import { randomBytes } from 'node:crypto';
import {
  addUser,
  createNetwork,
  migrateDatabase,
  networkIdOf,
  NETWORK_PERMISSIONS,
  TENANT_PERMISSIONS,
  userByEmail,
  withApplication,
  type NetworkPermission,
  type TenantPermission,
} from '../../app/admin.js';
import type { Application } from '../../app/application.js';
import type { By } from '../../app/commands/command.js';
import { createToken, MAX_TOKEN_DAYS, revokeToken } from '../../app/commands/api-tokens.js';
import { seedDemo } from '../../app/demo/demo-seeder.js';
import { tokens as tokensOf } from '../../app/queries/identity.queries.js';
import { loadConfig } from '../../config.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './usage-error.js';

/** Runs `work` on the application over the configured database. */
export function withApp<T>(work: (app: Application) => Promise<T>): Promise<T> {
  const config = loadConfig();
  return withApplication({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, work);
}

export async function migrateCommand(): Promise<string> {
  const config = loadConfig();
  const applied = await migrateDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`;
}

export async function demoCommand(): Promise<string> {
  const config = loadConfig();
  return withApp(async (app) => {
    const { created, logins } = await seedDemo(app, config.databaseUrl === null ? config.dataDir : null);
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
      throw new UsageError(
        `--tenant-permission ${JSON.stringify(entry)}: expected TENANT:PERMISSION with PERMISSION one of ${TENANT_PERMISSIONS.join(', ')}`,
      );
    }
    (tenantPermissions[tenantId] ??= []).push(permission as TenantPermission);
  }
  const networkPermissions = args.values('network-permission').map((p) => {
    if (!NETWORK_PERMISSIONS.includes(p as NetworkPermission))
      throw new UsageError(`--network-permission ${JSON.stringify(p)}: expected one of ${NETWORK_PERMISSIONS.join(', ')}`);
    return p as NetworkPermission;
  });
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError(`--email ${JSON.stringify(email)} is not an email address`);
  if (given !== undefined && given.length < 10) throw new UsageError('--password: use at least 10 characters');
  const password = given ?? randomBytes(12).toString('base64url');
  return withApp(async (app) => {
    await addUser(app, {
      network: networkId,
      email,
      name,
      password,
      networkAdmin,
      agent,
      employeeId,
      networkPermissions,
      tenantPermissions,
    });
    return given === undefined ? `Added ${email}. Password: ${password}` : `Added ${email}.`;
  });
}

/** Who runs a command from here: the operator, who holds the database already (no policy applies). */
const CLI: By = { kind: 'system', name: 'command line' };

/** `token create --email E [--name N] [--expires-in DAYS] [--scope recording_pause]`: prints a new API token once; only its hash is stored. */
export async function tokenCreateCommand(args: ParsedArgs): Promise<string> {
  const email = required(args, 'email');
  const name = args.value('name') ?? 'api';
  if (name.trim() === '' || name.length > 200) throw new UsageError('--name: 1 to 200 characters');
  const days = args.value('expires-in');
  const expiresInDays = days === undefined ? null : Number(days);
  if (expiresInDays !== null && !(Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= MAX_TOKEN_DAYS)) {
    throw new UsageError(`--expires-in ${JSON.stringify(days)}: a whole number of days from 1 to ${MAX_TOKEN_DAYS}`);
  }
  const scope = args.value('scope') ?? null;
  if (scope !== null && scope !== 'recording_pause')
    throw new UsageError(`--scope ${JSON.stringify(scope)}: recording_pause (only pause and resume recordings), or leave it out`);
  return withApp(async (app) => {
    const user = await userByEmail(app, email);
    if (user === undefined) throw new UsageError(`--email: no user ${email}`);
    const { token, record } = await app.commands.run(createToken, user.networkId, CLI, { userId: user.id, name, expiresInDays, scope });
    const until = record.expiresAt === null ? 'It does not expire.' : `It expires ${record.expiresAt}.`;
    return `${token}\n(Send it as "Authorization: Bearer <token>". It is shown only now. ${until} Its id is ${record.id}.)`;
  });
}

/** `token list --network ID`: every token of the network's users, never the secrets. */
export async function tokenListCommand(args: ParsedArgs): Promise<string> {
  return withApp(async (app) => {
    const networkId = await networkIdOf(app, required(args, 'network'));
    const list = await tokensOf(app, networkId);
    if (list.length === 0) return `No API tokens in network ${networkId}.`;
    const now = new Date().toISOString();
    return list
      .map((t) =>
        [
          t.id,
          t.user.email,
          JSON.stringify(t.name),
          `created ${t.createdAt}`,
          `last used ${t.lastUsedAt ?? 'never'}`,
          t.expiresAt === null ? 'no expiry' : `${t.expiresAt <= now ? 'EXPIRED' : 'expires'} ${t.expiresAt}`,
        ].join('  '),
      )
      .join('\n');
  });
}

/** `token revoke --network ID TOKEN_ID`: the token stops working at once. */
export async function tokenRevokeCommand(args: ParsedArgs): Promise<string> {
  const [tokenId, ...extra] = args.positional;
  if (tokenId === undefined || extra.length > 0)
    throw new UsageError('usage: switchboard token revoke --network ID TOKEN_ID (ids from token list)');
  return withApp(async (app) => {
    const networkId = await networkIdOf(app, required(args, 'network'));
    const { record } = await app.commands.run(revokeToken, networkId, CLI, { tokenId });
    return `Revoked ${record.id} (${JSON.stringify(record.name)}, ${record.user.email}).`;
  });
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
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug))
    throw new UsageError(`--slug ${JSON.stringify(slug)}: use 2-63 lowercase letters, digits and dashes (it appears in URLs)`);
  return withApp(async (app) => {
    await createNetwork(app, slug, name);
    return `Created network "${name}" (${slug}). Add its first administrator with: switchboard user add --network ${slug} --email ... --admin`;
  });
}
