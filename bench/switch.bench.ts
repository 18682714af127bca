/**
 * P4: a network of 10,000 tenants (100,000 tracking numbers) on SQLite, through the API: Turn On
 * For All against one tenant's switch, each timed from request to answer (the answer comes once
 * the node's snapshot holds the change, C13). Run with `npm run bench:switch`.
 */
import { hashSecret, newSecret } from '../src/app/auth/secrets.js';
import { createApplication } from '../src/app/application.js';
import { buildApp } from '../src/edges/http/app.js';
import { SnapshotCache } from '../src/runtime/snapshot-cache.js';
import { migrate, openStore } from '../src/store/db.js';
import { insertNetwork } from '../src/store/network-seeder.js';
import { insertToken, insertUser } from '../src/store/users.repository.js';
import { largeNetwork } from './large-network.js';

const TENANTS = 10_000;
const NUMBERS = 100_000;
const ROUNDS = 5;

const store = await openStore({ databaseUrl: null, dataDir: ':memory:' });
await migrate(store.db);
await insertNetwork(store.db, largeNetwork(TENANTS, NUMBERS), 'large');
const userId = await insertUser(store.db, { networkId: 'large', email: 'admin@large.example', name: 'Admin', passwordHash: 'x', networkAdmin: true, agent: false, employeeId: null, networkPermissions: [], tenantPermissions: {} });
const token = newSecret('sb_');
await insertToken(store.db, { userId, name: 'bench', tokenHash: hashSecret(token) });
const snapshots = new SnapshotCache(store);
await snapshots.get('large');
const app = await buildApp({ app: createApplication(store, snapshots), config: { secureCookies: false, sessionHours: 1, loginRatePerMinute: 10 } });

async function timed(url: string, payload: object): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}` } });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const one: number[] = [];
const all: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  one.push(await timed('/api/networks/large/tenants/t1/continuity/switch', { enabled: true }));
  await timed('/api/networks/large/tenants/t1/continuity/switch', { enabled: false });
  all.push(await timed('/api/networks/large/continuity/turn-on-for-all', { includeTenantIds: [] }));
  await timed('/api/networks/large/continuity/turn-off-for-all', {});
}
const snapshot = (await snapshots.get('large'))!;
if (snapshot.tenants.some((t) => t.continuity.enabled)) throw new Error('expected every tenant off after the last Turn Off For All');
console.log(`network: ${TENANTS} tenants, ${NUMBERS} tracking numbers (SQLite); median of ${ROUNDS}: one tenant ${median(one).toFixed(0)} ms, Turn On For All ${median(all).toFixed(0)} ms`);
console.log(`P4 all_ms=${median(all).toFixed(0)} one_ms=${median(one).toFixed(0)} ratio=${(median(all) / median(one)).toFixed(2)}`);
await app.close();
snapshots.close();
await store.close();
