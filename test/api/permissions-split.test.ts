import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const tenant = `${base}/tenants/sunrise-plumbing`;

describe.each(DIALECTS)('B5 editing continuity settings and switching continuity are separate permissions on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  const destination = (persona: 'editOnly' | 'switchOnly') =>
    api.as(persona, {
      method: 'PUT',
      url: `${tenant}/continuity`,
      headers: { 'if-match': '"v1"' },
      payload: { defaultDestination: { kind: 'external_number', number: '(619) 555-2020' } },
    });
  const exception = (persona: 'editOnly' | 'switchOnly') =>
    api.as(persona, {
      method: 'PUT',
      url: `${base}/tracking-numbers/tn-sunrise-main/continuity-number`,
      headers: { 'if-match': '"v1"' },
      payload: { continuityNumber: '(619) 555-2021' },
    });
  const toggle = (persona: 'editOnly' | 'switchOnly', enabled: boolean) =>
    api.as(persona, { method: 'POST', url: `${tenant}/continuity/switch`, payload: { enabled } });
  const schedule = (persona: 'editOnly' | 'switchOnly') =>
    api.as(persona, {
      method: 'POST',
      url: `${base}/continuity/schedules`,
      payload: { tenantId: 'sunrise-plumbing', onAt: new Date(Date.now() + 3600_000).toISOString() },
    });

  it('B5 the edit permission alone edits the settings and cannot switch (now or on a schedule)', async () => {
    expect((await destination('editOnly')).statusCode).toBe(200);
    expect((await exception('editOnly')).statusCode).toBe(200);
    const refused = await toggle('editOnly', true);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('switch_continuity');
    expect((await schedule('editOnly')).statusCode).toBe(403);
    const me = (await api.as('editOnly', { method: 'GET', url: '/api/session' })).json();
    expect(me.abilities.tenants['sunrise-plumbing']).toMatchObject({ manageContinuity: true, switchContinuity: false });
  });

  it('B5 the switch permission alone switches (now or on a schedule) and cannot edit the settings', async () => {
    expect((await toggle('switchOnly', true)).statusCode).toBe(200);
    expect((await toggle('switchOnly', false)).statusCode).toBe(200);
    expect((await schedule('switchOnly')).statusCode).toBe(201);
    expect((await destination('switchOnly')).statusCode).toBe(403);
    expect((await exception('switchOnly')).statusCode).toBe(403);
    const me = (await api.as('switchOnly', { method: 'GET', url: '/api/session' })).json();
    expect(me.abilities.tenants['sunrise-plumbing']).toMatchObject({ manageContinuity: false, switchContinuity: true });
    // Another tenant's continuity is not theirs to switch.
    expect(
      (await api.as('switchOnly', { method: 'POST', url: `${base}/tenants/coastal-hvac/continuity/switch`, payload: { enabled: false } }))
        .statusCode,
    ).toBe(404);
  });
});
