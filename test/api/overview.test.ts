import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_NETWORK } from '../../src/app/demo/demo-network.js';
import { bucketTraffic } from '../../src/app/queries/overview.queries.js';
import type { Call, CallEvent } from '../../src/domain/call.js';
import { RecordingSession } from '../../src/domain/decide-recording.js';
import { failsafeRoute } from '../../src/domain/decide-route.js';
import { asE164 } from '../../src/domain/phone-number.js';
import { NetworkSnapshot } from '../../src/domain/snapshot.js';
import { logCall, newCallLogId } from '../../src/store/call-log.repository.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const answered: CallEvent[] = [
  { type: 'connected', at: 0 },
  { type: 'answered', at: 5, employeeId: 'emp-ana' },
];

describe('issue 15 the overview counts calls into 5-minute buckets', () => {
  it('aligns buckets to 5 minutes, keeps empty ones, and counts a failsafe call as the failsafe’s whatever its route', () => {
    const from = Date.parse('2026-12-07T10:02:00Z');
    const to = Date.parse('2026-12-07T10:21:00Z');
    const row = (at: string, routeKind: string, flags: Partial<{ failsafe: boolean; recorded: boolean; paused: boolean }> = {}) => ({
      startedAt: at,
      tenantId: 't',
      routeKind,
      failsafe: false,
      recorded: false,
      paused: false,
      ...flags,
    });
    const buckets = bucketTraffic(
      [
        row('2026-12-07T10:00:00.000Z', 'workflow', { recorded: true }),
        row('2026-12-07T10:04:59.999Z', 'continuity', { recorded: true, paused: true }),
        row('2026-12-07T10:15:00.000Z', 'continuity', { failsafe: true }),
        row('2026-12-07T09:59:59.999Z', 'workflow'),
      ],
      from,
      to,
    );
    expect(buckets.map((b) => b.at)).toEqual([
      '2026-12-07T10:00:00.000Z',
      '2026-12-07T10:05:00.000Z',
      '2026-12-07T10:10:00.000Z',
      '2026-12-07T10:15:00.000Z',
      '2026-12-07T10:20:00.000Z',
    ]);
    expect(buckets[0]).toMatchObject({ workflow: 1, continuity: 1, failsafe: 0, recorded: 2, paused: 1 });
    expect(buckets[1]).toMatchObject({ workflow: 0, continuity: 0, failsafe: 0 });
    expect(buckets[3]).toMatchObject({ workflow: 0, continuity: 0, failsafe: 1 });
  });
});

describe.each(DIALECTS)('issue 15 the network overview over the API on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  async function log(call: Call, events: CallEvent[], minutesAgo: number, failsafe = false) {
    const snapshot = NetworkSnapshot.build(DEMO_NETWORK);
    const to = call.direction === 'inbound' ? call.to : undefined;
    const session = new RecordingSession(
      snapshot,
      call,
      failsafe && to !== undefined ? failsafeRoute(snapshot, to, 'switchboard_timeout') : undefined,
    );
    for (const event of events) session.apply(event);
    await logCall(api.store.db, {
      id: newCallLogId(),
      callId: `c-${Math.random()}`,
      networkId: 'summit',
      startedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      direction: call.direction,
      from: call.direction === 'inbound' ? call.from : null,
      to: to ?? null,
      plan: session.apply({ type: 'hangup', at: 60 }),
      source: 'test',
    });
  }
  const inbound = (to: string): Call => ({ direction: 'inbound', from: asE164('+14155550100'), to: asE164(to) });

  it('L5 B9 calls per 5 minutes by where they went, recordings made and paused, and the switches of the window, for the network or one tenant', async () => {
    // Sunrise Plumbing: a queue call, recorded and paused for a payment.
    await log(inbound('+16198675301'), [...answered, { type: 'payment_opened', at: 20 }, { type: 'payment_closed', at: 40 }], 30);
    // Coastal HVAC is in continuity (demo): its call goes to the continuity destination, recorded (L1); another is the failsafe's.
    await log(inbound('+18588675401'), [{ type: 'connected', at: 0 }], 12);
    await log(inbound('+18588675402'), [{ type: 'connected', at: 0 }], 11, true);
    // A call older than the window is not counted.
    await log(inbound('+16198675301'), answered, 25 * 60);
    const switched = await api.as('admin', {
      method: 'POST',
      url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
      payload: { enabled: true },
    });
    expect(switched.statusCode).toBe(200);

    const all = (await api.as('admin', { method: 'GET', url: `${base}/overview` })).json();
    expect(all.bucketMinutes).toBe(5);
    expect(all.buckets.length).toBeGreaterThanOrEqual(288);
    expect(all.totals).toEqual({ workflow: 1, continuity: 1, failsafe: 1, recorded: 3, paused: 1 });
    expect(all.switches).toEqual([
      expect.objectContaining({ enabled: true, actor: 'admin', tenantIds: ['sunrise-plumbing'], forAll: false }),
    ]);

    const sunrise = (await api.as('tenantAdmin', { method: 'GET', url: `${base}/overview?hours=1` })).json();
    expect(sunrise.totals).toEqual({ workflow: 1, continuity: 0, failsafe: 0, recorded: 1, paused: 1 });
    expect(sunrise.buckets.length).toBeGreaterThanOrEqual(12);
    const coastal = (await api.as('admin', { method: 'GET', url: `${base}/overview?tenantId=coastal-hvac` })).json();
    expect(coastal.totals).toMatchObject({ workflow: 0, continuity: 1, failsafe: 1 });
    expect(coastal.switches).toEqual([]);
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/overview?tenantId=coastal-hvac` })).statusCode).toBe(404);
    expect((await api.as('otherAdmin', { method: 'GET', url: `${base}/overview` })).statusCode).toBe(404);
    expect((await api.as('admin', { method: 'GET', url: `${base}/overview?hours=48` })).json().error).toMatchObject({
      field: 'querystring.hours',
      value: 48,
    });
  });
});
