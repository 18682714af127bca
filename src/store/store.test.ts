import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestStore, DIALECTS, type TestStore } from '../../test/stores.js';
import { DEMO_NETWORK } from '../app/demo/demo-network.js';
import type { NetworkData } from '../domain/model.js';
import { SnapshotCache } from '../runtime/snapshot-cache.js';
import type { Change } from './change-feed.js';
import { migrate, openStore, type Store } from './db.js';
import { loadNetworkData } from './network-data.repository.js';
import { insertNetwork } from './network-seeder.js';
import { write, type Actor } from './unit-of-work.js';
import { findAgentOf, insertUser } from './users.repository.js';

const actor: Actor = { userId: null, name: 'test', source: 'cli' };
const sorted = (data: NetworkData) => ({
  ...data,
  tenants: [...data.tenants].sort((a, b) => a.id.localeCompare(b.id)),
  queues: [...data.queues].sort((a, b) => a.id.localeCompare(b.id)),
  employees: [...data.employees].sort((a, b) => a.id.localeCompare(b.id)),
  voiceAgents: [...data.voiceAgents].sort((a, b) => a.id.localeCompare(b.id)),
  trackingNumbers: [...data.trackingNumbers].sort((a, b) => a.id.localeCompare(b.id)),
  exclusions: { numbers: [...data.exclusions.numbers].sort(), areaCodes: [...data.exclusions.areaCodes].sort() },
});

/** Switches Sunrise's continuity on, as one committed change. */
const switchSunriseOn = (on: TestStore) =>
  write(on, actor, async (unit) => {
    await unit.trx.updateTable('tenants').set({ continuity_enabled: 1 }).where('id', '=', 'sunrise-plumbing').execute();
    unit.changed('summit', 'continuity.switch', { tenants: ['sunrise-plumbing'] }, ['sunrise-plumbing']);
  });

/** A second node on the same PostgreSQL database, with its own snapshot cache, closed after `work`. */
async function withSecondNode(store: TestStore, work: (node: Store, cache: SnapshotCache) => Promise<void>): Promise<void> {
  const node = await openStore({ databaseUrl: store.url, dataDir: ':memory:' });
  const cache = new SnapshotCache(node);
  try {
    expect((await cache.get('summit'))!.version).toBe(1);
    await work(node, cache);
  } finally {
    cache.close();
    await node.close();
  }
}

