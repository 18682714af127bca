import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, type Persona } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const ON_FOR_ALL = { command: 'continuity.turn_on_for_all', input: { includeTenantIds: [] } };
const switchSunrise = (enabled: boolean) => ({ command: 'continuity.switch', input: { tenantId: 'sunrise-plumbing', enabled } });

describe.each(DIALECTS)('B5 a second approver on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  const setPolicy = (mode: string, expiryMinutes = 60, persona: Persona = 'admin') =>
    api.as(persona, { method: 'PUT', url: `${base}/continuity/approval-policy`, payload: { mode, expiryMinutes } });
  const ask = (persona: Persona, body: object) =>
    api.as(persona, { method: 'POST', url: `${base}/continuity/approvals`, payload: { switch: body } });
  const decide = (persona: Persona, id: string, what: 'approve' | 'refuse' | 'withdraw', version: number, payload?: object) =>
    api.as(persona, {
      method: 'POST',
      url: `${base}/continuity/approvals/${id}/${what}`,
      headers: { 'if-match': `"${version}"` },
      ...(payload === undefined ? {} : { payload }),
    });
  const status = async () =>
    Object.fromEntries(
      (await api.as('admin', { method: 'GET', url: `${base}/continuity` }))
        .json()
        .tenants.map((t: { tenantId: string; enabled: boolean }) => [t.tenantId, t.enabled]),
    );
  const auditActions = async () =>
    (await api.as('admin', { method: 'GET', url: `${base}/audit` })).json().entries.map((e: { action: string }) => e.action);

  it('B5 Turn On For All needs a second administrator: asked with the preview, approved by another, applied as asked and audited with both names', async () => {
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/continuity/approval-policy` })).json()).toEqual({
      mode: 'none',
      expiryMinutes: 60,
    });
    // Only a network administrator sets the policy; it is audited.
    expect((await setPolicy('turn_on_for_all', 60, 'tenantAdmin')).statusCode).toBe(403);
    expect((await setPolicy('turn_on_for_all', 30)).json()).toEqual({ mode: 'turn_on_for_all', expiryMinutes: 30 });

    // The switch itself is refused, saying why and what to do.
    const direct = await api.as('admin', { method: 'POST', url: `${base}/continuity/turn-on-for-all`, payload: { includeTenantIds: [] } });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().error).toMatchObject({ code: 'approval_required', field: 'command' });
    expect(direct.json().error.message).toContain("second administrator's approval");
    // A single tenant's switch is not gated by this policy.
    expect(
      (
        await api.as('tenantAdmin', {
          method: 'POST',
          url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
          payload: { enabled: false },
        })
      ).statusCode,
    ).toBe(200);

    const before = await status();
    const preview = (await api.as('admin', { method: 'GET', url: `${base}/continuity/turn-on-for-all` })).json();
    const asked = await ask('admin', ON_FOR_ALL);
    expect(asked.statusCode).toBe(201);
    const request = asked.json();
    expect(request).toMatchObject({ status: 'pending', requestedBy: 'admin', yours: true, tenantId: null, version: 1 });
    expect(Date.parse(request.expiresAt) - Date.parse(request.requestedAt)).toBe(30 * 60_000);
    // The same preview as Turn On For All's: who switches on, who is left off.
    expect(request.preview.switchOn.map((t: { tenantId: string }) => t.tenantId)).toEqual(
      preview.willSwitchOn.map((t: { tenantId: string }) => t.tenantId),
    );
    expect(request.preview.leftOff.map((t: { tenantId: string }) => t.tenantId)).toEqual(
      preview.unsafe.map((t: { tenantId: string }) => t.tenantId),
    );
    expect(request.summary).toMatch(/^Turn On For All: \d+ tenants? switched on/);
    // Nothing changed yet.
    expect(await status()).toEqual(before);

    // The other administrator sees it (not as theirs) and approves it.
    const listed = (await api.as('secondAdmin', { method: 'GET', url: `${base}/continuity/approvals` })).json().approvals;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: request.id, yours: false });
    const approved = await decide('secondAdmin', request.id, 'approve', 1);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'secondAdmin' });
    const after = await status();
    for (const t of request.preview.switchOn) expect(after[t.tenantId]).toBe(true);
    for (const t of request.preview.leftOff) expect(after[t.tenantId]).toBe(false);
    // The next call is decided by it (C13).
    expect((await api.snapshots.get('summit'))!.tenant(request.preview.switchOn[0].tenantId)!.continuity.enabled).toBe(true);

    const entries = (await api.as('admin', { method: 'GET', url: `${base}/audit` })).json().entries;
    const on = entries.find((e: { action: string }) => e.action === 'continuity.turn_on_for_all');
    expect(on.actor.name).toBe('secondAdmin');
    expect(on.after).toMatchObject({ approvalId: request.id, requestedBy: 'admin', approvedBy: 'secondAdmin' });
    // C15 in words: whose request, who approved.
    expect(on.summary).toMatch(/^secondAdmin turned Call Continuity on for all tenants \(.*\) \(asked by admin, approved\)$/);
    const requestEntry = entries.find((e: { action: string }) => e.action === 'continuity.approval_request');
    expect(requestEntry.summary).toBe('admin asked for approval to Turn On For All');
    expect(entries.map((e: { action: string }) => e.action)).toContain('continuity.approval_request');
    expect(entries.map((e: { action: string }) => e.action)).toContain('continuity.approval_policy');
    // Closed: a second approval changes nothing.
    expect((await decide('admin', request.id, 'approve', 2)).json().error.code).toBe('approval_closed');
  });

  it('B5 approving your own request is refused; you may withdraw it; another refuses it with a reason', async () => {
    await setPolicy('turn_on_for_all');
    const before = await status();
    const request = (await ask('admin', ON_FOR_ALL)).json();
    const own = await decide('admin', request.id, 'approve', 1);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('approve your own request');
    expect((await decide('secondAdmin', request.id, 'withdraw', 1)).json().error).toMatchObject({ field: 'decision' });
    expect((await decide('admin', request.id, 'refuse', 1)).json().error).toMatchObject({ field: 'decision' });
    const withdrawn = await decide('admin', request.id, 'withdraw', 1);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', decidedBy: 'admin' });

    const again = (await ask('admin', ON_FOR_ALL)).json();
    const refused = await decide('secondAdmin', again.id, 'refuse', 1, { reason: 'the outage is over' });
    expect(refused.json()).toMatchObject({ status: 'refused', decidedBy: 'secondAdmin', reason: 'the outage is over' });
    const refusal = (await api.as('admin', { method: 'GET', url: `${base}/audit` })).json().entries[0];
    expect(refusal.summary).toBe("secondAdmin refused admin's request to Turn On For All");
    expect(await status()).toEqual(before);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['continuity.approval_withdraw', 'continuity.approval_refuse', 'continuity.approval_request']),
    );
  });

  it('B5 a request expires after the set time: approving it then is refused and changes nothing', async () => {
    await setPolicy('turn_on_for_all', 5);
    const before = await status();
    const request = (await ask('admin', ON_FOR_ALL)).json();
    // The clock moves past its expiry (the API reads the time when asked: shown as expired, refused).
    const { approveRequest } = await import('../../src/app/approvals.js');
    await expect(
      approveRequest(
        api.application,
        'summit',
        { kind: 'system', name: 'command line' },
        {
          approvalId: request.id,
          tenantId: null,
          expectedVersion: 1,
          decidedAt: new Date(Date.parse(request.expiresAt) + 1000).toISOString(),
        },
      ),
    ).rejects.toMatchObject({ status: 409, code: 'approval_expired', field: 'expiresAt' });
    expect(await status()).toEqual(before);
    const { networkApprovals } = await import('../../src/app/queries/continuity.queries.js');
    expect((await networkApprovals(api.application, 'summit'))[0]!.status).toBe('pending');
  });

  it('B5 a request whose basis changed since it was asked (a tenant switched) is refused as stale, closed, and nothing is switched', async () => {
    await setPolicy('turn_on_for_all');
    const request = (await ask('admin', ON_FOR_ALL)).json();
    const target = request.preview.switchOn[0].tenantId as string;
    // Someone switches one of the tenants on by itself meanwhile.
    expect(
      (await api.as('admin', { method: 'POST', url: `${base}/tenants/${target}/continuity/switch`, payload: { enabled: true } }))
        .statusCode,
    ).toBe(200);
    const before = await status();
    const stale = await decide('secondAdmin', request.id, 'approve', 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('approval_stale');
    expect(stale.json().error.message).toContain('Ask again');
    expect(await status()).toEqual(before);
    const listed = (await api.as('admin', { method: 'GET', url: `${base}/continuity/approvals` })).json().approvals;
    expect(listed[0]).toMatchObject({ id: request.id, status: 'stale' });
    const closed = (await api.as('admin', { method: 'GET', url: `${base}/audit` })).json().entries[0];
    expect(closed).toMatchObject({ action: 'continuity.approval_stale' });
    expect(closed.summary).toBe("admin's request to Turn On For All was closed: what it depended on had changed");
  });

  it('B5 every switch: a tenant administrator asks, another person allowed to switch that tenant approves; one who may not switch it cannot approve or see it', async () => {
    await setPolicy('every_switch');
    const direct = await api.as('tenantAdmin', {
      method: 'POST',
      url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
      payload: { enabled: true },
    });
    expect(direct.json().error.code).toBe('approval_required');
    // A schedule would go around it: refused too.
    const scheduled = await api.as('tenantAdmin', {
      method: 'POST',
      url: `${base}/continuity/schedules`,
      payload: { tenantId: 'sunrise-plumbing', onAt: new Date(Date.now() + 3600_000).toISOString() },
    });
    expect(scheduled.json().error).toMatchObject({ code: 'approval_required', field: 'onAt' });
    // Asking needs the permission to make the switch.
    expect((await ask('editOnly', switchSunrise(true))).statusCode).toBe(403);
    const request = (await ask('tenantAdmin', switchSunrise(true))).json();
    expect(request.summary).toBe('Switch Call Continuity on for Sunrise Plumbing');
    // Nobody without a say on the tenant sees it; another network does not even find it.
    expect((await api.as('agent', { method: 'GET', url: `${base}/continuity/approvals` })).json().approvals).toEqual([]);
    expect((await api.as('otherAdmin', { method: 'GET', url: `/api/networks/other/continuity/approvals` })).json().approvals).toEqual([]);
    expect((await decide('otherAdmin', request.id, 'approve', 1)).statusCode).toBe(404);
    expect((await decide('editOnly', request.id, 'approve', 1)).statusCode).toBe(403);
    const approved = await decide('switchOnly', request.id, 'approve', 1);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'switchOnly' });
    expect((await status())['sunrise-plumbing']).toBe(true);
    // A switch that would change nothing is not asked.
    expect((await ask('tenantAdmin', switchSunrise(true))).json().error.code).toBe('nothing_to_change');
    // Under "none" no request is taken.
    await setPolicy('none');
    expect((await ask('tenantAdmin', switchSunrise(false))).json().error.code).toBe('approval_not_needed');
  });

  it('B5 two approvers at once: the switch is made once, the other is told it was decided', async () => {
    await setPolicy('turn_on_for_all');
    const request = (await ask('admin', ON_FOR_ALL)).json();
    const { approveRequest } = await import('../../src/app/approvals.js');
    const [api1, cli] = await Promise.allSettled([
      decide('secondAdmin', request.id, 'approve', 1),
      approveRequest(
        api.application,
        'summit',
        { kind: 'system', name: 'command line' },
        {
          approvalId: request.id,
          tenantId: null,
          expectedVersion: 1,
          decidedAt: new Date().toISOString(),
        },
      ),
    ]);
    const viaApi = api1.status === 'fulfilled' && api1.value.statusCode === 200;
    const viaCli = cli.status === 'fulfilled';
    expect([viaApi, viaCli].filter(Boolean)).toHaveLength(1);
    if (!viaApi) expect([409, 412]).toContain(api1.status === 'fulfilled' ? api1.value.statusCode : 0);
    if (!viaCli) expect(cli.status === 'rejected' && [409, 412].includes((cli.reason as { status: number }).status)).toBe(true);
    expect((await auditActions()).filter((a: string) => a === 'continuity.turn_on_for_all')).toHaveLength(1);
  });

  it('B5 bad input names the field: an unknown mode, an expiry out of range, an unknown command', async () => {
    const mode = await setPolicy('sometimes');
    expect(mode.statusCode).toBe(422);
    expect(mode.json().error).toMatchObject({ field: 'body.mode', value: 'sometimes' });
    const expiry = await setPolicy('every_switch', 2);
    expect(expiry.statusCode).toBe(422);
    expect(expiry.json().error).toMatchObject({ field: 'body.expiryMinutes', value: 2 });
    const unknown = await ask('admin', { command: 'continuity.delete_everything', input: {} });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.field).toMatch(/^body\.switch/);
  });
});
