/** C12 over a real socket: the events an agent's browser receives, and how fast. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

interface Received {
  event: string;
  data: { version: number; tenantsInContinuity: { id: string; name: string }[]; changedTenantIds: string[] };
  at: number;
}

/** Opens the event stream as a persona and collects its events. */
async function listen(url: string, token: string, into: Received[]): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) into.push({ event, data: JSON.parse(data), at: performance.now() });
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return abort;
}

describe.each(DIALECTS)('C12 continuity events on %s', (dialect) => {
  let api: TestApi;
  let url: string;
  beforeEach(async () => {
    api = await startTestApi(dialect);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const address = api.app.server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  });
  afterEach(async () => api.close());

  it('C12 an agent sees who is in continuity at once, and every switch within 2 seconds, without reloading', async () => {
    const received: Received[] = [];
    const abort = await listen(`${url}/api/events`, await agentToken(api), received);
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]!.data.tenantsInContinuity).toEqual([{ id: 'coastal-hvac', name: 'Coastal HVAC' }]);

    const start = performance.now();
    await api.as('admin', {
      method: 'POST',
      url: '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch',
      payload: { enabled: true },
    });
    await expect.poll(() => received.length, { timeout: 2000, interval: 10 }).toBe(2);
    expect(received[1]!.at - start).toBeLessThan(2000);
    expect(received[1]!.data.changedTenantIds).toEqual(['sunrise-plumbing']);
    expect(received[1]!.data.tenantsInContinuity.map((t) => t.id)).toEqual(['coastal-hvac', 'sunrise-plumbing']);

    await api.as('admin', { method: 'POST', url: '/api/networks/summit/continuity/turn-off-for-all', payload: {} });
    await expect.poll(() => received.length, { timeout: 2000, interval: 10 }).toBe(3);
    expect(received[2]!.data.tenantsInContinuity).toEqual([]);
    abort.abort();
  });

  it('C12 a change in another network is never sent', async () => {
    const received: Received[] = [];
    const abort = await listen(`${url}/api/events`, await agentToken(api), received);
    await expect.poll(() => received.length).toBe(1);
    await api.as('otherAdmin', {
      method: 'POST',
      url: '/api/networks/other/tenants/other-tenant/continuity/switch',
      payload: { enabled: true },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(1);
    abort.abort();
  });

  it('C12 a user who is neither an agent nor an administrator sees only the tenants they may see', async () => {
    const received: Received[] = [];
    const abort = await listen(`${url}/api/events`, await tokenOf(api, 'tenantadmin@example.com'), received);
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]!.data.tenantsInContinuity).toEqual([]);
    await api.as('admin', {
      method: 'POST',
      url: '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch',
      payload: { enabled: true },
    });
    await expect.poll(() => received.length, { timeout: 2000 }).toBe(2);
    expect(received[1]!.data.tenantsInContinuity).toEqual([{ id: 'sunrise-plumbing', name: 'Sunrise Plumbing' }]);
    abort.abort();
  });

  it('C12 C10 Turn On For All in a network of 250 tenants reaches the agent: every tenant switched is among the changed ones (on PostgreSQL the notice says "every tenant", past what a NOTIFY may carry)', async () => {
    for (let i = 0; i < 250; i++) {
      const response = await api.as('admin', { method: 'POST', url: '/api/networks/summit/tenants', payload: { name: `Bulk ${i}` } });
      expect(response.statusCode).toBe(201);
    }
    const received: Received[] = [];
    const abort = await listen(`${url}/api/events`, await agentToken(api), received);
    await expect.poll(() => received.length).toBe(1);
    const response = await api.as('admin', {
      method: 'POST',
      url: '/api/networks/summit/continuity/turn-on-for-all',
      payload: { includeTenantIds: [] },
    });
    expect(response.statusCode).toBe(200);
    const { switched } = response.json() as { switched: string[] };
    expect(switched.length).toBeGreaterThanOrEqual(250);
    await expect.poll(() => received.length, { timeout: 2000, interval: 10 }).toBe(2);
    expect(received[1]!.data.changedTenantIds).toEqual(expect.arrayContaining(switched));
    expect(received[1]!.data.tenantsInContinuity.map((t) => t.id)).toEqual(expect.arrayContaining(switched));
    abort.abort();
  }, 60_000);

  it('B5 C12 an approval request, and its refusal, reach every open page at once (the lists of requests refresh without a reload)', async () => {
    const received: Received[] = [];
    const abort = await listen(`${url}/api/events`, await agentToken(api), received);
    await expect.poll(() => received.length).toBe(1);
    const policy = await api.as('admin', {
      method: 'PUT',
      url: '/api/networks/summit/continuity/approval-policy',
      payload: { mode: 'every_switch', expiryMinutes: 60 },
    });
    expect(policy.statusCode).toBe(200);
    const asked = await api.as('admin', {
      method: 'POST',
      url: '/api/networks/summit/continuity/approvals',
      payload: { switch: { command: 'continuity.switch', input: { tenantId: 'sunrise-plumbing', enabled: true } } },
    });
    expect(asked.statusCode).toBe(201);
    await expect.poll(() => received.length, { timeout: 2000, interval: 10 }).toBe(2);
    expect(received[1]!.data.version).toBeGreaterThan(received[0]!.data.version);
    expect(received[1]!.data.changedTenantIds).toEqual(['sunrise-plumbing']);
    // Nothing switched: the request only waits.
    expect(received[1]!.data.tenantsInContinuity).toEqual(received[0]!.data.tenantsInContinuity);
    const { id, version } = asked.json() as { id: string; version: number };
    const refused = await api.as('secondAdmin', {
      method: 'POST',
      url: `/api/networks/summit/continuity/approvals/${id}/refuse`,
      headers: { 'if-match': `"${version}"` },
      payload: { reason: 'not now' },
    });
    expect(refused.statusCode).toBe(200);
    await expect.poll(() => received.length, { timeout: 2000, interval: 10 }).toBe(3);
    abort.abort();
  });

  it('needs authentication', async () => {
    expect((await fetch(`${url}/api/events`)).status).toBe(401);
  });
});

/** A fresh API token for the agent persona, created the way `switchboard token create` does. */
const agentToken = (api: TestApi) => tokenOf(api, 'agent@example.com');

async function tokenOf(api: TestApi, email: string): Promise<string> {
  const { hashSecret, newSecret } = await import('../../src/app/auth/secrets.js');
  const { insertToken } = await import('../../src/store/users.repository.js');
  const user = await api.store.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const token = newSecret('sb_');
  await insertToken(api.store.db, { userId: user.id, name: 'events', tokenHash: hashSecret(token) });
  return token;
}
