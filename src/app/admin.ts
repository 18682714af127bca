/**
 * What an operator does from the command line, outside any network's settings: open and migrate
 * the database, create a network, add a user (with the checks an administrator expects), find
 * users and networks. Refusals are UsageErrors' cousins: AppErrors naming the option at fault.
 */
import { DEFAULT_RECORDING_DEFAULTS } from '../domain/model.js';
import { AppError } from '../shared/errors.js';
import { migrate, openStore, type StoreOptions } from '../store/db.js';
import { getEmployee } from '../store/employees.repository.js';
import { insertNetwork } from '../store/network-seeder.js';
import { findNetwork } from '../store/networks.repository.js';
import { getTenant } from '../store/tenants.repository.js';
import {
  findAgentOf,
  findUserIdByEmail,
  getUser,
  insertUser,
  type NetworkPermission,
  type TenantPermission,
  type UserRecord,
} from '../store/users.repository.js';
import { createApplication, type Application } from './application.js';
import { hashPassword } from './auth/secrets.js';

export { NETWORK_PERMISSIONS, TENANT_PERMISSIONS, type NetworkPermission, type TenantPermission } from '../store/users.repository.js';

const refused = (option: string, message: string) => new AppError(400, 'usage', `${option}: ${message}`, option);

/** Runs `work` on the application over the configured database (migrated first), then closes it. */
export async function withApplication<T>(options: StoreOptions, work: (app: Application) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    await migrate(store.db);
    return await work(createApplication(store));
  } finally {
    await store.close();
  }
}

/** Brings the schema up to date; the migrations applied. */
export async function migrateDatabase(options: StoreOptions): Promise<string[]> {
  const store = await openStore(options);
  try {
    return await migrate(store.db);
  } finally {
    await store.close();
  }
}

/** A network's id, by its id or slug; refused naming `option` when there is none. */
export async function networkIdOf(app: Application, idOrSlug: string, option = '--network'): Promise<string> {
  const network = await findNetwork(app.store.db, idOrSlug);
  if (network === undefined) throw refused(option, `no network ${JSON.stringify(idOrSlug)}`);
  return network.id;
}

export async function userByEmail(app: Application, email: string): Promise<UserRecord | undefined> {
  const id = await findUserIdByEmail(app.store.db, email);
  return id === undefined ? undefined : getUser(app.store.db, id);
}

/** A new, empty network with the default recording settings. */
export async function createNetwork(app: Application, slug: string, name: string): Promise<void> {
  if ((await findNetwork(app.store.db, slug)) !== undefined) throw refused('--slug', `a network ${JSON.stringify(slug)} already exists`);
  await insertNetwork(
    app.store.db,
    {
      network: { id: slug, name, version: 1 },
      recordingDefaults: DEFAULT_RECORDING_DEFAULTS,
      tenants: [],
      trackingNumbers: [],
      employees: [],
      queues: [],
      voiceAgents: [],
      exclusions: { numbers: [], areaCodes: [] },
    },
    slug,
  );
}

export interface NewUserInput {
  readonly network: string;
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly networkAdmin: boolean;
  readonly agent: boolean;
  readonly employeeId: string | null;
  readonly networkPermissions: readonly NetworkPermission[];
  readonly tenantPermissions: Readonly<Record<string, readonly TenantPermission[]>>;
}

/** A user of a network: one account per email, one agent account per employee, permissions on its own tenants only. */
export async function addUser(app: Application, input: NewUserInput): Promise<void> {
  const db = app.store.db;
  const networkId = await networkIdOf(app, input.network);
  if ((await findUserIdByEmail(db, input.email)) !== undefined) throw refused('--email', `${input.email} already has an account`);
  if (input.employeeId !== null && (await getEmployee(db, networkId, input.employeeId)) === undefined)
    throw refused('--employee', `no employee ${JSON.stringify(input.employeeId)} in network ${networkId}`);
  const holder = input.employeeId === null ? undefined : await findAgentOf(db, networkId, input.employeeId);
  if (holder !== undefined) throw refused('--employee', `${input.employeeId} is already the agent account ${holder}`);
  for (const tenantId of Object.keys(input.tenantPermissions)) {
    if ((await getTenant(db, networkId, tenantId)) === undefined)
      throw refused('--tenant-permission', `no tenant ${JSON.stringify(tenantId)} in network ${networkId}`);
  }
  const { password, network: _network, ...user } = input;
  await insertUser(db, { ...user, networkId, passwordHash: await hashPassword(password) });
}
