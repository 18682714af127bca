import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_NETWORK } from '../../src/app/demo/demo-network.js';
import { decideRecording } from '../../src/domain/decide-recording.js';
import { asE164 } from '../../src/domain/phone-number.js';
import { NetworkSnapshot } from '../../src/domain/snapshot.js';
import { logCall, newCallLogId } from '../../src/store/call-log.repository.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const manual = { mode: 'manual', announcement: 'none' };

describe.each(DIALECTS)('queues, employees, exclusions, numbers and calls on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  it('R5 queues show the setting in force; the custom list holds only customised queues', async () => {
    const all = (await api.as('agent', { method: 'GET', url: `${base}/queues` })).json().queues;
    expect(all.map((q: { name: string; custom: boolean; effective: { mode: string } }) => [q.name, q.custom, q.effective.mode])).toEqual([
      ['Billing', true, 'manual'],
      ['Dispatch', true, 'always'],
      ['Sales', false, 'automatic'],
      ['Service', false, 'automatic'],
    ]);
    const custom = (await api.as('agent', { method: 'GET', url: `${base}/queues?custom=true` })).json().queues;
    expect(custom.map((q: { id: string }) => q.id)).toEqual(['q-billing', 'q-dispatch']);
  });

  it('R5 R17 customise a queue and Reset to Default; the next call follows at once', async () => {
    const customised = await api.as('recordingEditor', {
      method: 'PUT',
      url: `${base}/queues/q-service/recording`,
      headers: { 'if-match': '"v1"' },
      payload: manual,
    });
    expect(customised.statusCode).toBe(200);
    expect(customised.json()).toMatchObject({ custom: true, effective: manual, version: 2 });
    const snapshot = (await api.snapshots.get('summit'))!;
    expect(snapshot.queue('q-service')!.customRecording).toEqual(manual);
    const reset = await api.as('recordingEditor', {
      method: 'DELETE',
      url: `${base}/queues/q-service/recording`,
      headers: { 'if-match': '"v2"' },
    });
    expect(reset.json()).toMatchObject({ custom: false, customRecording: null, effective: { mode: 'automatic' }, version: 3 });
    const actions = (await api.store.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['queue.recording_custom', 'queue.recording_reset']);
  });

  it('R5 R17 queue settings: 403 without the permission, 412 stale, 422 naming the field, 404 unknown or another network', async () => {
    expect(
      (
        await api.as('tenantAdmin', {
          method: 'PUT',
          url: `${base}/queues/q-service/recording`,
          headers: { 'if-match': '"v1"' },
          payload: manual,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await api.as('admin', {
          method: 'PUT',
          url: `${base}/queues/q-service/recording`,
          headers: { 'if-match': '"v7"' },
          payload: manual,
        })
      ).statusCode,
    ).toBe(412);
    const bad = await api.as('admin', {
      method: 'PUT',
      url: `${base}/queues/q-service/recording`,
      headers: { 'if-match': '"v1"' },
      payload: { mode: 'sometimes', announcement: 'none' },
    });
    expect(bad.json().error).toMatchObject({
      field: 'body.mode',
      value: 'sometimes',
      message: 'body.mode: must be one of always, automatic, manual, never (got "sometimes").',
    });
    expect(
      (await api.as('admin', { method: 'PUT', url: `${base}/queues/q-ghost/recording`, headers: { 'if-match': '"v1"' }, payload: manual }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api.as('admin', { method: 'PUT', url: `${base}/queues/q-other/recording`, headers: { 'if-match': '"v1"' }, payload: manual }))
        .statusCode,
    ).toBe(404);
    expect((await api.as('otherAdmin', { method: 'GET', url: `${base}/queues` })).statusCode).toBe(404);
  });

  it('R8 R17 employees with custom settings, and Reset to Default', async () => {
    const custom = (await api.as('agent', { method: 'GET', url: `${base}/employees?custom=true` })).json().employees;
    expect(custom.map((e: { id: string }) => e.id)).toEqual(['emp-ben']);
    const ana = (await api.as('admin', { method: 'GET', url: `${base}/employees` }))
      .json()
      .employees.find((e: { id: string }) => e.id === 'emp-ana');
    expect(ana).toMatchObject({
      directLine: '+16198675701',
      custom: false,
      effective: { inbound: { mode: 'automatic' }, outbound: { mode: 'manual' } },
    });
    const set = await api.as('recordingEditor', {
      method: 'PUT',
      url: `${base}/employees/emp-ana/recording`,
      headers: { 'if-match': '"v1"' },
      payload: { inbound: manual, outbound: manual },
    });
    expect(set.json()).toMatchObject({ custom: true, effective: { inbound: manual, outbound: manual } });
    expect(
      (
        await api.as('recordingEditor', { method: 'DELETE', url: `${base}/employees/emp-ben/recording`, headers: { 'if-match': '"v1"' } })
      ).json(),
    ).toMatchObject({ custom: false });
    expect(
      (await api.as('tenantAdmin', { method: 'DELETE', url: `${base}/employees/emp-ana/recording`, headers: { 'if-match': '"v2"' } }))
        .statusCode,
    ).toBe(403);
    const missing = await api.as('admin', {
      method: 'PUT',
      url: `${base}/employees/emp-ana/recording`,
      headers: { 'if-match': '"v2"' },
      payload: { inbound: manual },
    });
    expect(missing.json().error).toMatchObject({ field: 'body.outbound' });
  });

  it('X1 X4 the exclusion list: area codes with an asterisk, add one entry, delete one', async () => {
    const list = (await api.as('agent', { method: 'GET', url: `${base}/exclusions` })).json().entries;
    expect(list.map((e: { display: string }) => e.display)).toEqual(['212*', '907*', '(415) 867-5309', '(619) 867-9999', '(858) 867-5703']);
    const added = await api.as('recordingEditor', { method: 'POST', url: `${base}/exclusions`, payload: { entry: '(312) 867-5309' } });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ kind: 'number', value: '+13128675309', display: '(312) 867-5309' });
    expect((await api.as('recordingEditor', { method: 'POST', url: `${base}/exclusions`, payload: { entry: '305' } })).json()).toEqual({
      kind: 'area_code',
      value: '305',
      display: '305*',
    });
    expect((await api.snapshots.get('summit'))!.exclusionOf(asE164('+13058675309'))).toBe('area_code');
    const twice = await api.as('recordingEditor', { method: 'POST', url: `${base}/exclusions`, payload: { entry: '312.867.5309' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'exclusion_exists', field: 'entry' });
    const bad = await api.as('recordingEditor', { method: 'POST', url: `${base}/exclusions`, payload: { entry: '911' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ field: 'entry', value: '911' });
    expect((await api.as('recordingEditor', { method: 'DELETE', url: `${base}/exclusions/212` })).statusCode).toBe(204);
    expect((await api.as('recordingEditor', { method: 'DELETE', url: `${base}/exclusions/212` })).statusCode).toBe(404);
    expect((await api.as('tenantAdmin', { method: 'POST', url: `${base}/exclusions`, payload: { entry: '415' } })).statusCode).toBe(403);
    expect((await api.as('otherAdmin', { method: 'DELETE', url: `${base}/exclusions/907` })).statusCode).toBe(404);
  });

  it('tracking numbers and voice agents are listed for the tenants the caller can see', async () => {
    const mine = (await api.as('tenantAdmin', { method: 'GET', url: `${base}/tracking-numbers` })).json().trackingNumbers;
    expect(mine.map((n: { number: string }) => n.number)).toEqual(['+16198675301', '+16198675302', '+16198675303']);
    expect(mine[2]).toMatchObject({ workflow: { kind: 'voice_agent', voiceAgentId: 'va-sunrise-bo' }, continuityNumber: '+16199402200' });
    expect((await api.as('admin', { method: 'GET', url: `${base}/tracking-numbers` })).json().trackingNumbers).toHaveLength(9);
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/tracking-numbers?tenantId=coastal-hvac` })).statusCode).toBe(404);
    const agents = (await api.as('tenantAdmin', { method: 'GET', url: `${base}/voice-agents` })).json().voiceAgents;
    expect(agents.map((a: { id: string }) => a.id)).toEqual(['va-sunrise-ava', 'va-sunrise-bo']);
  });

  it('L5 the call log lists each logged call with its rule set, segments, sync and reasons; internal calls are never logged', async () => {
    const snapshot = NetworkSnapshot.build(DEMO_NETWORK);
    const queueCall = decideRecording(snapshot, { direction: 'inbound', from: asE164('+16198675309'), to: asE164('+16198675301') }, [
      { type: 'connected', at: 0 },
      { type: 'answered', at: 5, employeeId: 'emp-ana' },
      { type: 'hangup', at: 60 },
    ]);
    const internal = decideRecording(snapshot, { direction: 'internal', fromEmployeeId: 'emp-ana', toEmployeeId: 'emp-ben' }, [
      { type: 'connected', at: 0 },
      { type: 'hangup', at: 9 },
    ]);
    expect(
      await logCall(api.store.db, {
        id: newCallLogId(),
        callId: `c-${Math.random()}`,
        networkId: 'summit',
        startedAt: new Date().toISOString(),
        direction: 'inbound',
        from: '+16198675309',
        to: '+16198675301',
        plan: queueCall,
        source: 'test',
      }),
    ).not.toBeNull();
    expect(
      await logCall(api.store.db, {
        id: newCallLogId(),
        callId: `c-${Math.random()}`,
        networkId: 'summit',
        startedAt: new Date().toISOString(),
        direction: 'internal',
        from: null,
        to: null,
        plan: internal,
        source: 'test',
      }),
    ).toBeNull();
    const calls = (await api.as('admin', { method: 'GET', url: `${base}/calls` })).json().calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      tenantId: 'sunrise-plumbing',
      ruleSet: 'contact_center',
      segments: [{ start: 5, end: 60 }],
      loggedIn: ['contact_center', 'core'],
      synced: true,
      route: { kind: 'workflow' },
    });
    expect(calls[0].reasons.map((r: { rule: string }) => r.rule)).toEqual(['L6', 'L1', 'R3', 'R4', 'L5', 'L3']);
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/calls` })).json().calls).toHaveLength(1);
    expect((await api.as('agent', { method: 'GET', url: `${base}/calls` })).json().calls).toEqual([]);
    expect((await api.as('otherAdmin', { method: 'GET', url: `${base}/calls` })).statusCode).toBe(404);
  });
});
