import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideRoute } from '../../src/domain/decide-route.js';
import { asE164 } from '../../src/domain/phone-number.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';

describe.each(DIALECTS)('editing the directory on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  it('C1 a new tenant starts with continuity off and no destination; it gets a queue, an employee and a number that routes at once', async () => {
    const tenant = await api.as('admin', { method: 'POST', url: `${base}/tenants`, payload: { name: 'Lakeside Pools' } });
    expect(tenant.statusCode).toBe(201);
    const tenantId = tenant.json().id as string;
    const view = (await api.as('admin', { method: 'GET', url: `${base}/tenants/${tenantId}` })).json();
    expect(view).toMatchObject({
      name: 'Lakeside Pools',
      contactCenterActive: true,
      continuity: { enabled: false, defaultDestination: null },
    });
    const queue = (await api.as('admin', { method: 'POST', url: `${base}/queues`, payload: { name: 'Pools' } })).json();
    const employee = await api.as('admin', {
      method: 'POST',
      url: `${base}/employees`,
      payload: { name: 'Lee', contactCenterUser: true, directLine: '(619) 867-5799' },
    });
    expect(employee.statusCode).toBe(201);
    const number = await api.as('admin', {
      method: 'POST',
      url: `${base}/tracking-numbers`,
      payload: { tenantId, number: '(619) 867-5398', workflow: { kind: 'queue', queueId: queue.id } },
    });
    expect(number.statusCode).toBe(201);
    expect(decideRoute((await api.snapshots.get('summit'))!, { to: asE164('+16198675398') })).toMatchObject({
      kind: 'workflow',
      tenantId,
      target: { kind: 'queue', queueId: queue.id },
    });
    const actions = (await api.store.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['tenant.create', 'queue.create', 'employee.create', 'tracking_number.create']);
  });

  it('a number belongs to one place in the deployment: a duplicate tracking number or direct line is refused, naming where it is', async () => {
    const dup = await api.as('admin', {
      method: 'POST',
      url: `${base}/tracking-numbers`,
      payload: { tenantId: 'sunrise-plumbing', number: '858.867.5401', workflow: { kind: 'queue', queueId: 'q-service' } },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'number_in_use', field: 'number', value: '+18588675401' });
    expect(dup.json().error.message).toContain('tracking number of tenant "Coastal HVAC"');
    const foreign = await api.as('admin', {
      method: 'POST',
      url: `${base}/employees`,
      payload: { name: 'X', contactCenterUser: true, directLine: '+1 312 867 5701' },
    });
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json().error.message).toBe('directLine: +13128675701 is in use in this deployment.');
  });

  it('C6 keeps holding: a continuity number or forward target of any network cannot become a tracking number or a direct line', async () => {
    const fromOther = await api.as('otherAdmin', {
      method: 'POST',
      url: '/api/networks/other/tracking-numbers',
      payload: { tenantId: 'other-tenant', number: '(858) 204-1100', workflow: { kind: 'queue', queueId: 'q-other' } },
    });
    expect(fromOther.statusCode).toBe(409);
    expect(fromOther.json().error.message).toBe('number: +18582041100 is in use in this deployment; it must stay an external number.');
    const sameNetwork = await api.as('admin', {
      method: 'POST',
      url: `${base}/tracking-numbers`,
      payload: { tenantId: 'sunrise-plumbing', number: '(858) 204-1100', workflow: { kind: 'queue', queueId: 'q-service' } },
    });
    expect(sameNetwork.json().error.message).toContain('the default continuity number of tenant "Coastal HVAC"');
    const exception = await api.as('admin', {
      method: 'POST',
      url: `${base}/employees`,
      payload: { name: 'Z', contactCenterUser: true, directLine: '(858) 204-1199' },
    });
    expect(exception.json().error.message).toContain('the continuity number of +18588675403');
    const forward = await api.as('admin', {
      method: 'POST',
      url: `${base}/employees`,
      payload: { name: 'Z', contactCenterUser: true, directLine: '(760) 301-4000' },
    });
    expect(forward.json().error.message).toContain('the forward target of +17608675502');
  });

  it('a number or voice agent of a tenant the user cannot see is a 404, not a 403', async () => {
    expect(
      (
        await api.as('tenantAdmin', {
          method: 'PUT',
          url: `${base}/tracking-numbers/tn-coastal-main/workflow`,
          headers: { 'if-match': '"v1"' },
          payload: { workflow: { kind: 'queue', queueId: 'q-sales' } },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await api.as('tenantAdmin', { method: 'DELETE', url: `${base}/tracking-numbers/tn-coastal-main`, headers: { 'if-match': '"v1"' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await api.as('tenantAdmin', {
          method: 'PATCH',
          url: `${base}/tenants/coastal-hvac`,
          headers: { 'if-match': '"v1"' },
          payload: { name: 'X' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await api.as('tenantAdmin', {
          method: 'PATCH',
          url: `${base}/voice-agents/va-peak-1`,
          headers: { 'if-match': '"v1"' },
          payload: { enabled: false },
        })
      ).statusCode,
    ).toBe(404);
    // Visible but not theirs to change: a 403.
    expect(
      (
        await api.as('tenantAdmin', {
          method: 'PATCH',
          url: `${base}/tenants/sunrise-plumbing`,
          headers: { 'if-match': '"v1"' },
          payload: { name: 'X' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a workflow routes only to what exists: a voice agent of the same tenant, an external forward', async () => {
    const otherTenantsAgent = await api.as('admin', {
      method: 'POST',
      url: `${base}/tracking-numbers`,
      payload: { tenantId: 'coastal-hvac', number: '(858) 867-5498', workflow: { kind: 'voice_agent', voiceAgentId: 'va-sunrise-ava' } },
    });
    expect(otherTenantsAgent.statusCode).toBe(422);
    expect(otherTenantsAgent.json().error).toMatchObject({ field: 'workflow.voiceAgentId', value: 'va-sunrise-ava' });
    const ownNumber = await api.as('admin', {
      method: 'POST',
      url: `${base}/tracking-numbers`,
      payload: { tenantId: 'coastal-hvac', number: '(858) 867-5498', workflow: { kind: 'external_number', number: '(619) 867-5701' } },
    });
    expect(ownNumber.json().error).toMatchObject({ code: 'forward_not_external', field: 'workflow.number' });
    const exception = await api.as('admin', {
      method: 'POST',
      url: `${base}/tracking-numbers`,
      payload: {
        tenantId: 'coastal-hvac',
        number: '(858) 867-5498',
        workflow: { kind: 'queue', queueId: 'q-sales' },
        continuityNumber: '(858) 867-5498',
      },
    });
    expect(exception.json().error).toMatchObject({ code: 'continuity_destination_not_external', field: 'continuityNumber' });
    const moved = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tracking-numbers/tn-sunrise-main/workflow`,
      headers: { 'if-match': '"v1"' },
      payload: { workflow: { kind: 'employee', employeeId: 'emp-ana' } },
    });
    expect(moved.json()).toEqual({ id: 'tn-sunrise-main', version: 2 });
  });

  it('nothing a workflow still routes to can be deleted; C5 deleting the oldest voice agent hands continuity to the next', async () => {
    const queue = await api.as('admin', { method: 'DELETE', url: `${base}/queues/q-service`, headers: { 'if-match': '"v1"' } });
    expect(queue.statusCode).toBe(409);
    expect(queue.json().error).toMatchObject({
      code: 'in_use_by_workflow',
      trackingNumbers: ['+16198675301', '+17608675501', '+18588675401'],
    });
    expect(
      (await api.as('admin', { method: 'DELETE', url: `${base}/voice-agents/va-sunrise-bo`, headers: { 'if-match': '"v1"' } })).statusCode,
    ).toBe(409);
    expect(
      (await api.as('admin', { method: 'DELETE', url: `${base}/queues/q-dispatch`, headers: { 'if-match': '"v1"' } })).statusCode,
    ).toBe(204);
    await api.as('admin', { method: 'POST', url: `${base}/tenants/sunrise-plumbing/continuity/switch`, payload: { enabled: true } });
    expect(
      (await api.as('tenantAdmin', { method: 'DELETE', url: `${base}/voice-agents/va-sunrise-ava`, headers: { 'if-match': '"v1"' } }))
        .statusCode,
    ).toBe(204);
    expect(decideRoute((await api.snapshots.get('summit'))!, { to: asE164('+16198675301') })).toMatchObject({
      kind: 'continuity',
      destination: { voiceAgentId: 'va-sunrise-bo' },
    });
    const disabled = await api.as('tenantAdmin', {
      method: 'PATCH',
      url: `${base}/voice-agents/va-sunrise-bo`,
      headers: { 'if-match': '"v1"' },
      payload: { enabled: false },
    });
    expect(disabled.statusCode).toBe(200);
    expect(decideRoute((await api.snapshots.get('summit'))!, { to: asE164('+16198675301') })).toMatchObject({
      kind: 'workflow',
      continuityFallback: true,
    });
  });

  it('employees: a core-only user names the tenant whose core platform they use (L1a)', async () => {
    const missing = await api.as('admin', {
      method: 'POST',
      url: `${base}/employees`,
      payload: { name: 'Core User', contactCenterUser: false },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ field: 'homeTenantId' });
    const ok = await api.as('admin', {
      method: 'PUT',
      url: `${base}/employees/emp-dana`,
      headers: { 'if-match': '"v1"' },
      payload: { name: 'Dana Fox', contactCenterUser: false, homeTenantId: 'coastal-hvac', directLine: '(858) 867-5777' },
    });
    expect(ok.json()).toEqual({ id: 'emp-dana', version: 2 });
    expect((await api.snapshots.get('summit'))!.directLineOwner('+18588675777')?.id).toBe('emp-dana');
  });

  it("permissions: tenants, queues and employees are the network administrator's; a tenant's numbers and voice agents need phone_settings", async () => {
    expect((await api.as('tenantAdmin', { method: 'POST', url: `${base}/tenants`, payload: { name: 'X' } })).statusCode).toBe(403);
    expect((await api.as('recordingEditor', { method: 'POST', url: `${base}/queues`, payload: { name: 'X' } })).statusCode).toBe(403);
    expect(
      (
        await api.as('tenantAdmin', {
          method: 'POST',
          url: `${base}/tracking-numbers`,
          payload: { tenantId: 'coastal-hvac', number: '(858) 867-5498', workflow: { kind: 'queue', queueId: 'q-sales' } },
        })
      ).statusCode,
    ).toBe(403);
    const own = await api.as('phoneOnly', {
      method: 'POST',
      url: `${base}/tracking-numbers`,
      payload: { tenantId: 'sunrise-plumbing', number: '(619) 867-5397', workflow: { kind: 'queue', queueId: 'q-service' } },
    });
    expect(own.statusCode).toBe(201);
    expect(
      (await api.as('phoneOnly', { method: 'POST', url: `${base}/voice-agents`, payload: { tenantId: 'sunrise-plumbing', name: 'Cy' } }))
        .statusCode,
    ).toBe(201);
  });

  it('validation names the field; a stale version changes nothing', async () => {
    const bad = await api.as('admin', {
      method: 'POST',
      url: `${base}/tracking-numbers`,
      payload: { tenantId: 'sunrise-plumbing', number: 'seven', workflow: { kind: 'queue', queueId: 'q-service' } },
    });
    expect(bad.json().error).toMatchObject({ code: 'invalid_phone_number', field: 'number', value: 'seven' });
    const noName = await api.as('admin', { method: 'POST', url: `${base}/queues`, payload: { name: '' } });
    expect(noName.json().error).toMatchObject({ field: 'body.name' });
    expect(
      (
        await api.as('admin', {
          method: 'PATCH',
          url: `${base}/queues/q-sales`,
          headers: { 'if-match': '"v1"' },
          payload: { name: 'Sales East' },
        })
      ).statusCode,
    ).toBe(200);
    const stale = await api.as('admin', {
      method: 'PATCH',
      url: `${base}/queues/q-sales`,
      headers: { 'if-match': '"v1"' },
      payload: { name: 'Sales West' },
    });
    expect(stale.statusCode).toBe(412);
    const queues = (await api.as('admin', { method: 'GET', url: `${base}/queues` })).json().queues;
    expect(queues.find((q: { id: string }) => q.id === 'q-sales').name).toBe('Sales East');
    expect(
      (
        await api.as('admin', {
          method: 'PATCH',
          url: `${base}/tenants/harbor-roofing`,
          headers: { 'if-match': '"v1"' },
          payload: { contactCenterActive: true },
        })
      ).json(),
    ).toEqual({ id: 'harbor-roofing', version: 2 });
  });
});
