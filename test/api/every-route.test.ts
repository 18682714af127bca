/**
 * Every route of the OpenAPI document, not a hand-picked list: without credentials it answers 401
 * (unless public), and to another network's administrator it answers 404, never 403 or data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

// Health probes and metrics: public here (/metrics answers loopback, which inject is, or its own token).
const PUBLIC = new Set(['GET /api/health', 'GET /api/health/live', 'GET /api/health/calls', 'GET /metrics', 'POST /api/session']);
const NOT_NETWORK_SCOPED = new Set(['GET /api/session', 'DELETE /api/session', 'GET /api/networks', 'GET /api/events']);
const PARAMS: Record<string, string> = {
  networkId: 'summit',
  tenantId: 'sunrise-plumbing',
  queueId: 'q-service',
  employeeId: 'emp-ana',
  trackingNumberId: 'tn-sunrise-main',
  value: '212',
  voiceAgentId: 'va-sunrise-ava',
};

describe.each(DIALECTS)('every route on %s', (dialect) => {
  let api: TestApi;
  let routes: { method: string; path: string; url: string }[];
  beforeAll(async () => {
    api = await startTestApi(dialect);
    const doc = (await api.as(null, { method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase(),
        path,
        url: path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? name),
      })),
    );
  });
  afterAll(async () => api.close());

  it('the document lists every resource of the API', () => {
    const paths = new Set(routes.map((r) => r.path));
    for (const resource of [
      'networks',
      'tenants',
      'tracking-numbers',
      'employees',
      'queues',
      'voice-agents',
      'recording-defaults',
      'exclusions',
      'continuity',
      'audit',
      'test-call',
      'calls',
      // Issue 17: B8, B10, B3.
      'live-calls',
      'recording-pause',
      'recording-retention',
      'legal-holds',
      'webhooks',
      'deliveries',
    ]) {
      expect(
        [...paths].some((p) => p.includes(`/${resource}`)),
        resource,
      ).toBe(true);
    }
    expect(routes.length).toBeGreaterThanOrEqual(28);
  });

  it('401 without credentials on every route that is not public', async () => {
    for (const route of routes) {
      if (PUBLIC.has(`${route.method} ${route.path}`)) continue;
      const response = await api.as(null, {
        method: route.method as 'GET',
        url: route.url,
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it("404 to another network's administrator on every network-scoped route", async () => {
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC.has(key) || NOT_NETWORK_SCOPED.has(key)) continue;
      const response = await api.as('otherAdmin', {
        method: route.method as 'GET',
        url: route.url,
        headers: { 'if-match': '"v1"' },
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(response.statusCode, key).toBe(404);
      expect(response.json().error.code, key).toBe('not_found');
    }
  });

  it("a network's own URL with another network's record ids finds nothing: every repository filters by network", async () => {
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC.has(key) || NOT_NETWORK_SCOPED.has(key) || !/\{(?!networkId)\w+\}/.test(route.path)) continue;
      const url = route.url.replace('/api/networks/summit', '/api/networks/other');
      const response = await api.as('otherAdmin', {
        method: route.method as 'GET',
        url,
        headers: { 'if-match': '"v1"' },
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      // A body the route cannot accept may be refused first (422); what must never happen is a success or a 403.
      expect([404, 422], `${key} -> ${response.statusCode} ${response.body.slice(0, 120)}`).toContain(response.statusCode);
    }
    // And with bodies that are valid, the records themselves are not found.
    const etag = { 'if-match': '"v1"' };
    const checks: [string, string, object | undefined][] = [
      ['PUT', '/api/networks/other/tenants/sunrise-plumbing/core-recording', { inbound: 'never', outbound: 'never' }],
      ['POST', '/api/networks/other/tenants/sunrise-plumbing/continuity/switch', { enabled: true }],
      ['PUT', '/api/networks/other/tracking-numbers/tn-sunrise-main/continuity-number', { continuityNumber: null }],
      ['PUT', '/api/networks/other/tracking-numbers/tn-sunrise-main/workflow', { workflow: { kind: 'queue', queueId: 'q-other' } }],
      ['PUT', '/api/networks/other/queues/q-service/recording', { mode: 'never', announcement: 'none' }],
      ['DELETE', '/api/networks/other/employees/emp-ana/recording', undefined],
      ['PATCH', '/api/networks/other/voice-agents/va-sunrise-ava', { enabled: false }],
      ['DELETE', '/api/networks/other/exclusions/212', undefined],
      ['GET', '/api/networks/other/tenants/sunrise-plumbing', undefined],
      ['GET', '/api/networks/other/tenants/sunrise-plumbing/continuity', undefined],
    ];
    for (const [method, url, payload] of checks) {
      const response = await api.as('otherAdmin', {
        method: method as 'GET',
        url,
        headers: etag,
        ...(payload === undefined ? {} : { payload }),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it("the networks resource shows only the caller's network, with its badge and abilities", async () => {
    const mine = (await api.as('tenantAdmin', { method: 'GET', url: '/api/networks' })).json();
    expect(mine.networks).toHaveLength(1);
    expect(mine.networks[0]).toMatchObject({
      id: 'summit',
      slug: 'summit',
      name: 'Summit Home Services',
      tenantCount: 4,
      continuity: { status: 'partial', on: 1, total: 4 },
      abilities: { switchContinuityForAll: false },
    });
    expect((await api.as('admin', { method: 'GET', url: '/api/networks/summit' })).json().abilities.switchContinuityForAll).toBe(true);
  });
});
