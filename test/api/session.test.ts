import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

describe.each(DIALECTS)('sessions and authentication on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  const login = (email: string, password = PASSWORD) => api.as(null, { method: 'POST', url: '/api/session', payload: { email, password } });

  it('signs in with a password: an HttpOnly, SameSite=Strict session cookie, a CSRF token and the abilities', async () => {
    const response = await login('tenantadmin@example.com');
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'sb_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const body = response.json();
    expect(body.user).toMatchObject({ email: 'tenantadmin@example.com', networkAdmin: false });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(body.abilities.network).toEqual({
      viewContinuityStatus: false,
      switchContinuityForAll: false,
      viewRecordingSettings: true,
      editRecordingSettings: false,
      viewAuditLog: false,
      useAgentConsole: false,
    });
    expect(Object.keys(body.abilities.tenants)).toEqual(['sunrise-plumbing']);
    expect(body.abilities.tenants['sunrise-plumbing']).toEqual({
      view: true,
      manageContinuity: true,
      switchContinuity: true,
      editCoreRecording: true,
      testCall: true,
    });
  });

  it('refuses a wrong password or an unknown email with the same answer', async () => {
    const wrong = await login('admin@example.com', 'nope');
    const unknown = await login('nobody@example.com', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_login');
  });

  it('rate-limits sign-in attempts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await login('admin@example.com', 'nope')).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  it('validates the sign-in body, naming the field', async () => {
    const response = await api.as(null, { method: 'POST', url: '/api/session', payload: { email: 'admin@example.com' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'invalid_value', field: 'body.password' });
  });

  it('a session reads with the cookie; a write needs the CSRF token too', async () => {
    const response = await login('admin@example.com');
    const cookie = `sb_session=${response.cookies.find((c) => c.name === 'sb_session')!.value}`;
    const csrf = response.json().csrfToken as string;
    const me = await api.as(null, { method: 'GET', url: '/api/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const switchOn = (headers: Record<string, string>) =>
      api.as(null, {
        method: 'POST',
        url: '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch',
        payload: { enabled: true },
        headers: { cookie, ...headers },
      });
    const withoutToken = await switchOn({});
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('csrf_token_missing');
    expect((await switchOn({ 'x-csrf-token': csrf })).statusCode).toBe(200);
    // A session's secret is not an API token, whether or not its identity is cached.
    const secret = cookie.split('=')[1]!;
    expect((await api.as(null, { method: 'GET', url: '/api/session', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(
      401,
    );
    const out = await api.as(null, { method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect((await api.as(null, { method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('every route but health and sign-in needs authentication', async () => {
    expect((await api.as(null, { method: 'GET', url: '/api/health' })).json()).toEqual({
      status: 'ok',
      database: dialect,
      live: true,
      databaseUp: true,
      servingCalls: true,
    });
    for (const url of [
      '/api/session',
      '/api/networks/summit/tenants',
      '/api/networks/summit/continuity',
      '/api/networks/summit/recording-defaults',
    ]) {
      const response = await api.as(null, { method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
    expect((await api.as(null, { method: 'GET', url: '/api/session', headers: { authorization: 'Bearer sb_forged' } })).statusCode).toBe(
      401,
    );
  });

  it('serves the OpenAPI document listing the resources, and the docs page', async () => {
    const doc = (await api.as(null, { method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/session',
      '/api/networks/{networkId}/tenants',
      '/api/networks/{networkId}/continuity',
      '/api/networks/{networkId}/continuity/turn-on-for-all',
      '/api/networks/{networkId}/tenants/{tenantId}/continuity/switch',
      '/api/networks/{networkId}/recording-defaults',
      '/api/networks/{networkId}/test-call',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect((await api.as(null, { method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});
