import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_NETWORK } from '../../src/app/demo/demo-network.js';
import { decideRecording } from '../../src/domain/decide-recording.js';
import { readCall, readEvents } from '../../src/domain/scenario.js';
import { NetworkSnapshot } from '../../src/domain/snapshot.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';

describe.each(DIALECTS)('tenants, recording defaults and test calls on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  it('lists the tenants a user can see, with abilities', async () => {
    const all = (await api.as('admin', { method: 'GET', url: `${base}/tenants` })).json();
    expect(all.tenants.map((t: { id: string }) => t.id)).toEqual(['coastal-hvac', 'harbor-roofing', 'peak-electric', 'sunrise-plumbing']);
    const mine = (await api.as('tenantAdmin', { method: 'GET', url: `${base}/tenants` })).json();
    expect(mine.tenants).toMatchObject([{ id: 'sunrise-plumbing', abilities: { manageContinuity: true, editCoreRecording: true } }]);
    expect((await api.as('agent', { method: 'GET', url: `${base}/tenants` })).json().tenants).toEqual([]);
  });

  it('L3 the core recording settings carry the sync warning until both directions are automatic', async () => {
    const coastal = await api.as('admin', { method: 'GET', url: `${base}/tenants/coastal-hvac` });
    expect(coastal.json().coreRecording).toMatchObject({ inbound: 'automatic', outbound: 'on_demand', syncsToCore: false });
    expect(coastal.json().coreRecording.warning).toContain("sync into this tenant's core call records only when");
    const fixed = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/coastal-hvac/core-recording`,
      headers: { 'if-match': coastal.headers.etag as string },
      payload: { inbound: 'automatic', outbound: 'automatic' },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().coreRecording).toEqual({ inbound: 'automatic', outbound: 'automatic', syncsToCore: true, warning: null });
    const [audit] = await api.store.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toMatchObject({ action: 'tenant.core_recording', before: '{"inbound":"automatic","outbound":"on_demand"}' });
  });

  it('L2 core recording: 403 without phone_settings, 422 naming the field, 404 for another network', async () => {
    const etag = (await api.as('admin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` })).headers.etag as string;
    expect(
      (
        await api.as('agent', {
          method: 'PUT',
          url: `${base}/tenants/sunrise-plumbing/core-recording`,
          headers: { 'if-match': etag },
          payload: { inbound: 'never', outbound: 'never' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await api.as('recordingEditor', {
          method: 'PUT',
          url: `${base}/tenants/sunrise-plumbing/core-recording`,
          headers: { 'if-match': etag },
          payload: { inbound: 'never', outbound: 'never' },
        })
      ).statusCode,
    ).toBe(404);
    const bad = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/sunrise-plumbing/core-recording`,
      headers: { 'if-match': etag },
      payload: { inbound: 'sometimes', outbound: 'never' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ field: 'body.inbound', value: 'sometimes' });
    expect(
      (
        await api.as('otherAdmin', {
          method: 'PUT',
          url: `${base}/tenants/sunrise-plumbing/core-recording`,
          headers: { 'if-match': etag },
          payload: { inbound: 'never', outbound: 'never' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('R1-R9 recording defaults: every user reads them; R14 is shown read-only', async () => {
    const response = await api.as('agent', { method: 'GET', url: `${base}/recording-defaults` });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"v1"');
    expect(response.json()).toMatchObject({
      trigger: 'on_call_answered',
      queue: { mode: 'automatic', announcement: 'prompt_agent' },
      forward: { alwaysRecorded: true, editable: false },
      abilities: { edit: false },
    });
  });

  it('R17 changing recording defaults needs edit_call_recording_settings; the change is versioned and audited', async () => {
    const current = (await api.as('recordingEditor', { method: 'GET', url: `${base}/recording-defaults` })).json();
    const { forward: _f, version: _v, abilities: _a, ...body } = current;
    const next = { ...body, trigger: 'on_call_connected', connectedMode: 'always' };
    expect(
      (await api.as('tenantAdmin', { method: 'PUT', url: `${base}/recording-defaults`, headers: { 'if-match': '"v1"' }, payload: next }))
        .statusCode,
    ).toBe(403);
    const ok = await api.as('recordingEditor', {
      method: 'PUT',
      url: `${base}/recording-defaults`,
      headers: { 'if-match': '"v1"' },
      payload: next,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ trigger: 'on_call_connected', connectedMode: 'always', version: 2 });
    const stale = await api.as('admin', {
      method: 'PUT',
      url: `${base}/recording-defaults`,
      headers: { 'if-match': '"v1"' },
      payload: body,
    });
    expect(stale.statusCode).toBe(412);
    const invalid = await api.as('admin', {
      method: 'PUT',
      url: `${base}/recording-defaults`,
      headers: { 'if-match': '"v2"' },
      payload: { ...body, queue: { mode: 'loud', announcement: 'none' } },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error).toMatchObject({ field: 'body.queue.mode', value: 'loud' });
    expect((await api.store.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action)).toEqual([
      'recording_defaults.update',
    ]);
    expect(
      (await api.as('otherAdmin', { method: 'PUT', url: `${base}/recording-defaults`, headers: { 'if-match': '"v2"' }, payload: body }))
        .statusCode,
    ).toBe(404);
  });

  it('C16 a test call on stored settings equals the decision core on the same settings', async () => {
    const call = { direction: 'inbound', from: '(212) 867-4000', to: '(619) 867-5301' };
    const events = [
      { type: 'connected', at: 0 },
      { type: 'answered', at: 5, employeeId: 'emp-ana' },
      { type: 'agent_start', at: 9 },
      { type: 'hangup', at: 40 },
    ];
    const response = await api.as('tenantAdmin', { method: 'POST', url: `${base}/test-call`, payload: { call, events } });
    expect(response.statusCode).toBe(200);
    const expected = decideRecording(NetworkSnapshot.build(DEMO_NETWORK), readCall(call), readEvents(events));
    expect(response.json().plan).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(response.json().network).toEqual({ id: 'summit', name: 'Summit Home Services', version: 1 });
  });

  it('C16 a test call sees a change the moment the API has answered it', async () => {
    await api.as('admin', { method: 'POST', url: `${base}/tenants/sunrise-plumbing/continuity/switch`, payload: { enabled: true } });
    const response = await api.as('admin', {
      method: 'POST',
      url: `${base}/test-call`,
      payload: { call: { direction: 'inbound', from: '(619) 867-5309', to: '(619) 867-5301' } },
    });
    expect(response.json().plan.route).toMatchObject({
      kind: 'continuity',
      destination: { kind: 'voice_agent', voiceAgentId: 'va-sunrise-ava' },
    });
    expect(response.json().network.version).toBe(2);
  });

  it('C16 test calls: 403 for a tenant the user cannot see, 422 naming the field, 401, 404 for another network', async () => {
    const coastal = { call: { direction: 'inbound', from: '(619) 867-5309', to: '(858) 867-5401' } };
    expect((await api.as('tenantAdmin', { method: 'POST', url: `${base}/test-call`, payload: coastal })).statusCode).toBe(403);
    const bad = await api.as('admin', {
      method: 'POST',
      url: `${base}/test-call`,
      payload: { call: { direction: 'inbound', from: 'x', to: '(858) 867-5401' } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'invalid_phone_number', field: 'call.from', value: 'x' });
    expect((await api.as(null, { method: 'POST', url: `${base}/test-call`, payload: coastal })).statusCode).toBe(401);
    expect((await api.as('otherAdmin', { method: 'POST', url: `${base}/test-call`, payload: coastal })).statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('test call, route only, on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  it('C16 decide "route" answers where an inbound call goes, with its reasons, and nothing else', async () => {
    const response = await api.as('admin', {
      method: 'POST',
      url: `${base}/test-call`,
      payload: { call: { direction: 'inbound', from: '(619) 867-5309', to: '(858) 867-5403' }, decide: 'route' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      network: { id: 'summit', name: 'Summit Home Services', version: 1 },
      route: {
        kind: 'continuity',
        tenantId: 'coastal-hvac',
        trackingNumberId: 'tn-coastal-commercial',
        destination: { kind: 'external_number', number: '+18582041199', source: 'exception' },
        // B6: if it does not answer, the recorded message (the tenant has no chain).
        next: [{ kind: 'message' }],
        noAnswerSeconds: 20,
        reasons: [
          { rule: 'C2', text: expect.any(String) },
          { rule: 'C3', text: expect.any(String) },
        ],
      },
    });
    const outbound = await api.as('admin', {
      method: 'POST',
      url: `${base}/test-call`,
      payload: { call: { direction: 'outbound', employeeId: 'emp-ana', to: '(619) 867-5309' }, decide: 'route' },
    });
    expect(outbound.statusCode).toBe(422);
    expect(outbound.json().error).toMatchObject({ field: 'decide', value: 'route' });
  });
});
