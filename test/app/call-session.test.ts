/**
 * Issue 12: one call driven through the application layer alone, with no edge: routed, answered
 * by an agent, paused by the payment screen, transferred, hung up, logged once, exactly as the
 * SIP edge (and the coming Twilio edge) drive it, with numbers given already parsed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplication, type Application } from '../../src/app/application.js';
import { DEMO_NETWORK } from '../../src/app/demo/demo-network.js';
import { switchContinuity } from '../../src/app/commands/continuity-switcher.js';
import { asE164 } from '../../src/domain/phone-number.js';
import { SnapshotCache } from '../../src/runtime/snapshot-cache.js';
import { insertNetwork } from '../../src/store/network-seeder.js';
import { createTestStore, DIALECTS, type TestStore } from '../stores.js';

const SUNRISE_MAIN = asE164('+16198675301');
const CALLER = asE164('+14158672200');

describe.each(DIALECTS)('a call through the application layer on %s', (dialect) => {
  let store: TestStore;
  let snapshots: SnapshotCache;
  let app: Application;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    snapshots = new SnapshotCache(store);
    app = createApplication(store, snapshots);
    await app.calls.start();
  });
  afterEach(async () => {
    app.calls.close();
    snapshots.close();
    await store.close();
  });

  const logged = () => store.db.selectFrom('call_log').selectAll().execute();

  it('C1 R4 R15 L5 routed to the workflow, answered by an agent, paused while the payment screen is open, hung up: logged once with its segments and reasons', async () => {
    const t0 = Date.now() - 60_000;
    const later = () => new Promise((resolve) => setTimeout(resolve, 20));
    const routed = await app.calls.route({ callId: 'c1', from: CALLER, to: SUNRISE_MAIN, at: t0, source: 'test' });
    expect(routed).toMatchObject({ networkId: 'summit', route: { kind: 'workflow', target: { kind: 'queue' } } });
    const session = app.calls.get('c1')!;
    session.answered(t0 + 2000, 'emp-ana');
    expect(session.answeredBy).toBe('emp-ana');
    expect(session.recordingWanted).toBe(true);
    const ana = (call: { answeredBy: string | null }) => call.answeredBy === 'emp-ana';
    expect(await app.calls.agentEvent('summit', 'c1', 'payment_opened', ana)).toMatchObject({
      plan: { moments: expect.arrayContaining([expect.objectContaining({ recording: 'paused' })]) },
    });
    expect(session.recordingWanted).toBe(false);
    expect(await app.calls.agentEvent('summit', 'c1', 'payment_closed', (call) => call.answeredBy === 'emp-ben')).toBeUndefined();
    await later();
    await app.calls.agentEvent('summit', 'c1', 'payment_closed', ana);
    await later();
    expect(session.recordingWanted).toBe(true);
    expect((await app.calls.liveCalls('summit')).map((c) => c.callId)).toEqual(['c1']);
    const ended = await app.calls.ended('c1', Date.now());
    expect(ended!.plan.segments.length).toBe(2);
    expect(await app.calls.liveCalls('summit')).toEqual([]);
    expect(await app.calls.ended('c1', Date.now())).toBeUndefined();
    const rows = await logged();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to_number: '+16198675301', from_number: '+14158672200', source: 'test', rule_set: 'contact_center' });
    expect(JSON.parse(rows[0]!.reasons).map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(['R4', 'R15']));
  });

  it('R14 a transfer to an external number is a forward, recorded from then on; a target the network does not know changes nothing', async () => {
    const t0 = Date.now() - 10_000;
    await app.calls.route({ callId: 'c2', from: CALLER, to: SUNRISE_MAIN, at: t0, source: 'test' });
    const session = app.calls.get('c2')!;
    expect(session.transferred(t0 + 3000, [{ kind: 'queue', id: 'q-nowhere' }]).applied).toBeNull();
    const { applied } = session.transferred(t0 + 4000, [{ kind: 'number', number: asE164('+18582041100') }]);
    expect(applied).toMatchObject({ type: 'forwarded', at: 4 });
    expect(session.recordingWanted).toBe(true);
    const ended = await app.calls.ended('c2', t0 + 9000);
    expect(ended!.plan.segments).toEqual([{ start: 4, end: 9 }]);
  });

  it("B9 a call the edge's failsafe routed is followed and logged as the call Switchboard would have made (Sunrise is not in continuity: its workflow), with why", async () => {
    const session = await app.calls.failsafe({
      callId: 'c3',
      from: CALLER,
      to: SUNRISE_MAIN,
      at: Date.now() - 5000,
      cause: 'switchboard_timeout',
      source: 'test',
    });
    expect(session?.route).toMatchObject({ kind: 'workflow', target: { kind: 'queue', queueId: 'q-service' } });
    await app.calls.ended('c3', Date.now());
    const [row] = await logged();
    expect(JSON.parse(row!.route!).reasons.find((r: { rule: string }) => r.rule === 'B9')?.text).toContain(
      'did not answer within the route timeout',
    );
  });

  it('C13 a call waiting to be answered keeps the network of the moment it connected: its plan, built only when first needed, is the plan of that moment', async () => {
    const t0 = Date.now() - 60_000;
    await app.calls.route({ callId: 'w1', from: CALLER, to: SUNRISE_MAIN, at: t0, source: 'test' });
    const waiting = app.calls.get('w1')!;
    // Nothing built yet: a waiting call holds its numbers and route.
    expect(waiting.state().events).toEqual([]);
    await app.commands.run(switchContinuity, 'summit', { kind: 'system', name: 'test' }, { tenantId: 'sunrise-plumbing', enabled: true });
    await app.calls.route({ callId: 'w2', from: CALLER, to: SUNRISE_MAIN, at: t0, source: 'test' });
    expect(app.calls.get('w2')!.plan().route).toMatchObject({ kind: 'continuity' });
    expect(waiting.plan().route).toMatchObject({ kind: 'workflow' });
    waiting.answered(t0 + 2000, 'emp-ana');
    expect(waiting.recordingWanted).toBe(true);
    await app.commands.run(switchContinuity, 'summit', { kind: 'system', name: 'test' }, { tenantId: 'sunrise-plumbing', enabled: false });
  });

  it('a number no network owns gets no route and opens no call', async () => {
    expect(
      await app.calls.route({ callId: 'c4', from: CALLER, to: asE164('+13128670000'), at: Date.now(), source: 'test' }),
    ).toBeUndefined();
    expect(app.calls.get('c4')).toBeUndefined();
  });
});
