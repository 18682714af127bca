import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideRoute } from '../../src/domain/decide-route.js';
import { asE164 } from '../../src/domain/phone-number.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';

describe.each(DIALECTS)('Call Continuity API on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  const status = async () => (await api.as('admin', { method: 'GET', url: `${base}/continuity` })).json();
  const auditActions = async () =>
    await api.store.db.selectFrom('audit_log').select(['action', 'tenant_ids', 'actor_name', 'source']).orderBy('id').execute();

  it('C8 C11 the status table lists every tenant with its destination, exceptions, status, and the badge', async () => {
    const body = await status();
    expect(body.badge).toEqual({ status: 'partial', on: 1, total: 4 });
    expect(
      body.tenants.map((t: { tenantName: string; defaultDestinationLabel: string; exceptions: number; enabled: boolean }) => [
        t.tenantName,
        t.defaultDestinationLabel,
        t.exceptions,
        t.enabled,
      ]),
    ).toEqual([
      ['Coastal HVAC', '+18582041100', 1, true],
      ['Harbor Roofing', '+19493017000', 0, false],
      ['Peak Electric', 'Voice Agent', 0, false],
      ['Sunrise Plumbing', 'Voice Agent', 1, false],
    ]);
    expect(body.tenants[0].settingsPath).toBe('/tenants/coastal-hvac/continuity');
  });

  it('C11 the badge reads Active when all are on and Inactive when all are off', async () => {
    await api.as('admin', { method: 'POST', url: `${base}/continuity/turn-off-for-all`, payload: {} });
    expect((await status()).badge).toEqual({ status: 'inactive', on: 0, total: 4 });
    // Harbor (not live) and Peak (no destination) need including; Peak cannot be switched on, so fix its destination first.
    await api.store.db.updateTable('tenants').set({ voice_agents_core: 1 }).where('id', '=', 'peak-electric').execute();
    const on = await api.as('admin', {
      method: 'POST',
      url: `${base}/continuity/turn-on-for-all`,
      payload: { includeTenantIds: ['harbor-roofing'] },
    });
    expect(on.statusCode).toBe(200);
    expect(on.json().badge).toEqual({ status: 'active', on: 4, total: 4 });
  });

  it('C10 the Turn On For All preview lists the unsafe tenants: not live on the contact center, or without a destination', async () => {
    const preview = (await api.as('admin', { method: 'GET', url: `${base}/continuity/turn-on-for-all` })).json();
    expect(preview.alreadyOn).toEqual(['coastal-hvac']);
    expect(preview.willSwitchOn.map((t: { tenantId: string }) => t.tenantId)).toEqual(['sunrise-plumbing']);
    expect(preview.unsafe).toEqual([
      {
        tenantId: 'harbor-roofing',
        tenantName: 'Harbor Roofing',
        canSwitchOn: true,
        safe: false,
        problems: [{ kind: 'not_contact_center_active' }],
      },
      {
        tenantId: 'peak-electric',
        tenantName: 'Peak Electric',
        canSwitchOn: false,
        safe: false,
        problems: [{ kind: 'numbers_without_destination', numbers: ['+17608675501', '+17608675502'] }],
      },
    ]);
  });

  it('C10 Turn On For All leaves unsafe tenants off unless included, in one audited change', async () => {
    const response = await api.as('admin', { method: 'POST', url: `${base}/continuity/turn-on-for-all`, payload: {} });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      switched: ['sunrise-plumbing'],
      leftOff: ['harbor-roofing', 'peak-electric'],
      badge: { status: 'partial', on: 2, total: 4 },
    });
    const included = await api.as('admin', {
      method: 'POST',
      url: `${base}/continuity/turn-on-for-all`,
      payload: { includeTenantIds: ['harbor-roofing'] },
    });
    expect(included.json()).toMatchObject({ switched: ['harbor-roofing'], leftOff: ['peak-electric'] });
    expect((await auditActions()).map((a) => [a.action, JSON.parse(a.tenant_ids)])).toEqual([
      ['continuity.turn_on_for_all', ['sunrise-plumbing']],
      ['continuity.turn_on_for_all', ['harbor-roofing']],
    ]);
  });

  it('C10 all or nothing: including a tenant that cannot be switched on changes nothing', async () => {
    const before = await status();
    const response = await api.as('admin', {
      method: 'POST',
      url: `${base}/continuity/turn-on-for-all`,
      payload: { includeTenantIds: ['harbor-roofing', 'peak-electric'] },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'continuity_destination_missing',
      field: 'includeTenantIds',
      value: ['peak-electric'],
    });
    expect(await status()).toEqual(before);
    expect(await auditActions()).toEqual([]);
  });

  it('C10 Turn Off For All switches every tenant off at once', async () => {
    const response = await api.as('admin', { method: 'POST', url: `${base}/continuity/turn-off-for-all`, payload: {} });
    expect(response.json()).toMatchObject({ switched: ['coastal-hvac'], badge: { status: 'inactive' } });
  });

  it('C9 switching on a tenant whose numbers lack a destination is refused with the numbers', async () => {
    const response = await api.as('admin', {
      method: 'POST',
      url: `${base}/tenants/peak-electric/continuity/switch`,
      payload: { enabled: true },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'continuity_destination_missing',
      numbersWithoutDestination: ['+17608675501', '+17608675502'],
    });
    expect(response.json().error.message).toContain('+17608675501, +17608675502');
  });

  it('C13 C14 a switch answered by the API decides the very next call on this node, and off returns to the workflow', async () => {
    const on = await api.as('tenantAdmin', {
      method: 'POST',
      url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
      payload: { enabled: true },
    });
    expect(on.statusCode).toBe(200);
    expect(on.json().continuity.enabled).toBe(true);
    const snapshot = (await api.snapshots.get('summit'))!;
    expect(decideRoute(snapshot, { to: asE164('+16198675301') })).toMatchObject({
      kind: 'continuity',
      destination: { kind: 'voice_agent', voiceAgentId: 'va-sunrise-ava' },
    });
    await api.as('tenantAdmin', { method: 'POST', url: `${base}/tenants/sunrise-plumbing/continuity/switch`, payload: { enabled: false } });
    expect(decideRoute((await api.snapshots.get('summit'))!, { to: asE164('+16198675301') })).toMatchObject({ kind: 'workflow' });
  });

  it('C15 every switch is audited: who, which tenant, before and after, from which client', async () => {
    await api.asSession('tenantAdmin', {
      method: 'POST',
      url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
      payload: { enabled: true },
    });
    const [entry] = await api.store.db.selectFrom('audit_log').selectAll().execute();
    expect(entry).toMatchObject({
      action: 'continuity.switch_on',
      actor_name: 'tenantAdmin',
      source: 'ui',
      client_address: '127.0.0.1',
      resource_id: 'sunrise-plumbing',
      before: '{"enabled":false}',
      after: '{"enabled":true}',
    });
  });

  it('C7 issue 15: each section of a tenant is versioned on its own: saving one never refuses a save of another; the same section does, by name', async () => {
    const opened = (await api.as('admin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing/continuity` })).json().tenant;
    expect(opened.versions).toEqual({ details: 1, continuity: 1, coreRecording: 1 });
    // Someone saves the core recording settings, and someone switches continuity on.
    const core = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/sunrise-plumbing/core-recording`,
      headers: { 'if-match': `"v${opened.versions.coreRecording}"` },
      payload: { inbound: 'never', outbound: 'never' },
    });
    expect(core.statusCode).toBe(200);
    expect(core.headers.etag).toBe('"v2"');
    expect(core.json().versions).toEqual({ details: 1, continuity: 1, coreRecording: 2 });
    const switched = await api.as('admin', {
      method: 'POST',
      url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
      payload: { enabled: true },
    });
    expect(switched.statusCode).toBe(200);
    // The continuity form opened before both still saves, and does not undo the core settings.
    const saved = await api.as('tenantAdmin', {
      method: 'PUT',
      url: `${base}/tenants/sunrise-plumbing/continuity`,
      headers: { 'if-match': `"v${opened.versions.continuity}"` },
      payload: { defaultDestination: { kind: 'external_number', number: '(619) 555-2020' } },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      continuity: { enabled: true },
      coreRecording: { inbound: 'never', outbound: 'never' },
      versions: { details: 1, continuity: 2, coreRecording: 2 },
    });
    // A second save from the same stale form is refused, naming the section.
    const stale = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/sunrise-plumbing/continuity`,
      headers: { 'if-match': `"v${opened.versions.continuity}"` },
      payload: { defaultDestination: { kind: 'external_number', number: '(619) 555-3030' } },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.message).toContain("The tenant's Call Continuity settings changed since you loaded it");
    expect(
      (await api.as('admin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` })).json().continuity.defaultDestination,
    ).toEqual({
      kind: 'external_number',
      number: '+16195552020',
    });
  });

  it('C4 C5 the default destination can be an external number, or the voice agent only when one is usable', async () => {
    const tenant = await api.as('tenantAdmin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` });
    const etag = tenant.headers.etag as string;
    const external = await api.as('tenantAdmin', {
      method: 'PUT',
      url: `${base}/tenants/sunrise-plumbing/continuity`,
      headers: { 'if-match': etag },
      payload: { defaultDestination: { kind: 'external_number', number: '(619) 555-2020' } },
    });
    expect(external.statusCode).toBe(200);
    expect(external.json().continuity.defaultDestination).toEqual({ kind: 'external_number', number: '+16195552020' });
    const peak = await api.as('admin', { method: 'GET', url: `${base}/tenants/peak-electric` });
    const voiceAgent = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/peak-electric/continuity`,
      headers: { 'if-match': peak.headers.etag as string },
      payload: { defaultDestination: { kind: 'voice_agent' } },
    });
    expect(voiceAgent.statusCode).toBe(422);
    expect(voiceAgent.json().error).toMatchObject({ code: 'voice_agent_unavailable', field: 'defaultDestination.kind' });
    const settings = (await api.as('admin', { method: 'GET', url: `${base}/tenants/peak-electric/continuity` })).json();
    expect(settings.voiceAgentOption).toEqual({
      available: false,
      reason: 'Voice Agent must be enabled in both the contact center and the core.',
    });
  });

  it.each([
    ['a tracking number', '(858) 867-5401', 'a tracking number of tenant "Coastal HVAC"'],
    ["an employee's direct line", '619.867.5701', 'the direct line of employee "Ana Reyes"'],
    ["another network's number", '+1 312 867 5301', 'already in use in this deployment'],
  ])('C6 a default destination that is %s is refused, naming the collision', async (_, number, says) => {
    const etag = (await api.as('admin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` })).headers.etag as string;
    const response = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/sunrise-plumbing/continuity`,
      headers: { 'if-match': etag },
      payload: { defaultDestination: { kind: 'external_number', number } },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'continuity_destination_not_external', field: 'defaultDestination.number' });
    expect(response.json().error.message).toContain(says);
    expect(response.json().error.message).not.toContain('Other Tenant');
  });

  it('C3 C6 a tracking number gets its own continuity number, which must be external and not itself', async () => {
    const settings = (await api.as('tenantAdmin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing/continuity` })).json();
    const main = settings.numbers.find((n: { number: string }) => n.number === '+16198675301');
    const url = `${base}/tracking-numbers/${main.id}/continuity-number`;
    const self = await api.as('tenantAdmin', {
      method: 'PUT',
      url,
      headers: { 'if-match': `"v${main.version}"` },
      payload: { continuityNumber: '(619) 867-5301' },
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toContain('the tracking number itself');
    const set = await api.as('tenantAdmin', {
      method: 'PUT',
      url,
      headers: { 'if-match': `"v${main.version}"` },
      payload: { continuityNumber: '(619) 940-3300' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ number: '+16198675301', continuityNumber: '+16199403300', version: main.version + 1 });
    expect((await status()).tenants.find((t: { tenantId: string }) => t.tenantId === 'sunrise-plumbing').exceptions).toBe(2);
  });

  it('412 a stale write changes nothing; 428 without a version', async () => {
    const etag = (await api.as('admin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` })).headers.etag as string;
    const payload = { defaultDestination: { kind: 'external_number', number: '(619) 555-2020' } };
    expect(
      (await api.as('admin', { method: 'PUT', url: `${base}/tenants/sunrise-plumbing/continuity`, headers: { 'if-match': etag }, payload }))
        .statusCode,
    ).toBe(200);
    const stale = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/sunrise-plumbing/continuity`,
      headers: { 'if-match': etag },
      payload: { defaultDestination: { kind: 'external_number', number: '(619) 555-3030' } },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({ code: 'version_mismatch', field: 'If-Match' });
    const tenant = (await api.as('admin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` })).json();
    expect(tenant.continuity.defaultDestination.number).toBe('+16195552020');
    expect((await api.as('admin', { method: 'PUT', url: `${base}/tenants/sunrise-plumbing/continuity`, payload })).statusCode).toBe(428);
  });

  it('validation errors name the field and the value', async () => {
    const etag = (await api.as('admin', { method: 'GET', url: `${base}/tenants/sunrise-plumbing` })).headers.etag as string;
    const bad = await api.as('admin', {
      method: 'PUT',
      url: `${base}/tenants/sunrise-plumbing/continuity`,
      headers: { 'if-match': etag },
      payload: { defaultDestination: { kind: 'external_number', number: 'call me' } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'invalid_phone_number', field: 'defaultDestination.number', value: 'call me' });
    const notBool = await api.as('admin', {
      method: 'POST',
      url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
      payload: { enabled: 'yes' },
    });
    expect(notBool.statusCode).toBe(422);
    expect(notBool.json().error).toMatchObject({ field: 'body.enabled', value: 'yes' });
  });

  it('C7 managing a tenant needs both forwarding_number_settings and phone_settings; C8 the status table is for network administrators', async () => {
    const denied = await api.as('phoneOnly', {
      method: 'POST',
      url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
      payload: { enabled: true },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    expect((await api.as('phoneOnly', { method: 'GET', url: `${base}/tenants/sunrise-plumbing/continuity` })).statusCode).toBe(200);
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/continuity` })).statusCode).toBe(403);
    expect((await api.as('tenantAdmin', { method: 'POST', url: `${base}/continuity/turn-off-for-all`, payload: {} })).statusCode).toBe(403);
    // A tenant the user has no permission on does not exist for them.
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/tenants/coastal-hvac/continuity` })).statusCode).toBe(404);
  });

  it("another network's records are a 404, never a 403", async () => {
    for (const [method, url] of [
      ['GET', `${base}/continuity`],
      ['GET', `${base}/tenants/sunrise-plumbing/continuity`],
      ['POST', `${base}/tenants/sunrise-plumbing/continuity/switch`],
      ['POST', `${base}/continuity/turn-off-for-all`],
      ['GET', `${base}/tenants`],
      ['GET', `${base}/recording-defaults`],
    ] as const) {
      const response = await api.as('otherAdmin', { method, url, ...(method === 'POST' ? { payload: { enabled: true } } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    // Summit's administrator asking for another network's tenant through their own network.
    expect((await api.as('admin', { method: 'GET', url: `${base}/tenants/other-tenant` })).statusCode).toBe(404);
    expect(
      (
        await api.as('admin', {
          method: 'PUT',
          url: `${base}/tracking-numbers/tn-other/continuity-number`,
          headers: { 'if-match': '"v1"' },
          payload: { continuityNumber: null },
        })
      ).statusCode,
    ).toBe(404);
  });
});
