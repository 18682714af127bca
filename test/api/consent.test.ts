import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api.js';

const base = '/api/networks/summit';

describe('B7 consent by jurisdiction in the test call (C16)', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi('sqlite');
  });
  afterEach(async () => api.close());

  const plan = async (call: { direction: string; [field: string]: string }) => {
    const answered = call.direction === 'inbound' ? { type: 'answered', at: 5, employeeId: 'emp-ana' } : { type: 'answered', at: 5 };
    const response = await api.as('admin', {
      method: 'POST',
      url: `${base}/test-call`,
      payload: { call, events: [{ type: 'connected', at: 0 }, answered] },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().plan;
  };

  it('B7 a caller from an all-party-consent state: the plan says the call is announced before recording starts, and why', async () => {
    const california = await plan({ direction: 'inbound', from: '(415) 867-2200', to: '(619) 867-5301' });
    expect(california.segments.length).toBeGreaterThan(0);
    expect(california.consent).toMatchObject({
      jurisdiction: { country: 'US', region: 'US-CA' },
      rule: 'all_party',
      announcementRequired: true,
      reason: { rule: 'B7' },
    });
  });

  it('B7 a caller from a one-party state needs no announcement; a call the agent places has no consent to decide', async () => {
    const newYork = await plan({ direction: 'inbound', from: '(212) 867-2200', to: '(619) 867-5301' });
    expect(newYork.consent).toMatchObject({ jurisdiction: { region: 'US-NY' }, rule: 'one_party', announcementRequired: false });
    const outbound = await plan({ direction: 'outbound', employeeId: 'emp-ana', to: '(415) 867-2200' });
    expect(outbound.consent).toBeNull();
  });

  it('B7 a tenant that chooses to announce every call: stored, audited, and a one-party caller is announced too; a stale save is refused', async () => {
    const tenant = `${base}/tenants/sunrise-plumbing`;
    const opened = (await api.as('tenantAdmin', { method: 'GET', url: tenant })).json();
    expect(opened.recordingConsent).toBe('by_jurisdiction');
    const save = (version: number, policy: string) =>
      api.as('tenantAdmin', {
        method: 'PUT',
        url: `${tenant}/recording-consent`,
        headers: { 'if-match': `"v${version}"` },
        payload: { policy },
      });
    const saved = await save(opened.versions.coreRecording, 'announce_always');
    expect(saved.statusCode).toBe(200);
    expect(saved.json().recordingConsent).toBe('announce_always');
    expect((await save(opened.versions.coreRecording, 'by_jurisdiction')).statusCode).toBe(412);

    const newYork = await plan({ direction: 'inbound', from: '(212) 867-2200', to: '(619) 867-5301' });
    expect(newYork.consent).toMatchObject({ rule: 'one_party', announcementRequired: true });
    const audit = (await api.as('admin', { method: 'GET', url: `${base}/audit?tenantId=sunrise-plumbing` })).json().entries;
    expect(audit[0]).toMatchObject({ action: 'tenant.recording_consent', after: { policy: 'announce_always' } });

    const back = await save(saved.json().versions.coreRecording, 'by_jurisdiction');
    expect(back.json().recordingConsent).toBe('by_jurisdiction');
    expect((await plan({ direction: 'inbound', from: '(212) 867-2200', to: '(619) 867-5301' })).consent.announcementRequired).toBe(false);
  });
});
