import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/formats/csv.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
    await api.asSession('tenantAdmin', {
      method: 'POST',
      url: `${base}/tenants/sunrise-plumbing/continuity/switch`,
      payload: { enabled: true },
    });
    await api.as('admin', { method: 'POST', url: `${base}/continuity/turn-off-for-all`, payload: {} });
    await api.as('admin', { method: 'POST', url: `${base}/tenants/harbor-roofing/continuity/switch`, payload: { enabled: true } });
  });
  afterEach(async () => api.close());

  it('C15 lists every change newest first: who, when, which tenants, before and after, from where', async () => {
    const { entries, nextCursor } = (await api.as('admin', { method: 'GET', url: `${base}/audit` })).json();
    expect(nextCursor).toBeNull();
    expect(
      entries.map((e: { action: string; actor: { name: string }; source: string; tenantIds: string[] }) => [
        e.action,
        e.actor.name,
        e.source,
        e.tenantIds,
      ]),
    ).toEqual([
      ['continuity.switch_on', 'admin', 'api', ['harbor-roofing']],
      ['continuity.turn_off_for_all', 'admin', 'api', ['coastal-hvac', 'sunrise-plumbing']],
      ['continuity.switch_on', 'tenantAdmin', 'ui', ['sunrise-plumbing']],
    ]);
    expect(entries[2]).toMatchObject({
      before: { enabled: false },
      after: { enabled: true },
      resourceType: 'tenant',
      resourceId: 'sunrise-plumbing',
      address: '127.0.0.1',
    });
    expect(Date.parse(entries[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('C15 issue 15: each entry also reads as a sentence with names, and only what changed, field by field', async () => {
    const saved = await api.as('admin', {
      method: 'PUT',
      url: `${base}/queues/q-sales/recording`,
      payload: { mode: 'never', announcement: 'none' },
      headers: { 'if-match': '"v1"' },
    });
    expect(saved.statusCode).toBe(200);
    const entries = (await api.as('admin', { method: 'GET', url: `${base}/audit` })).json().entries;
    expect(entries.map((e: { summary: string }) => e.summary)).toEqual([
      'admin gave queue Sales custom recording settings',
      'admin turned Call Continuity on for Harbor Roofing',
      'admin turned Call Continuity off for all tenants (2 tenants switched: Coastal HVAC, Sunrise Plumbing)',
      'tenantAdmin turned Call Continuity on for Sunrise Plumbing',
    ]);
    expect(entries[1].changes).toEqual([{ field: 'Enabled', before: 'off', after: 'on' }]);
    expect(entries[0].changes).toEqual([{ field: 'Record', before: '—', after: 'Mode: never; Announcement: none' }]);
  });

  it("C15 hardening item 10: the source is the credential's, whatever the client claims, and the client's address is kept", async () => {
    await api.as('admin', {
      method: 'POST',
      url: `${base}/tenants/harbor-roofing/continuity/switch`,
      payload: { enabled: false },
      headers: { 'x-switchboard-source': 'ui' },
    });
    const [entry] = (await api.as('admin', { method: 'GET', url: `${base}/audit?limit=1` })).json().entries;
    expect(entry).toMatchObject({ action: 'continuity.switch_off', source: 'api', address: '127.0.0.1' });
    const csv = (await api.as('admin', { method: 'GET', url: `${base}/audit?format=csv` })).body.split('\r\n');
    expect(csv[0]).toBe('id,at,actor,source,address,action,summary,resource_type,resource_id,tenants,before,after');
    expect(csv[1]).toContain(',admin,api,127.0.0.1,continuity.switch_off,admin turned Call Continuity off for Harbor Roofing,');
  });

  it('C15 filters by tenant, action and source, and pages with a cursor', async () => {
    const byTenant = (await api.as('admin', { method: 'GET', url: `${base}/audit?tenantId=sunrise-plumbing` })).json();
    expect(byTenant.entries.map((e: { action: string }) => e.action)).toEqual(['continuity.turn_off_for_all', 'continuity.switch_on']);
    const byAction = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=continuity.turn_off_for_all` })).json();
    expect(byAction.entries).toHaveLength(1);
    expect((await api.as('admin', { method: 'GET', url: `${base}/audit?source=ui` })).json().entries).toHaveLength(1);
    const first = (await api.as('admin', { method: 'GET', url: `${base}/audit?limit=2` })).json();
    expect(first.entries).toHaveLength(2);
    const second = (await api.as('admin', { method: 'GET', url: `${base}/audit?limit=2&before=${first.nextCursor}` })).json();
    expect(second.entries.map((e: { action: string }) => e.action)).toEqual(['continuity.switch_on']);
    expect(second.nextCursor).toBeNull();
  });

  it('C15 filters by time in any time zone, to the millisecond', async () => {
    const entries = (await api.as('admin', { method: 'GET', url: `${base}/audit` })).json().entries as { at: string }[];
    const newest = new Date(entries[0]!.at);
    const sameInstantElsewhere = new Date(newest.getTime() + 2 * 3600_000)
      .toISOString()
      .replace('Z', '+02:00')
      .replace(/\.\d{3}/, '');
    const fromSecond = encodeURIComponent(sameInstantElsewhere);
    const found = (await api.as('admin', { method: 'GET', url: `${base}/audit?from=${fromSecond}` })).json().entries as { at: string }[];
    expect(found.map((e) => e.at)).toContain(entries[0]!.at);
  });

  it('C15 exports as CSV, one row per change', async () => {
    const response = await api.as('admin', { method: 'GET', url: `${base}/audit?format=csv` });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="audit-summit.csv"');
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,source,address,action,summary,resource_type,resource_id,tenants,before,after');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain(
      ',tenantAdmin,ui,127.0.0.1,continuity.switch_on,tenantAdmin turned Call Continuity on for Sunrise Plumbing,tenant,sunrise-plumbing,sunrise-plumbing,"{""enabled"":false}","{""enabled"":true}"',
    );
  });

  it('CSV cells never run as spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const start of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(start).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('C15 only network administrators read it; another network gets a 404; a bad filter names the field', async () => {
    expect((await api.as('tenantAdmin', { method: 'GET', url: `${base}/audit` })).statusCode).toBe(403);
    expect((await api.as('otherAdmin', { method: 'GET', url: `${base}/audit` })).statusCode).toBe(404);
    expect((await api.as(null, { method: 'GET', url: `${base}/audit` })).statusCode).toBe(401);
    const bad = await api.as('admin', { method: 'GET', url: `${base}/audit?format=xml` });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({
      field: 'querystring.format',
      value: 'xml',
      message: 'querystring.format: must be one of json, csv (got "xml").',
    });
    const other = (await api.as('otherAdmin', { method: 'GET', url: '/api/networks/other/audit' })).json();
    expect(other.entries).toEqual([]);
  });
});
