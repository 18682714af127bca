/**
 * B8 through the API: a tenant's longest pause (versioned, audited), pause and resume of a live
 * call's recording by an integration (with a reason in the audit log; calls without a tenant too:
 * R15's gap), an API token limited to exactly that, and a pause left on resuming by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api.js';
import { asE164 } from '../../src/domain/phone-number.js';

const base = '/api/networks/summit';
/** Ana's direct line: her calls belong to no tenant (R15's gap). */
const ANA_DIRECT = asE164('+16198675701', 'to');
/** Sunrise Plumbing's Service queue: its calls are the tenant's. */
const SUNRISE_MAIN = asE164('+16198675301', 'to');
const TEXAN = asE164('+12148672200', 'from');
let calls = 0;

describe('B8 pause governance through the API', () => {
  let api: TestApi;
  let integration: string;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
    const created = await api.as('admin', {
      method: 'POST',
      url: `${base}/tokens`,
      payload: { name: 'payment IVR', scope: 'recording_pause' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().details.scope).toBe('recording_pause');
    integration = created.json().token as string;
  });
  afterAll(async () => api?.close());

  /** A call answered now: on a direct line by its owner (Ana), on a queue by `agent`. */
  const answeredCall = async (to: typeof ANA_DIRECT, agent = 'emp-ana') => {
    const callId = `b8-${++calls}`;
    const routed = await api.application.calls.route({ callId, from: TEXAN, to, at: Date.now(), source: 'test' });
    expect(routed).toBeDefined();
    api.application.calls.get(callId)!.answered(Date.now(), agent);
    return callId;
  };
  const withToken = (token: string, method: 'GET' | 'POST', url: string, payload?: Record<string, string>) =>
    api.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });

  it("B8 R15's gap: an integration pauses and resumes the recording of a call without a tenant, each with its reason in the audit log; what cannot happen is refused in words", async () => {
    const callId = await answeredCall(ANA_DIRECT);
    const pause = await withToken(integration, 'POST', `${base}/live-calls/${callId}/pause`, { reason: 'card details on the IVR' });
    expect(pause.statusCode, pause.body).toBe(200);
    expect(pause.json().tenantId).toBeNull();
    expect(pause.json().plan.moments.at(-1)).toMatchObject({ event: 'paused', recording: 'paused' });
    expect(pause.json().plan.pauseEndsAt).toBeCloseTo(pause.json().plan.moments.at(-1).at + 600, 3);
    const again = await withToken(integration, 'POST', `${base}/live-calls/${callId}/pause`, { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ field: 'callId', message: expect.stringContaining('already paused') });
    const resume = await withToken(integration, 'POST', `${base}/live-calls/${callId}/resume`, { reason: 'payment taken' });
    expect(resume.statusCode, resume.body).toBe(200);
    expect(resume.json().plan.moments.at(-1)).toMatchObject({ event: 'resumed', recording: 'on' });
    expect(resume.json().plan.segments).toHaveLength(2);

    const noReason = await withToken(integration, 'POST', `${base}/live-calls/${callId}/pause`, { reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.field).toContain('reason');
    expect((await withToken(integration, 'POST', `${base}/live-calls/no-such-call/pause`, { reason: 'x' })).statusCode).toBe(404);

    const audit = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=call.recording_paused` })).json().entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ resourceId: callId, after: { reason: 'card details on the IVR' } });
    const resumed = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=call.recording_resumed` })).json().entries;
    expect(resumed[0]).toMatchObject({ resourceId: callId, after: { reason: 'payment taken' } });
  });

  it('B8 a token scoped to recording_pause reaches nothing else, whatever its user may do; an agent may pause only the calls they answered', async () => {
    const tenants = await withToken(integration, 'GET', `${base}/tenants`);
    expect(tenants.statusCode).toBe(403);
    expect(tenants.json().error.message).toContain('it may only pause and resume recordings');
    expect((await withToken(integration, 'GET', `${base}/live-calls`)).statusCode).toBe(403);
    // The agent persona is Ana: Ben's call is not hers (the same 404 as no call); her own is.
    const pause = (callId: string) =>
      api.as('agent', { method: 'POST', url: `${base}/live-calls/${callId}/pause`, payload: { reason: 'x' } });
    expect((await pause(await answeredCall(SUNRISE_MAIN, 'emp-ben'))).statusCode).toBe(404);
    expect((await pause(await answeredCall(SUNRISE_MAIN, 'emp-ana'))).statusCode).toBe(200);
  });

  it("B8 the tenant's longest pause: set with its version, refused out of range by name, audited; a pause left on resumes by itself at it", async () => {
    const tenant = `${base}/tenants/sunrise-plumbing`;
    const opened = (await api.as('tenantAdmin', { method: 'GET', url: tenant })).json();
    expect(opened.maxPauseSeconds).toBe(600);
    const save = (version: number, maxPauseSeconds: number) =>
      api.as('tenantAdmin', {
        method: 'PUT',
        url: `${tenant}/recording-pause`,
        headers: { 'if-match': `"v${version}"` },
        payload: { maxPauseSeconds },
      });
    const tooShort = await save(opened.versions.coreRecording, 2);
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.json().error.field).toContain('maxPauseSeconds');
    const saved = await save(opened.versions.coreRecording, 5);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().maxPauseSeconds).toBe(5);
    expect((await save(opened.versions.coreRecording, 60)).statusCode).toBe(412);
    const audit = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=tenant.max_pause` })).json().entries;
    expect(audit[0]).toMatchObject({ before: { maxPauseSeconds: 600 }, after: { maxPauseSeconds: 5 } });

    const callId = await answeredCall(SUNRISE_MAIN);
    const pause = await withToken(integration, 'POST', `${base}/live-calls/${callId}/pause`, { reason: 'forgotten' });
    expect(pause.statusCode, pause.body).toBe(200);
    expect(pause.json().tenantId).toBe('sunrise-plumbing');
    await new Promise((resolve) => setTimeout(resolve, 5600));
    const live = (await api.as('admin', { method: 'GET', url: `${base}/live-calls` }))
      .json()
      .calls.find((c: { callId: string }) => c.callId === callId);
    const pausedAt = pause.json().plan.moments.at(-1).at as number;
    expect(live.plan.moments.at(-1)).toMatchObject({ event: 'pause_expired', recording: 'on', at: pausedAt + 5 });
    expect(live.plan.pauseEndsAt).toBeNull();
  }, 20_000);
});
