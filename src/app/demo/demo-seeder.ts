/**
 * The demo network in a database, with one user per persona. Passwords are generated on first
 * seeding and kept in the data folder (readable by its owner only), never in the repository.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../auth/secrets.js';
import { DEMO_NETWORK } from './demo-network.js';
import type { Application } from '../application.js';
import { insertNetwork } from '../../store/network-seeder.js';
import { getNetwork } from '../../store/networks.repository.js';
import { insertUser, type NewUser } from '../../store/users.repository.js';

export interface DemoLogin {
  readonly role: string;
  readonly email: string;
  readonly password: string;
}

const USERS: readonly (Omit<NewUser, 'passwordHash'> & { role: string })[] = [
  {
    role: 'network administrator',
    networkId: 'summit',
    email: 'admin@summit.example',
    name: 'Nadia Admin',
    networkAdmin: true,
    agent: false,
    employeeId: null,
    networkPermissions: [],
    tenantPermissions: {},
  },
  {
    role: 'tenant administrator (Sunrise Plumbing)',
    networkId: 'summit',
    email: 'sunrise.admin@summit.example',
    name: 'Sam Sunrise',
    networkAdmin: false,
    agent: false,
    employeeId: null,
    networkPermissions: [],
    tenantPermissions: { 'sunrise-plumbing': ['forwarding_number_settings', 'phone_settings', 'switch_continuity'] },
  },
  {
    role: 'agent',
    networkId: 'summit',
    email: 'agent@summit.example',
    name: 'Ana Reyes',
    networkAdmin: false,
    agent: true,
    employeeId: 'emp-ana',
    networkPermissions: [],
    tenantPermissions: {},
  },
];

/** Seeds the demo network unless it exists; returns the demo logins (from the data folder once seeded). */
export async function seedDemo(app: Application, dataDir: string | null): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const file = dataDir === null ? null : join(dataDir, 'demo-logins.json');
  const db = app.store.db;
  const exists = await getNetwork(db, DEMO_NETWORK.network.id);
  if (exists !== undefined) {
    const logins = file !== null && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[]) : [];
    return { created: false, logins };
  }
  const logins: DemoLogin[] = USERS.map(({ role, email }) => ({ role, email, password: randomBytes(9).toString('base64url') }));
  // Hashed side by side before the transaction: each costs ~0.8 s of scrypt (secrets.ts).
  const hashes = await Promise.all(logins.map((login) => hashPassword(login.password)));
  await db.transaction().execute(async (trx) => {
    await insertNetwork(trx, DEMO_NETWORK, 'summit');
    for (const [i, { role: _role, ...user }] of USERS.entries()) await insertUser(trx, { ...user, passwordHash: hashes[i]! });
  });
  if (file !== null) writeFileSync(file, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 });
  return { created: true, logins };
}
