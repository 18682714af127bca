/**
 * Hardening items 7-9: sign-in limits that no one can use to lock everyone out, API tokens that
 * can be listed, revoked and expire, sessions swept, event streams capped, password hashes made
 * stronger at the next sign-in.
 */
import { scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application.js';
import { buildApp } from '../../src/edges/http/app.js';
import { sweepExpired } from '../../src/app/commands/sweeper.js';
import { SnapshotCache } from '../../src/runtime/snapshot-cache.js';
import { insertSession, insertToken } from '../../src/store/users.repository.js';
import { PASSWORD, startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const signIn = (api: TestApi, email: string, password: string, headers: Record<string, string> = {}) =>
  api.app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, headers });

describe.each(DIALECTS)('sign-in limits on %s', (dialect) => {
  // Five wrong passwords a minute per address and account (the test API's SWITCHBOARD_LOGIN_RATE).
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  afterAll(async () => api.close());

  it('item 7: wrong passwords block the address and account pair, not the account from elsewhere nor other accounts from that address; correct passwords never count', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(api, 'admin@example.com', 'wrong')).statusCode).toBe(401);
    const blocked = await signIn(api, 'admin@example.com', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ code: 'sign_in_throttled', field: 'email' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Behind a load balancer every client has its address: a colleague signs in all the same.
    expect((await signIn(api, 'agent@example.com', PASSWORD)).statusCode).toBe(200);
    // Without SWITCHBOARD_TRUST_PROXY a forwarded address is not believed: no way around the limit.
    expect((await signIn(api, 'admin@example.com', PASSWORD, { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(429);
    // Correct passwords are not failures: more than five in a minute are all accepted.
    for (let i = 0; i < 6; i++) expect((await signIn(api, 'agent@example.com', PASSWORD)).statusCode, `sign-in ${i + 1}`).toBe(200);
  }, 60_000);

  it("item 7: behind a trusted proxy the client's address counts, the counts are shared by every node, and an account attacked from many addresses slows down without locking its owner out", async () => {
    const proxied = await startTestApi(dialect, { trustProxy: true });
    try {
      const from = (address: string) => ({ 'x-forwarded-for': address });
      for (let i = 0; i < 5; i++)
        expect((await signIn(proxied, 'tenantadmin@example.com', 'wrong', from('203.0.113.9'))).statusCode).toBe(401);
      expect((await signIn(proxied, 'tenantadmin@example.com', PASSWORD, from('203.0.113.9'))).statusCode).toBe(429);
      // A second node on the same database refuses that pair too.
      const snapshots = new SnapshotCache(proxied.store);
      const second = await buildApp({
        app: createApplication(proxied.store, snapshots),
        config: { secureCookies: false, sessionHours: 1, loginRatePerMinute: 5, trustProxy: true },
      });
      const onSecond = await second.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'tenantadmin@example.com', password: PASSWORD },
        headers: from('203.0.113.9'),
      });
      expect(onSecond.statusCode).toBe(429);
      await second.close();
      snapshots.close();
      // The owner, from their own address, is not locked out.
      expect((await signIn(proxied, 'tenantadmin@example.com', PASSWORD, from('192.0.2.44'))).statusCode).toBe(200);

      // Ten wrong passwords from ten addresses: the account waits before each further attempt, wherever it comes from.
      for (let i = 0; i < 10; i++)
        expect((await signIn(proxied, 'phoneonly@example.com', 'wrong', from(`198.51.100.${i + 1}`))).statusCode).toBe(401);
      const slowed = await signIn(proxied, 'phoneonly@example.com', PASSWORD, from('192.0.2.200'));
      expect(slowed.statusCode).toBe(429);
      expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60);
      await new Promise((resolve) => setTimeout(resolve, Number(slowed.headers['retry-after']) * 1000 + 100));
      expect((await signIn(proxied, 'phoneonly@example.com', PASSWORD, from('192.0.2.200'))).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  }, 90_000);

  it("item 9: a password hashed with older scrypt parameters still signs in, and is hashed again with today's", async () => {
    const salt = Buffer.alloc(16, 7);
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url')}`;
    await api.store.db.updateTable('users').set({ password_hash: old }).where('email', '=', 'recordingeditor@example.com').execute();
    expect((await signIn(api, 'recordingeditor@example.com', PASSWORD)).statusCode).toBe(200);
    const { password_hash: now } = await api.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'recordingeditor@example.com')
      .executeTakeFirstOrThrow();
    expect(now).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await signIn(api, 'recordingeditor@example.com', PASSWORD)).statusCode).toBe(200);
  }, 30_000);
});

