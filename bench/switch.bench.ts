/**
 * P4: a network of 10,000 tenants (100,000 tracking numbers) on SQLite, through the API: Turn On
 * For All against one tenant's switch, each timed from request to answer (the answer comes once
 * the node's snapshot holds the change, C13), and, as the baseline measured in the same run, a
 * bare transaction on the same store that updates one row and inserts one audit row: the least a
 * recorded change can cost. Run with `npm run bench:switch`.
 */
import { timeOrderedId } from '../src/store/ids.js';
import { hashSecret, newSecret } from '../src/app/auth/secrets.js';
import { createApplication } from '../src/app/application.js';
import { switchContinuity } from '../src/app/commands/continuity-switcher.js';
import { buildApp } from '../src/edges/http/app.js';
import { SnapshotCache } from '../src/runtime/snapshot-cache.js';
import { migrate, openStore } from '../src/store/db.js';
import { insertNetwork } from '../src/store/network-seeder.js';
import { insertToken, insertUser } from '../src/store/users.repository.js';
import { largeNetwork } from './large-network.js';

const TENANTS = 10_000;
const NUMBERS = 100_000;
const ROUNDS = 5;
const ONE_ROUNDS = 50;

const store = await openStore({ databaseUrl: null, dataDir: ':memory:' });
await migrate(store.db);
await insertNetwork(store.db, largeNetwork(TENANTS, NUMBERS), 'large');
const userId = await insertUser(store.db, {
  networkId: 'large',
  email: 'admin@large.example',
  name: 'Admin',
  passwordHash: 'x',
  networkAdmin: true,
  agent: false,
  employeeId: null,
  networkPermissions: [],
  tenantPermissions: {},
});
const token = newSecret('sb_');
await insertToken(store.db, { userId, name: 'bench', tokenHash: hashSecret(token) });
const snapshots = new SnapshotCache(store);
await snapshots.get('large');
const app = await buildApp({
  app: createApplication(store, snapshots),
  config: { secureCookies: false, sessionHours: 1, loginRatePerMinute: 10 },
});

async function timed(url: string, payload: object): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}` } });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The baseline: one row updated and one audit row inserted, in one transaction, nothing else. */
async function bare(): Promise<number> {
  const start = process.hrtime.bigint();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('tenants')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('network_id', '=', 'large')
      .where('id', '=', 't2')
      .execute();
    await trx
      .insertInto('audit_log')
      .values({
        id: timeOrderedId(),
        network_id: 'large',
        at: new Date().toISOString(),
        actor_user_id: userId,
        actor_name: 'Admin',
        source: 'api',
        action: 'bench.bare',
        resource_type: 'tenant',
        resource_id: 't2',
        tenant_ids: '["t2"]',
        before: null,
        after: null,
        client_address: null,
      })
      .execute();
  });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const bares: number[] = [];
for (let i = 0; i < 20; i++) await bare(); // warm-up
for (let i = 0; i < 50; i++) bares.push(await bare());
// One tenant's switch, many times (a median of many: the first ones after a Turn On For All share
// the machine with the collection of the 10,000 tenants it replaced), then Turn On For All.
const one: number[] = [];
const direct: number[] = [];
const all: number[] = [];
const switchOne = (enabled: boolean) => timed('/api/networks/large/tenants/t1/continuity/switch', { enabled });
for (let i = 0; i < 5; i++) await switchOne(i % 2 === 0); // warm-up
await switchOne(false);
for (let round = 0; round < ONE_ROUNDS; round++) {
  one.push(await switchOne(true));
  await switchOne(false);
}
// The same switch through the application, without HTTP: what the API adds is P2's to measure.
const application = createApplication(store, snapshots);
for (let round = 0; round < ONE_ROUNDS * 2; round++) {
  const start = process.hrtime.bigint();
  await application.commands.run(
    switchContinuity,
    'large',
    { kind: 'system', name: 'bench' },
    { tenantId: 't1', enabled: round % 2 === 0 },
  );
  direct.push(Number(process.hrtime.bigint() - start) / 1e6);
}
for (let round = 0; round < ROUNDS; round++) {
  all.push(await timed('/api/networks/large/continuity/turn-on-for-all', { includeTenantIds: [] }));
  await timed('/api/networks/large/continuity/turn-off-for-all', {});
}
const snapshot = (await snapshots.get('large'))!;
if (snapshot.tenants.some((t) => t.continuity.enabled)) throw new Error('expected every tenant off after the last Turn Off For All');
const [oneMs, allMs, bareMs, directMs] = [median(one), median(all), median(bares), median(direct)];
console.log(`network: ${TENANTS} tenants, ${NUMBERS} tracking numbers (SQLite)`);
console.log(
  `one tenant through the API ${oneMs.toFixed(2)} ms (median of ${one.length}), through the application ${directMs.toFixed(2)} ms (${(directMs / bareMs).toFixed(2)}x bare); Turn On For All ${allMs.toFixed(1)} ms (median of ${all.length}); bare transaction ${bareMs.toFixed(3)} ms (median of ${bares.length})`,
);
console.log(`snapshots: ${snapshots.counts.fullLoads} loaded whole, ${snapshots.counts.patches} patched`);
console.log(
  `P4 one_ms=${oneMs.toFixed(2)} all_ms=${allMs.toFixed(1)} ratio=${(allMs / oneMs).toFixed(2)} one_vs_bare=${(oneMs / bareMs).toFixed(2)}`,
);
await app.close();
snapshots.close();
await store.close();