describe.each(DIALECTS)('store on %s', (dialect) => {
  let store: TestStore;
  afterEach(async () => store?.close());

  it('runs the migrations from an empty database, and again as a no-op', async () => {
    store = await createTestStore(dialect, { migrated: false });
    expect(await migrate(store.db)).toEqual([
      '001-initial',
      '002-recordings',
      '003-agent-employee',
      '004-credentials',
      '005-network-changes',
      '006-call-log-call-id',
      '007-cluster-nodes',
      '008-live-calls',
      '009-rate-limits',
      '010-sip-events',
      '011-twilio-accounts',
      '012-recording-media-url',
      '013-tenant-section-versions',
      '014-continuity-schedules',
      '015-tenant-time-zone',
      '016-switch-continuity-permission',
      '017-continuity-approvals',
      '018-continuity-drill',
      '019-continuity-chain',
      '020-recording-consent',
      '021-consent-stamps',
      '022-max-pause',
      '023-token-scope',
      '024-retention',
      '025-webhooks',
    ]);
    expect(await migrate(store.db)).toEqual([]);
    const tables = (await store.db.introspection.getTables())
      .map((t) => t.name)
      .filter((n) => !n.startsWith('kysely_'))
      .sort();
    expect(tables).toEqual([
      'api_tokens',
      'audit_log',
      'call_log',
      'cluster_nodes',
      'continuity_approvals',
      'continuity_schedules',
      'employees',
      'exclusions',
      'legal_holds',
      'live_calls',
      'login_throttle',
      'network_changes',
      'networks',
      'queues',
      'rate_limits',
      'recording_defaults',
      'recordings',
      'sessions',
      'sip_events',
      'tenants',
      'tracking_numbers',
      'twilio_accounts',
      'user_permissions',
      'users',
      'voice_agents',
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_events',
      'webhook_subscriptions',
    ]);
  });

  it('I one account per employee: a second agent account on the same employee is refused; accounts without one are many', async () => {
    store = await createTestStore(dialect);
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    const user = (email: string, employeeId: string | null) =>
      insertUser(store.db, {
        networkId: 'summit',
        email,
        name: email,
        passwordHash: 'x',
        networkAdmin: false,
        agent: true,
        employeeId,
        networkPermissions: [],
        tenantPermissions: {},
      });
    await user('ana@x.example', 'emp-ana');
    await expect(user('ana2@x.example', 'emp-ana')).rejects.toThrow();
    await user('a@x.example', null);
    await user('b@x.example', null);
    expect(await findAgentOf(store.db, 'summit', 'emp-ana')).toBe('ana@x.example');
  });

  it('stores a whole network and loads back exactly the same settings', async () => {
    store = await createTestStore(dialect);
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    const loaded = await loadNetworkData(store.db, 'summit');
    expect(sorted(loaded!)).toEqual(sorted(DEMO_NETWORK));
    expect(await loadNetworkData(store.db, 'nope')).toBeUndefined();
  });

  it('C15 a change bumps the network version and writes its audit entry in the same transaction', async () => {
    store = await createTestStore(dialect);
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    const heard: Change[] = [];
    store.feed.subscribe((c) => heard.push(c));
    const { changes } = await write(store, actor, async (unit) => {
      await unit.trx.updateTable('tenants').set({ continuity_enabled: 1 }).where('id', '=', 'sunrise-plumbing').execute();
      unit.changed('summit', 'continuity.switch', { tenants: ['sunrise-plumbing'] }, ['sunrise-plumbing']);
      await unit.audit('summit', {
        action: 'continuity.switch',
        resourceType: 'tenant',
        resourceId: 'sunrise-plumbing',
        tenantIds: ['sunrise-plumbing'],
        before: { enabled: false },
        after: { enabled: true },
      });
    });
    expect(changes).toEqual([
      { networkId: 'summit', version: 2, kind: 'continuity.switch', tenantIds: ['sunrise-plumbing'], at: expect.any(Number) as number },
    ]);
    await expect.poll(() => heard.length).toBe(1);
    const { delta, ...notice } = heard[0]!;
    expect(notice).toEqual(changes[0]);
    // Decision 0106: PostgreSQL's notice carries what the change made of the tenant (read in its transaction).
    if (dialect === 'postgres')
      expect(delta).toMatchObject({ version: 2, tenants: [{ id: 'sunrise-plumbing', continuity: { enabled: true } }] });
    else expect(delta).toBeUndefined();
    const audit = await store.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toMatchObject([
      {
        network_id: 'summit',
        actor_name: 'test',
        source: 'cli',
        action: 'continuity.switch',
        before: '{"enabled":false}',
        after: '{"enabled":true}',
      },
    ]);
  });

  it('C15 a change that fails leaves no change, no audit entry, no new version and no announcement', async () => {
    store = await createTestStore(dialect);
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    const heard: Change[] = [];
    store.feed.subscribe((c) => heard.push(c));
    await expect(
      write(store, actor, async (unit) => {
        await unit.trx.updateTable('tenants').set({ continuity_enabled: 1 }).where('id', '=', 'sunrise-plumbing').execute();
        unit.changed('summit', 'continuity.switch', { tenants: ['sunrise-plumbing'] }, ['sunrise-plumbing']);
        await unit.audit('summit', { action: 'x', resourceType: 'tenant', resourceId: null, tenantIds: [], before: null, after: null });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const tenant = await store.db
      .selectFrom('tenants')
      .select('continuity_enabled')
      .where('id', '=', 'sunrise-plumbing')
      .executeTakeFirstOrThrow();
    expect(tenant.continuity_enabled).toBe(0);
    expect(await store.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    expect((await store.db.selectFrom('networks').select('version').executeTakeFirstOrThrow()).version).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([]);
  });

  it('the snapshot cache follows the change feed', async () => {
    store = await createTestStore(dialect);
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    const cache = new SnapshotCache(store);
    expect((await cache.get('summit'))!.tenant('sunrise-plumbing')!.continuity.enabled).toBe(false);
    const { changes } = await write(store, actor, async (unit) => {
      await unit.trx.updateTable('tenants').set({ continuity_enabled: 1 }).where('id', '=', 'sunrise-plumbing').execute();
      unit.changed('summit', 'continuity.switch', { tenants: ['sunrise-plumbing'] }, ['sunrise-plumbing']);
    });
    expect(changes[0]!.version).toBe(2);
    // The feed alone brings the cache up to date: nobody asks for the new version.
    await expect.poll(async () => (await cache.get('summit'))!.version).toBe(2);
    expect((await cache.get('summit'))!.tenant('sunrise-plumbing')!.continuity.enabled).toBe(true);
    cache.close();
  });

  if (dialect === 'postgres') {
    it('a node whose LISTEN connection is cut listens again and catches up on what it missed', async () => {
      store = await createTestStore(dialect);
      await insertNetwork(store.db, DEMO_NETWORK, 'summit');
      await withSecondNode(store, async (_node, otherCache) => {
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%'`.execute(
          store.db,
        );
        await switchSunriseOn(store);
        await expect.poll(async () => (await otherCache.get('summit'))!.version, { timeout: 5000 }).toBe(2);
      });
    });

    it('a second node on the same PostgreSQL hears every committed change (LISTEN/NOTIFY)', async () => {
      store = await createTestStore(dialect);
      await insertNetwork(store.db, DEMO_NETWORK, 'summit');
      await withSecondNode(store, async (other, otherCache) => {
        const heard: Change[] = [];
        other.feed.subscribe((c) => heard.push(c));
        await switchSunriseOn(store);
        await expect.poll(() => heard.map((c) => c.version), { timeout: 2000 }).toEqual([2]);
        await expect
          .poll(async () => (await otherCache.get('summit'))!.tenant('sunrise-plumbing')!.continuity.enabled, { timeout: 2000 })
          .toBe(true);
      });
    });
  }
});

describe('the embedded database on disk', () => {
  it('hardening item 12: the data folder is 0700 and the database, its WAL and SHM 0600 (not what the umask gives); an older 0755/0644 install is tightened', async () => {
    const mode = (path: string) => statSync(path).mode & 0o777;
    const dir = join(mkdtempSync(join(tmpdir(), 'sb-perm-')), 'data');
    const store = await openStore({ databaseUrl: null, dataDir: dir });
    await migrate(store.db);
    expect(mode(dir)).toBe(0o700);
    for (const file of ['switchboard.db', 'switchboard.db-wal', 'switchboard.db-shm']) expect(mode(join(dir, file)), file).toBe(0o600);
    await store.close();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'switchboard.db'), 0o644);
    const again = await openStore({ databaseUrl: null, dataDir: dir });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'switchboard.db'))).toBe(0o600);
    await again.close();
  });
});