describe.each(DIALECTS)('API tokens on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  afterAll(async () => api.close());
  const base = '/api/networks/summit/tokens';

  it('item 8: a network administrator creates a token (shown once), lists tokens without secrets, sees its last use, and revokes it: it stops at once; each is audited', async () => {
    const created = await api.as('admin', {
      method: 'POST',
      url: base,
      payload: { name: 'billing sync', email: 'agent@example.com', expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { token, details } = created.json();
    expect(details).toMatchObject({ name: 'billing sync', user: { email: 'agent@example.com' }, lastUsedAt: null, expired: false });
    expect(Date.parse(details.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const use = await api.app.inject({ method: 'GET', url: '/api/session', headers: { authorization: `Bearer ${token}` } });
    expect(use.json().user.email).toBe('agent@example.com');
    const listed = await api.as('admin', { method: 'GET', url: base });
    expect(listed.body).not.toContain(token);
    const entry = listed.json().tokens.find((t: { id: string }) => t.id === details.id);
    expect(Date.parse(entry.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await api.as('admin', { method: 'DELETE', url: `${base}/${details.id}` })).statusCode).toBe(204);
    expect((await api.app.inject({ method: 'GET', url: '/api/session', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
      401,
    );
    expect((await api.as('admin', { method: 'DELETE', url: `${base}/${details.id}` })).statusCode).toBe(404);
    const audit = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/audit?limit=2' })).json().entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['token.revoke', 'token.create']);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('item 8: an expired token signs nobody in and is listed as expired', async () => {
    const { hashSecret } = await import('../../src/app/auth/secrets.js');
    const userId = (await api.store.db.selectFrom('users').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow())
      .id;
    const id = await insertToken(api.store.db, {
      userId,
      name: 'old',
      tokenHash: hashSecret('sb_expired-secret'),
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/session', headers: { authorization: 'Bearer sb_expired-secret' } })).statusCode,
    ).toBe(401);
    const listed = (await api.as('admin', { method: 'GET', url: base })).json().tokens.find((t: { id: string }) => t.id === id);
    expect(listed.expired).toBe(true);
  });

  it('item 8: only network administrators manage tokens, in their own network only; bad input names the field', async () => {
    expect((await api.as('tenantAdmin', { method: 'GET', url: base })).statusCode).toBe(403);
    expect((await api.as('agent', { method: 'POST', url: base, payload: { name: 'mine' } })).statusCode).toBe(403);
    expect((await api.as('otherAdmin', { method: 'GET', url: base })).statusCode).toBe(404);
    const theirs = (await api.as('otherAdmin', { method: 'POST', url: '/api/networks/other/tokens', payload: { name: 'theirs' } })).json()
      .details.id as string;
    expect((await api.as('admin', { method: 'DELETE', url: `${base}/${theirs}` })).statusCode).toBe(404);
    expect((await api.as('admin', { method: 'GET', url: base })).json().tokens.map((t: { id: string }) => t.id)).not.toContain(theirs);
    const stranger = await api.as('admin', { method: 'POST', url: base, payload: { name: 'x', email: 'otheradmin@example.com' } });
    expect(stranger.json().error).toMatchObject({ code: 'invalid_value', field: 'body.email' });
    const never = await api.as('admin', { method: 'POST', url: base, payload: { name: 'x', expiresInDays: 0 } });
    expect(never.json().error).toMatchObject({ code: 'invalid_value', field: 'body.expiresInDays' });
  });
});

describe.each(DIALECTS)('sessions and event streams on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect, { streamsPerUser: 3 });
  });
  afterAll(async () => api.close());

  it('item 9: expired sessions are swept; live ones stay', async () => {
    const userId = (await api.store.db.selectFrom('users').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow())
      .id;
    await insertSession(api.store.db, { idHash: 'ended', userId, csrfToken: 'x', expiresAt: new Date(Date.now() - 1000).toISOString() });
    await insertSession(api.store.db, {
      idHash: 'live',
      userId,
      csrfToken: 'y',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(await sweepExpired(api.store)).toBe(1);
    const left = await api.store.db.selectFrom('sessions').select('id_hash').execute();
    expect(left.map((s) => s.id_hash)).toEqual(['live']);
  });

  it('item 9: one user holds at most SWITCHBOARD_STREAMS_PER_USER event streams on a node; one more is a clear 429, and a closed one frees its place', async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(api.app.server.address() as { port: number }).port}/api/events`;
    const open = async (persona: 'agent' | 'admin') => {
      const abort = new AbortController();
      const response = await fetch(url, { headers: { authorization: `Bearer ${api.token(persona)}` }, signal: abort.signal });
      return { response, abort };
    };
    const streams = [await open('agent'), await open('agent'), await open('agent')];
    for (const { response } of streams) expect(response.status).toBe(200);
    const refused = await open('agent');
    expect(refused.response.status).toBe(429);
    expect(((await refused.response.json()) as { error: { code: string } }).error.code).toBe('too_many_streams');
    expect((await open('admin')).response.status).toBe(200); // another user is not affected
    streams[0]!.abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await open('agent')).response.status).toBe(200);
  });
});
