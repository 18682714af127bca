import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueSchedules } from '../../src/app/schedule-runner.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const MIN = 60_000;
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * MIN).toISOString();

describe.each(DIALECTS)('B1 scheduled and self-expiring continuity on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  const enabled = async (tenantId: string) =>
    (await api.as('admin', { method: 'GET', url: `${base}/tenants/${tenantId}` })).json().continuity.enabled as boolean;
  const schedule = (persona: 'admin' | 'tenantAdmin' | 'phoneOnly', payload: object) =>
    api.as(persona, { method: 'POST', url: `${base}/continuity/schedules`, payload });

  it('B1 a tenant switched on at a time and off at a time ("valid until"): each runs once, when due, audited with who set it and how late it ran', async () => {
    const made = await schedule('tenantAdmin', { tenantId: 'sunrise-plumbing', onAt: inMinutes(10), offAt: inMinutes(70) });
    expect(made.statusCode).toBe(201);
    const [on, off] = made.json().schedules;
    expect(on).toMatchObject({ tenantId: 'sunrise-plumbing', enabled: true, requestedBy: 'tenantAdmin', version: 1 });
    expect(off).toMatchObject({ enabled: false });
    const listed = (await api.as('tenantAdmin', { method: 'GET', url: `${base}/continuity/schedules` })).json().schedules;
    expect(listed.map((s: { id: string }) => s.id)).toEqual([on.id, off.id]);

    // Not yet due: nothing happens.
    expect(await runDueSchedules(api.application, new Date(Date.now() + 5 * MIN))).toEqual({ ran: [], failed: [] });
    expect(await enabled('sunrise-plumbing')).toBe(false);
    // Due (and run 30 s late): on, once; a second look does nothing.
    const first = await runDueSchedules(api.application, new Date(Date.parse(on.runAt) + 30_000));
    expect(first).toEqual({ ran: [on.id], failed: [] });
    expect(await enabled('sunrise-plumbing')).toBe(true);
    expect(await runDueSchedules(api.application, new Date(Date.parse(on.runAt) + 40_000))).toEqual({ ran: [], failed: [] });
    // The next call is decided by it at once (C13): the snapshot holds it.
    expect((await api.snapshots.get('summit'))!.tenant('sunrise-plumbing')!.continuity.enabled).toBe(true);
    // "Valid until": off by itself.
    expect(await runDueSchedules(api.application, new Date(Date.parse(off.runAt)))).toEqual({ ran: [off.id], failed: [] });
    expect(await enabled('sunrise-plumbing')).toBe(false);
    expect((await api.as('admin', { method: 'GET', url: `${base}/continuity/schedules` })).json().schedules).toEqual([]);

    const audit = (await api.as('admin', { method: 'GET', url: `${base}/audit?tenantId=sunrise-plumbing` })).json().entries;
    expect(audit.map((e: { action: string; source: string; actor: { name: string } }) => [e.action, e.source, e.actor.name])).toEqual([
      ['continuity.switch_off', 'schedule', 'tenantAdmin'],
      ['continuity.switch_on', 'schedule', 'tenantAdmin'],
      ['continuity.schedule', 'api', 'tenantAdmin'],
    ]);
    expect(audit[2].summary).toBe('tenantAdmin scheduled Call Continuity for Sunrise Plumbing');
    expect(audit[1].after).toMatchObject({ enabled: true, scheduledFor: on.runAt, lateSeconds: 30, scheduledBy: 'tenantAdmin' });
  });

  it('B1 a schedule missed while every node was down runs at start, with its lateness; two runners at once apply it once', async () => {
    const made = await schedule('admin', { tenantId: 'harbor-roofing', onAt: inMinutes(1) });
    const [on] = made.json().schedules;
    const later = new Date(Date.parse(on.runAt) + 3 * 3600_000);
    const runs = await Promise.all([runDueSchedules(api.application, later), runDueSchedules(api.application, later)]);
    expect(runs.flatMap((r) => r.ran)).toEqual([on.id]);
    expect(await enabled('harbor-roofing')).toBe(true);
    const switched = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=continuity.switch_on` })).json().entries;
    expect(switched).toHaveLength(1);
    expect(switched[0].after).toMatchObject({ lateSeconds: 3 * 3600 });
  });

  it('B1 Turn On For All at a time leaves unsafe tenants off (C11), as the button does', async () => {
    const [on] = (await schedule('admin', { tenantId: null, onAt: inMinutes(5) })).json().schedules;
    expect(on).toMatchObject({ tenantId: null, enabled: true });
    expect((await runDueSchedules(api.application, new Date(Date.parse(on.runAt)))).ran).toEqual([on.id]);
    expect(await enabled('sunrise-plumbing')).toBe(true);
    expect(await enabled('peak-electric')).toBe(false);
  });

  it('B1 a schedule is moved or cancelled (If-Match: its version); a cancelled one never runs', async () => {
    const [on] = (await schedule('admin', { tenantId: 'sunrise-plumbing', onAt: inMinutes(10) })).json().schedules;
    const url = `${base}/continuity/schedules/${on.id}`;
    const moved = await api.as('admin', { method: 'PATCH', url, headers: { 'if-match': '"v1"' }, payload: { runAt: inMinutes(120) } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ version: 2 });
    expect(Date.parse(moved.json().runAt)).toBeGreaterThan(Date.now() + 100 * MIN);
    const stale = await api.as('admin', { method: 'DELETE', url, headers: { 'if-match': '"v1"' } });
    expect(stale.statusCode).toBe(412);
    expect((await runDueSchedules(api.application, new Date(Date.now() + 30 * MIN))).ran).toEqual([]);
    expect((await api.as('admin', { method: 'DELETE', url, headers: { 'if-match': '"v2"' } })).statusCode).toBe(204);
    expect((await runDueSchedules(api.application, new Date(Date.now() + 200 * MIN))).ran).toEqual([]);
    expect(await enabled('sunrise-plumbing')).toBe(false);
    expect((await api.as('admin', { method: 'DELETE', url, headers: { 'if-match': '"v3"' } })).statusCode).toBe(404);
    const actions = (await api.as('admin', { method: 'GET', url: `${base}/audit` }))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 3)).toEqual(['continuity.schedule_cancel', 'continuity.schedule_change', 'continuity.schedule']);
  });

  it('B1 times in the past, an off before the on, or nothing at all are refused naming the field; the switch permission is needed', async () => {
    const past = await schedule('admin', { tenantId: 'sunrise-plumbing', onAt: inMinutes(-10) });
    expect(past.statusCode).toBe(422);
    expect(past.json().error).toMatchObject({ field: 'onAt' });
    expect(past.json().error.message).toContain('is in the past');
    const backwards = await schedule('admin', { tenantId: 'sunrise-plumbing', onAt: inMinutes(20), offAt: inMinutes(10) });
    expect(backwards.json().error).toMatchObject({ field: 'offAt' });
    expect((await schedule('admin', { tenantId: 'sunrise-plumbing' })).json().error).toMatchObject({ field: 'onAt' });
    expect((await schedule('admin', { tenantId: 'sunrise-plumbing', onAt: 'tomorrow' })).statusCode).toBe(422);
    // The switch's permission: phone settings alone may not; another tenant's is not theirs; For All is the network's.
    expect((await schedule('phoneOnly', { tenantId: 'sunrise-plumbing', onAt: inMinutes(10) })).statusCode).toBe(403);
    expect((await schedule('tenantAdmin', { tenantId: 'coastal-hvac', onAt: inMinutes(10) })).statusCode).toBe(403);
    expect((await schedule('tenantAdmin', { tenantId: null, onAt: inMinutes(10) })).statusCode).toBe(403);
    expect((await api.as('otherAdmin', { method: 'GET', url: `${base}/continuity/schedules` })).statusCode).toBe(404);
    expect((await api.as('admin', { method: 'GET', url: `${base}/continuity/schedules` })).json().schedules).toEqual([]);
  });

  it("B1 a tenant's time zone (its schedules are set and shown in it): shown, changed with its details, refused when not a zone", async () => {
    const tenant = await api.as('admin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` });
    expect(tenant.json().timeZone).toBe('America/Los_Angeles');
    const url = `${base}/tenants/sunrise-plumbing`;
    const bad = await api.as('admin', { method: 'PATCH', url, headers: { 'if-match': '"v1"' }, payload: { timeZone: 'Pacific' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ field: 'timeZone', value: 'Pacific' });
    const good = await api.as('admin', {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"v1"' },
      payload: { timeZone: 'America/New_York' },
    });
    expect(good.statusCode).toBe(200);
    expect((await api.as('admin', { method: 'GET', url })).json().timeZone).toBe('America/New_York');
    const status = (await api.as('admin', { method: 'GET', url: `${base}/continuity` })).json();
    expect(status.tenants.find((t: { tenantId: string }) => t.tenantId === 'sunrise-plumbing').timeZone).toBe('America/New_York');
  });

  it('B1 a schedule whose switch is refused when it runs (C9) is marked failed with why, audited, and not tried again', async () => {
    const [on] = (await schedule('admin', { tenantId: 'peak-electric', onAt: inMinutes(5) })).json().schedules;
    const run = await runDueSchedules(api.application, new Date(Date.parse(on.runAt)));
    expect(run).toEqual({ ran: [], failed: [on.id] });
    expect(await enabled('peak-electric')).toBe(false);
    expect((await runDueSchedules(api.application, new Date(Date.parse(on.runAt) + MIN))).failed).toEqual([]);
    const [failed] = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=continuity.schedule_failed` })).json().entries;
    expect(failed.summary).toBe('A scheduled Call Continuity switch for Peak Electric could not run');
    expect(failed.after.failed).toContain('destination');
  });
});
