/**
 * Issue 13, item 7: what an operator watches. Liveness and readiness for calls apart from the
 * database's health; /metrics in Prometheus's text format, fed by real calls and changes, behind a
 * token or a private address. And item 4's refusal: a database that cannot be reached is a 503
 * database_unavailable, told apart from a query it refused.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asE164 } from '../../src/domain/phone-number.js';
import { isPrivateAddress } from '../../src/edges/http/routes/health.routes.js';
import { isDatabaseUnavailable } from '../../src/store/db.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

describe.each(DIALECTS)('health and metrics on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  afterAll(async () => api.close());

  it('item 7: liveness answers while the process does; readiness for calls says whether this node routes calls now', async () => {
    expect((await api.as(null, { method: 'GET', url: '/api/health/live' })).json()).toEqual({ status: 'ok' });
    const calls = await api.as(null, { method: 'GET', url: '/api/health/calls' });
    expect(calls.statusCode).toBe(200);
    expect(api.application.calls.servingCalls()).toBe(true);
    expect((await api.as(null, { method: 'GET', url: '/api/health' })).json()).toMatchObject({
      live: true,
      databaseUp: true,
      servingCalls: true,
    });
  });

  it('item 7: /metrics counts route decisions by kind with their latency, the live calls, the snapshot version and the change feed lag', async () => {
    const scrape = async () => {
      const response = await api.as(null, { method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/plain');
      return response.body;
    };
    const before = await scrape();
    const routed = await api.application.calls.route({
      callId: `m-${dialect}`,
      from: asE164('+14158672200'),
      to: asE164('+16198675301'),
      at: Date.now(),
      source: 'test',
    });
    expect(routed?.route.kind).toBe('workflow');
    await api.as('admin', {
      method: 'POST',
      url: '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch',
      payload: { enabled: true },
    });
    const after = await scrape();
    const workflow = 'switchboard_route_decisions_total\\{kind="workflow"\\}';
    expect((metric(after, workflow) || 0) - (metric(before, workflow) || 0)).toBe(1);
    expect(
      metric(after, 'switchboard_route_decision_seconds_count') - (metric(before, 'switchboard_route_decision_seconds_count') || 0),
    ).toBe(1);
    expect(metric(after, 'switchboard_live_calls')).toBe(1);
    const version = (await api.as('admin', { method: 'GET', url: '/api/networks/summit' })).json().version as number;
    expect(metric(after, 'switchboard_snapshot_version\\{network="summit"\\}')).toBe(version);
    expect(metric(after, 'switchboard_change_propagation_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(metric(after, 'switchboard_database_up')).toBe(1);
    expect(metric(after, 'switchboard_serving_calls')).toBe(1);
    await api.application.calls.ended(`m-${dialect}`, Date.now());
    expect(metric(await scrape(), 'switchboard_live_calls')).toBe(0);
  });

  it('item 7: without a token /metrics answers loopback and private addresses only', async () => {
    const outside = await api.as(null, { method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toContain('SWITCHBOARD_METRICS_TOKEN');
    expect((await api.as(null, { method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
  });
});

describe('metrics behind a token', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { metricsToken: TOKEN });
  });
  afterAll(async () => api.close());

  it('item 7: with SWITCHBOARD_METRICS_TOKEN set, /metrics needs it from any address, loopback included', async () => {
    expect((await api.as(null, { method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await api.as(null, { method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    const right = await api.as(null, {
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('# TYPE switchboard_route_decisions_total counter');
  });
});

describe('what counts as a private address and as a database that is gone', () => {
  it('item 7: loopback and RFC 1918 / unique local addresses are private; others are not', () => {
    for (const address of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      'fd12:3456::1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['203.0.113.9', '172.32.0.1', '8.8.8.8', '2001:db8::1', 'fe80::1', undefined]) {
      expect(isPrivateAddress(address), String(address)).toBe(false);
    }
  });

  it('item 4: a refused connection is a database that is gone; a query the database refuses is not', async () => {
    const nowhere = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', connectionTimeoutMillis: 2000 });
    const refused = await nowhere.connect().then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const admin = new pg.Client({
      connectionString: process.env.SWITCHBOARD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    try {
      const syntax = await admin.query('selec 1').then(
        () => null,
        (error: unknown) => error,
      );
      expect(syntax).not.toBeNull();
      expect(isDatabaseUnavailable(syntax)).toBe(false);
    } finally {
      await admin.end();
    }
  });
});
