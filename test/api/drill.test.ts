import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type Persona, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const DRILL = `${base}/tenants/sunrise-plumbing/continuity/drill`;
const TESTER = '+14158672200';
const CUSTOMER = '+13128675309';

describe.each(DIALECTS)('B4 drill mode on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  const start = (persona: Persona, payload: object) => api.as(persona, { method: 'PUT', url: DRILL, payload });
  const routeOf = async (from: string) =>
    (
      await api.as('admin', {
        method: 'POST',
        url: `${base}/test-call`,
        payload: { call: { direction: 'inbound', from, to: '+16198675301' }, decide: 'route' },
      })
    ).json().route;

  it('B4 only the test caller’s call goes to the continuity destination, marked a drill; every other call follows the workflow; the status table and the tenant show it; ended, all calls follow the workflow', async () => {
    const started = await start('tenantAdmin', { callers: ['(415) 867-2200'], minutes: 30 });
    expect(started.statusCode).toBe(200);
    const { drill } = started.json();
    expect(drill.callers).toEqual([TESTER]);
    expect(Date.parse(drill.endsAt) - Date.now()).toBeGreaterThan(29 * 60_000);

    const tester = await routeOf(TESTER);
    expect(tester).toMatchObject({ kind: 'continuity', drill: true, destination: { kind: 'voice_agent' } });
    expect(tester.reasons[0].rule).toBe('B4');
    const customer = await routeOf(CUSTOMER);
    expect(customer).toMatchObject({ kind: 'workflow', continuityFallback: false });
    expect(customer.drill).toBeUndefined();

    const row = (await api.as('admin', { method: 'GET', url: `${base}/continuity` }))
      .json()
      .tenants.find((t: { tenantId: string }) => t.tenantId === 'sunrise-plumbing');
    expect(row).toMatchObject({ enabled: false, drill: { callers: [TESTER], endsAt: drill.endsAt } });
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` })).json().continuity.drill).toEqual(
      drill,
    );

    const audit = (await api.as('admin', { method: 'GET', url: `${base}/audit?tenantId=sunrise-plumbing` })).json().entries;
    expect(audit[0]).toMatchObject({
      action: 'continuity.drill_start',
      summary: 'tenantAdmin started a Call Continuity drill for Sunrise Plumbing',
    });

    expect((await api.as('tenantAdmin', { method: 'DELETE', url: DRILL })).statusCode).toBe(204);
    expect((await routeOf(TESTER)).kind).toBe('workflow');
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` })).json().continuity.drill).toBeNull();
  });

  it('B4 a drill ends by itself at its set time: the snapshot keeps it, the route does not follow it after', async () => {
    await start('admin', { callers: [TESTER], minutes: 5 });
    const snapshot = (await api.snapshots.get('summit'))!;
    const { decideRoute } = await import('../../src/domain/decide-route.js');
    const { asE164 } = await import('../../src/domain/phone-number.js');
    const call = { to: asE164('+16198675301'), from: asE164(TESTER) };
    expect(decideRoute(snapshot, { ...call, at: Date.now() + 4 * 60_000 }).kind).toBe('continuity');
    expect(decideRoute(snapshot, { ...call, at: Date.now() + 5 * 60_000 + 1000 }).kind).toBe('workflow');
  });

  it('B4 refused: without switch_continuity; while continuity is on; without a valid destination (C9); a bad number or duration names the field', async () => {
    expect((await start('editOnly', { callers: [TESTER], minutes: 30 })).statusCode).toBe(403);
    expect((await start('switchOnly', { callers: [TESTER], minutes: 30 })).statusCode).toBe(200);
    const on = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/coastal-hvac/continuity/drill`,
      payload: { callers: [TESTER], minutes: 30 },
    });
    expect(on.json().error).toMatchObject({ code: 'continuity_on', field: 'tenantId' });
    const peak = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/peak-electric/continuity/drill`,
      payload: { callers: [TESTER], minutes: 30 },
    });
    expect(peak.json().error.code).toBe('continuity_destination_missing');
    const bad = await start('admin', { callers: [TESTER, '555'], minutes: 30 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ field: 'callers.1', value: '555' });
    const long = await start('admin', { callers: [TESTER], minutes: 5000 });
    expect(long.json().error.field).toBe('body.minutes');
    expect(
      (await api.as('otherAdmin', { method: 'PUT', url: DRILL.replace('summit', 'other'), payload: { callers: [TESTER], minutes: 30 } }))
        .statusCode,
    ).toBe(404);
  });
});
