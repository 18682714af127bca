/**
 * Issue 13, items 1 and 2, through the application layer on one PostgreSQL: two nodes, each with
 * its cluster membership. A call one node follows is on the other's console; an agent's action
 * through the other node is done by the node that follows the call; when that node is gone, the
 * call is adopted (its plan goes on where it was) and logged once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplication, type Application } from '../../src/app/application.js';
import { DEMO_NETWORK } from '../../src/app/demo/demo-network.js';
import { switchContinuity } from '../../src/app/commands/continuity-switcher.js';
import { asE164 } from '../../src/domain/phone-number.js';
import { ClusterMembership } from '../../src/runtime/cluster-membership.js';
import { SnapshotCache } from '../../src/runtime/snapshot-cache.js';
import { openStore, type Store } from '../../src/store/db.js';
import { insertNetwork } from '../../src/store/network-seeder.js';
import { createTestStore, type TestStore } from '../stores.js';

const SUNRISE_MAIN = asE164('+16198675301');
const CALLER = asE164('+14158672200');

interface Node {
  store: Store;
  snapshots: SnapshotCache;
  cluster: ClusterMembership;
  app: Application;
  close(): Promise<void>;
}

async function startNode(url: string): Promise<Node> {
  const store = await openStore({ databaseUrl: url, dataDir: ':memory:' });
  const snapshots = new SnapshotCache(store);
  const cluster = new ClusterMembership(store, snapshots);
  const app = createApplication(store, snapshots, { cluster });
  await app.calls.start();
  await cluster.start('test');
  return {
    store,
    snapshots,
    cluster,
    app,
    close: async () => {
      app.calls.close();
      await cluster.stop();
      snapshots.close();
      await store.close();
    },
  };
}

describe('live calls shared by the nodes on PostgreSQL', () => {
  let db: TestStore;
  let a: Node;
  let b: Node;
  beforeEach(async () => {
    db = await createTestStore('postgres');
    await insertNetwork(db.db, DEMO_NETWORK, 'summit');
    a = await startNode(db.url!);
    b = await startNode(db.url!);
  });
  afterEach(async () => {
    await b.close();
    await a.close().catch(() => undefined);
    await db.close();
  });

  const anyone = () => true;
  const logged = () => db.db.selectFrom('call_log').select(['call_id', 'segments']).execute();
  const liveRows = () => db.db.selectFrom('live_calls').select(['call_id', 'node_id']).execute();

  it("item 1: a call node A follows is on node B's console, and an agent's action through B is done by A", async () => {
    const t0 = Date.now() - 10_000;
    await a.app.calls.route({ callId: 'x1', from: CALLER, to: SUNRISE_MAIN, at: t0, source: 'sip' });
    const session = a.app.calls.get('x1')!;
    session.answered(t0 + 2000, 'emp-ana');
    a.app.calls.changed(session);
    await expect.poll(async () => (await b.app.calls.liveCalls('summit')).find((c) => c.callId === 'x1')?.answeredBy).toBe('emp-ana');
    const view = await b.app.calls.agentEvent('summit', 'x1', 'payment_opened', anyone);
    expect(view?.plan.moments.at(-1)?.recording).toBe('paused');
    // A holds the change (it did it); B did not take the call.
    expect(a.app.calls.get('x1')!.recordingWanted).toBe(false);
    expect(b.app.calls.get('x1')).toBeUndefined();
    expect(await liveRows()).toEqual([{ call_id: 'x1', node_id: a.cluster.nodeId }]);
    // Another network's call is not B's to act on, and an agent the policy refuses gets nothing.
    expect(await b.app.calls.agentEvent('other', 'x1', 'payment_closed', anyone)).toBeUndefined();
    expect(await b.app.calls.agentEvent('summit', 'x1', 'payment_closed', () => false)).toBeUndefined();
    expect(a.app.calls.get('x1')!.recordingWanted).toBe(false);
  });

  it('item 2: node A gone, an action through B adopts the call where A left it (paused: closing the payment screen resumes recording); its end is logged once, by B', async () => {
    const t0 = Date.now() - 20_000;
    await a.app.calls.route({ callId: 'x2', from: CALLER, to: SUNRISE_MAIN, at: t0, source: 'sip' });
    const session = a.app.calls.get('x2')!;
    session.answered(t0 + 1000, 'emp-ana');
    a.app.calls.changed(session);
    await expect.poll(async () => (await b.app.calls.liveCalls('summit')).find((c) => c.callId === 'x2')?.answeredBy).toBe('emp-ana');
    expect((await b.app.calls.agentEvent('summit', 'x2', 'payment_opened', anyone))?.plan.moments.at(-1)?.recording).toBe('paused');
    // A dies: it leaves the cluster (its heartbeat stops), its memory is gone.
    await a.close();
    const resumed = await b.app.calls.agentEvent('summit', 'x2', 'payment_closed', anyone);
    expect(resumed?.plan.moments.map((m) => m.recording)).toEqual(['off', 'on', 'paused', 'on']);
    expect(b.app.calls.get('x2')?.recordingWanted).toBe(true);
    expect(await liveRows()).toEqual([{ call_id: 'x2', node_id: b.cluster.nodeId }]);
    const ended = await b.app.calls.ended('x2', Date.now());
    expect(ended?.plan.segments).toHaveLength(2);
    expect(await b.app.calls.ended('x2', Date.now())).toBeUndefined();
    const rows = await logged();
    expect(rows.map((r) => r.call_id)).toEqual(['x2']);
    await expect.poll(liveRows).toEqual([]);
  });

  it('item 2: an event for a call this node never followed (its edge now reports here) adopts it from the record', async () => {
    const t0 = Date.now() - 5000;
    await a.app.calls.route({ callId: 'x3', from: CALLER, to: SUNRISE_MAIN, at: t0, source: 'sip' });
    await expect.poll(liveRows).toEqual([{ call_id: 'x3', node_id: a.cluster.nodeId }]);
    const found = await b.app.calls.find('x3');
    expect(found?.route).toMatchObject({ kind: 'workflow', target: { kind: 'queue', queueId: 'q-service' } });
    expect(await liveRows()).toEqual([{ call_id: 'x3', node_id: b.cluster.nodeId }]);
    // A heard it was taken: it no longer follows the call.
    await expect.poll(() => a.app.calls.get('x3')).toBeUndefined();
  });

  it('item 2 decision 0110: a call adopted after a continuity switch keeps the route it was given (its past events still fit it)', async () => {
    const t0 = Date.now() - 8000;
    await a.app.calls.route({ callId: 'x4', from: CALLER, to: SUNRISE_MAIN, at: t0, source: 'sip' });
    const session = a.app.calls.get('x4')!;
    session.answered(t0 + 1000, 'emp-ana');
    a.app.calls.changed(session);
    await expect.poll(async () => (await b.app.calls.liveCalls('summit')).find((c) => c.callId === 'x4')?.answeredBy).toBe('emp-ana');
    await a.app.commands.run(switchContinuity, 'summit', { kind: 'system', name: 'test' }, { tenantId: 'sunrise-plumbing', enabled: true });
    await a.close();
    const adopted = await b.app.calls.find('x4');
    expect(adopted?.route).toMatchObject({ kind: 'workflow', target: { kind: 'queue', queueId: 'q-service' } });
    expect(adopted?.answeredBy).toBe('emp-ana');
    expect((await b.app.calls.ended('x4', Date.now()))?.plan.route).toMatchObject({ kind: 'workflow' });
  });
});
