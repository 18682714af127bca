import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type Persona, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const tenant = (id: string) => `${base}/tenants/${id}`;

describe.each(DIALECTS)('B6 the continuity chain on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  const versionOf = async (id: string) => (await api.as('admin', { method: 'GET', url: tenant(id) })).json().versions.continuity as number;
  const save = async (persona: Persona, id: string, payload: object, version?: number) =>
    api.as(persona, {
      method: 'PUT',
      url: `${tenant(id)}/continuity/chain`,
      headers: { 'if-match': `"v${version ?? (await versionOf(id))}"` },
      payload,
    });
  const routeTo = async (to: string) =>
    (
      await api.as('admin', {
        method: 'POST',
        url: `${base}/test-call`,
        payload: { call: { direction: 'inbound', from: '+13128675309', to }, decide: 'route' },
      })
    ).json().route;

  it('B6 a chain is saved, shown on the tenant, followed by every continuity call (the message last), and audited', async () => {
    const before = (await api.as('tenantAdmin', { method: 'GET', url: tenant('sunrise-plumbing') })).json().continuity.chain;
    expect(before).toEqual({ then: [], noAnswerSeconds: 20, lastResort: 'message' });

    const saved = await save('tenantAdmin', 'sunrise-plumbing', {
      then: [{ kind: 'external_number', number: '(312) 555-0142' }],
      noAnswerSeconds: 12,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().continuity.chain).toEqual({
      then: [{ kind: 'external_number', number: '+13125550142' }],
      noAnswerSeconds: 12,
      lastResort: 'message',
    });

    await api.as('admin', { method: 'POST', url: `${tenant('sunrise-plumbing')}/continuity/switch`, payload: { enabled: true } });
    const route = await routeTo('+16198675301');
    expect(route).toMatchObject({
      kind: 'continuity',
      destination: { kind: 'voice_agent', voiceAgentId: 'va-sunrise-ava' },
      next: [{ kind: 'external_number', number: '+13125550142', source: 'chain' }, { kind: 'message' }],
      noAnswerSeconds: 12,
    });
    expect(route.reasons.at(-1).rule).toBe('B6');

    const audit = (await api.as('admin', { method: 'GET', url: `${base}/audit?tenantId=sunrise-plumbing` })).json().entries;
    expect(audit.find((e: { action: string }) => e.action === 'continuity.chain')).toMatchObject({
      summary: 'tenantAdmin changed the Call Continuity chain of Sunrise Plumbing (what is tried when a destination does not answer)',
    });
  });

  it('B6 C6 every external number of the chain: a tracking number or a direct line is refused naming the link; nothing is saved', async () => {
    const version = await versionOf('sunrise-plumbing');
    const tracking = await save(
      'tenantAdmin',
      'sunrise-plumbing',
      {
        then: [
          { kind: 'external_number', number: '+13125550142' },
          { kind: 'external_number', number: '(858) 867-5401' },
        ],
        noAnswerSeconds: 20,
      },
      version,
    );
    expect(tracking.statusCode).toBe(409);
    expect(tracking.json().error).toMatchObject({
      code: 'continuity_destination_not_external',
      field: 'then.1.number',
      value: '+18588675401',
    });
    const line = await save(
      'tenantAdmin',
      'sunrise-plumbing',
      { then: [{ kind: 'external_number', number: '+16198675701' }], noAnswerSeconds: 20 },
      version,
    );
    expect(line.statusCode).toBe(409);
    expect(line.json().error.message).toContain('Ana');
    const twice = await save(
      'tenantAdmin',
      'sunrise-plumbing',
      {
        then: [
          { kind: 'external_number', number: '+13125550142' },
          { kind: 'external_number', number: '312-555-0142' },
        ],
        noAnswerSeconds: 20,
      },
      version,
    );
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error).toMatchObject({ field: 'then.1.number' });
    const tooQuick = await save('tenantAdmin', 'sunrise-plumbing', { then: [], noAnswerSeconds: 2 }, version);
    expect(tooQuick.statusCode).toBe(422);
    expect(tooQuick.json().error.field).toBe('body.noAnswerSeconds');
    expect(await versionOf('sunrise-plumbing')).toBe(version);
  });

  it('B6 C5 a voice agent link needs a usable voice agent; C9 a chain link counts as a destination when the default cannot be used', async () => {
    // Peak Electric: voice agents enabled in the contact center only, so its voice-agent default is not valid (C9 refuses a switch).
    const refused = await save('admin', 'peak-electric', { then: [{ kind: 'voice_agent' }], noAnswerSeconds: 20 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'voice_agent_unavailable', field: 'then.0.kind' });
    const switchOn = () =>
      api.as('admin', { method: 'POST', url: `${tenant('peak-electric')}/continuity/switch`, payload: { enabled: true } });
    expect((await switchOn()).statusCode).toBe(409);

    expect(
      (await save('admin', 'peak-electric', { then: [{ kind: 'external_number', number: '+13125550142' }], noAnswerSeconds: 20 }))
        .statusCode,
    ).toBe(200);
    expect((await switchOn()).statusCode).toBe(200);
    expect(await routeTo('+17608675501')).toMatchObject({
      kind: 'continuity',
      destination: { kind: 'external_number', number: '+13125550142', source: 'chain' },
      next: [{ kind: 'message' }],
    });
    // C9: while it is on, emptying the chain would leave its numbers nowhere to go.
    const emptied = await save('admin', 'peak-electric', { then: [], noAnswerSeconds: 20 });
    expect(emptied.statusCode).toBe(409);
    expect(emptied.json().error).toMatchObject({ code: 'continuity_destination_missing', field: 'then' });
  });

  it("B6 B5 the chain is a continuity setting: an agent (who cannot see the tenant's settings) finds nothing to change; another network's tenant is a 404; a stale version is refused", async () => {
    expect((await save('agent', 'sunrise-plumbing', { then: [], noAnswerSeconds: 20 })).statusCode).toBe(404);
    const version = await versionOf('sunrise-plumbing');
    expect((await save('tenantAdmin', 'sunrise-plumbing', { then: [], noAnswerSeconds: 30 }, version)).statusCode).toBe(200);
    expect((await save('tenantAdmin', 'sunrise-plumbing', { then: [], noAnswerSeconds: 40 }, version)).statusCode).toBe(412);
    const foreign = await api.as('admin', {
      method: 'PUT',
      url: '/api/networks/elsewhere/tenants/sunrise-plumbing/continuity/chain',
      headers: { 'if-match': '"v1"' },
      payload: { then: [], noAnswerSeconds: 20 },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
