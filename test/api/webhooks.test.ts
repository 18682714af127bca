/**
 * B3 on both databases: subscriptions (administrators only, the secret shown once, the target
 * policy), and deliveries to a real HTTP receiver on loopback that checks every signature with its
 * own HMAC (not the library Switchboard signs with): a change is delivered once, signed; a receiver
 * down for an hour loses nothing and then gets everything once per webhook-id, in order; a change
 * rolled back sends nothing; calls and recordings are told of too.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepExpired } from '../../src/app/commands/sweeper.js';
import { deliverWebhooks } from '../../src/app/webhook-deliverer.js';
import { asE164 } from '../../src/domain/phone-number.js';
import { write } from '../../src/store/unit-of-work.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const SWITCH = `${base}/tenants/sunrise-plumbing/continuity/switch`;
const SETTINGS = { allowPrivate: true };

interface Received {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: string;
}

/** A receiver as a customer would write one: it keeps what it is sent, and can be taken down and brought back on its port. */
class Receiver {
  readonly received: Received[] = [];
  private server: Server | null = null;
  port = 0;

  async up(): Promise<void> {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        this.received.push({
          id: String(request.headers['webhook-id']),
          timestamp: String(request.headers['webhook-timestamp']),
          signature: String(request.headers['webhook-signature']),
          body,
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/switchboard`;
  }
}

/** The Standard Webhooks signature, computed here with Node's HMAC: `v1,` base64(HMAC-SHA256(secret, id.timestamp.body)). */
function signedBy(secret: string, message: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${message.id}.${message.timestamp}.${message.body}`).digest();
  return message.signature.split(' ').some((part) => {
    const [version, value] = part.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe.each(DIALECTS)('B3 signed webhooks (%s)', (dialect) => {
  let api: TestApi;
  let receiver: Receiver;
  beforeEach(async () => {
    api = await startTestApi(dialect, { webhooksAllowPrivate: true }, { secretKey: randomBytes(32).toString('hex') });
    receiver = new Receiver();
    await receiver.up();
  });
  afterEach(async () => {
    await receiver.down();
    await api.close();
  });

  const subscribe = async (eventTypes: string[] = ['continuity.changed']) => {
    const made = await api.as('admin', {
      method: 'POST',
      url: `${base}/webhooks`,
      payload: { url: receiver.url, eventTypes, description: 'CRM' },
    });
    expect(made.statusCode, made.body).toBe(201);
    return made.json() as { webhook: { id: string }; secret: string };
  };
  const switchTo = async (enabled: boolean) =>
    expect((await api.as('admin', { method: 'POST', url: SWITCH, payload: { enabled } })).statusCode).toBe(200);
  const bodies = () =>
    receiver.received.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> });

  it('B3 a subscription is made by network administrators only; its secret is shown once (never listed, never in the audit log)', async () => {
    const { webhook, secret } = await subscribe(['continuity.changed', 'recording.deleted']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await api.as('admin', { method: 'GET', url: `${base}/webhooks` });
    expect(listed.json().webhooks).toEqual([
      expect.objectContaining({
        id: webhook.id,
        url: receiver.url,
        eventTypes: ['continuity.changed', 'recording.deleted'],
        enabled: true,
      }),
    ]);
    expect(listed.json().eventTypes.map((t: { type: string }) => t.type)).toContain('call.decided');
    expect(listed.body).not.toContain(secret.slice(6, 30));
    const audit = await api.as('admin', { method: 'GET', url: `${base}/audit?action=webhook.create` });
    expect(audit.json().entries).toHaveLength(1);
    expect(audit.body).not.toContain(secret.slice(6, 30));
    for (const persona of ['tenantAdmin', 'agent'] as const)
      expect((await api.as(persona, { method: 'GET', url: `${base}/webhooks` })).statusCode).toBe(403);
    expect((await api.as('otherAdmin', { method: 'GET', url: `${base}/webhooks/${webhook.id}/deliveries` })).statusCode).toBe(404);
    const unknown = await api.as('admin', {
      method: 'POST',
      url: `${base}/webhooks`,
      payload: { url: receiver.url, eventTypes: ['continuity.exploded'] },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('eventTypes');
  });

  it('B3 a continuity switch is delivered once, signed (checked with an HMAC of our own), with the change in its body', async () => {
    const { secret } = await subscribe();
    await switchTo(true);
    const run = await deliverWebhooks(api.application, SETTINGS);
    expect(run).toMatchObject({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    const [message] = receiver.received;
    expect(signedBy(secret, message!)).toBe(true);
    expect(signedBy(`whsec_${randomBytes(32).toString('base64')}`, message!)).toBe(false);
    expect(Math.abs(Number(message!.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(bodies()[0]).toMatchObject({
      type: 'continuity.changed',
      data: { action: 'continuity.switch_on', resourceId: 'sunrise-plumbing', tenantIds: ['sunrise-plumbing'], actor: { name: 'admin' } },
    });
    // Delivered: nothing more is sent.
    expect(await deliverWebhooks(api.application, SETTINGS)).toMatchObject({ attempted: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('B3 a receiver down for an hour loses nothing: each attempt kept, tried again with back-off; once it is up it gets every event once per webhook-id, in order', async () => {
    const { webhook, secret } = await subscribe();
    await receiver.down();
    for (const enabled of [true, false, true]) await switchTo(enabled);
    const t0 = Date.now();
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    expect(await deliverWebhooks(api.application, SETTINGS, () => at(0))).toMatchObject({ fannedOut: 3, attempted: 1, delivered: 0 });
    const deliveries = async () =>
      (await api.as('admin', { method: 'GET', url: `${base}/webhooks/${webhook.id}/deliveries` })).json().deliveries as {
        eventId: string;
        seq: number;
        status: string;
        attempts: number;
        nextAttemptAt: string | null;
        lastError: string | null;
        history: { statusCode: number | null; error: string | null }[];
      }[];
    const first = (await deliveries()).at(-1)!;
    expect(first).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(5).toISOString() });
    expect(first.lastError).toMatch(/ECONNREFUSED/);
    // Not due yet: nothing is tried; later ones wait behind the first (in order).
    expect(await deliverWebhooks(api.application, SETTINGS, () => at(4))).toMatchObject({ attempted: 0 });
    expect(await deliverWebhooks(api.application, SETTINGS, () => at(5))).toMatchObject({ attempted: 1, delivered: 0 });
    expect((await deliveries()).at(-1)).toMatchObject({ attempts: 2, nextAttemptAt: at(15).toISOString() });
    // An hour of tries, each after its back-off (at most ten minutes apart).
    let now = 15;
    while (now < 3600) {
      await deliverWebhooks(api.application, SETTINGS, () => at(now));
      const next = (Date.parse((await deliveries()).at(-1)!.nextAttemptAt!) - t0) / 1000;
      expect(next - now, `the wait after the attempt at ${now} s`).toBeGreaterThan(0);
      expect(next - now).toBeLessThanOrEqual(600);
      now = next;
    }
    const waited = (await deliveries()).at(-1)!;
    expect(waited.status).toBe('pending');
    expect(waited.history.length).toBe(waited.attempts);
    expect(waited.attempts).toBeGreaterThanOrEqual(8);
    expect((await deliveries()).slice(0, 2).every((d) => d.attempts === 0)).toBe(true);

    await receiver.up();
    expect(await deliverWebhooks(api.application, SETTINGS, () => at(now))).toMatchObject({ attempted: 3, delivered: 3 });
    await deliverWebhooks(api.application, SETTINGS, () => at(now + 700));
    expect(receiver.received.map((r) => r.id)).toEqual([...(await deliveries())].reverse().map((d) => d.eventId));
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(3);
    expect(receiver.received.every((r) => signedBy(secret, r))).toBe(true);
    expect(bodies().map((b) => b.data.action)).toEqual(['continuity.switch_on', 'continuity.switch_off', 'continuity.switch_on']);
    expect((await deliveries()).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('B3 a delivery failing for three days is given up, and the next one goes; tried again by hand it gets a new stretch of attempts and is delivered', async () => {
    const { webhook } = await subscribe();
    await receiver.down();
    await switchTo(true);
    await switchTo(false);
    const t0 = Date.now();
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    await deliverWebhooks(api.application, SETTINGS, () => at(0));
    const url = `${base}/webhooks/${webhook.id}/deliveries`;
    type Delivery = { id: string; eventId: string; status: string; attempts: number };
    const deliveries = async () => (await api.as('admin', { method: 'GET', url })).json().deliveries as Delivery[];
    // Three days and a second later, one more failure gives it up.
    await deliverWebhooks(api.application, SETTINGS, () => at(3 * 86_400 + 1));
    const [second, first] = await deliveries();
    expect(first).toMatchObject({ status: 'failed', attempts: 2 });
    expect(second).toMatchObject({ status: 'pending' });
    // A given-up delivery no longer holds up the next; one still pending cannot be retried; an unknown one is not found.
    const retry = (id: string) => api.as('admin', { method: 'POST', url: `${url}/${id}/retry` });
    expect((await retry(second!.id)).statusCode).toBe(409);
    expect((await retry('nope')).statusCode).toBe(404);
    expect(
      (await api.as('otherAdmin', { method: 'POST', url: `/api/networks/other/webhooks/${webhook.id}/deliveries/${first!.id}/retry` }))
        .statusCode,
    ).toBe(404);
    // The one queued behind it starts its own stretch at its first attempt: one failure does not give it up.
    await deliverWebhooks(api.application, SETTINGS, () => at(3 * 86_400 + 2));
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await receiver.up();
    expect((await retry(first!.id)).statusCode).toBe(204);
    // Tried again now, before the second (in order): both delivered.
    await deliverWebhooks(api.application, SETTINGS, () => at(3 * 86_400 + 20));
    expect((await deliveries()).map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(receiver.received.map((r) => r.id)).toEqual([first!.eventId, second!.eventId]);
    const audit = await api.as('admin', { method: 'GET', url: `${base}/audit?action=webhook.retry` });
    expect(audit.json().entries).toEqual([expect.objectContaining({ resourceId: webhook.id })]);
  });

  it("B3 a name that resolves to a loopback or private address is refused when sent, not only when saved (this machine's own name)", async () => {
    const host = hostname();
    const addresses = await lookup(host, { all: true });
    expect(
      addresses.some((a) => /^127\.|^::1$/.test(a.address)),
      `${host} resolves to this machine (${addresses.map((a) => a.address).join(', ')})`,
    ).toBe(true);
    const strict = await startTestApi(dialect, {}, { secretKey: randomBytes(32).toString('hex') });
    try {
      const made = await strict.as('admin', {
        method: 'POST',
        url: `${base}/webhooks`,
        payload: { url: `https://${host}:${receiver.port}/in`, eventTypes: ['continuity.changed'] },
      });
      expect(made.statusCode, made.body).toBe(201);
      expect((await strict.as('admin', { method: 'POST', url: SWITCH, payload: { enabled: true } })).statusCode).toBe(200);
      expect(await deliverWebhooks(strict.application, { allowPrivate: false })).toMatchObject({ attempted: 1, delivered: 0 });
      const [delivery] = (await strict.as('admin', { method: 'GET', url: `${base}/webhooks/${made.json().webhook.id}/deliveries` })).json()
        .deliveries as { lastError: string }[];
      expect(delivery!.lastError).toMatch(new RegExp(`not sent: ${host} resolves to .*a loopback or private address`));
      expect(receiver.received).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('B3 a slow receiver holds up only itself: within one run another subscription gets all its events, and the run ends on its budget', async () => {
    const slow = createServer((request, response) => {
      request.resume();
      setTimeout(() => response.writeHead(204).end(), 700);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      await subscribe();
      const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/in`;
      const made = await api.as('admin', {
        method: 'POST',
        url: `${base}/webhooks`,
        payload: { url: slowUrl, eventTypes: ['continuity.changed'] },
      });
      expect(made.statusCode).toBe(201);
      for (const enabled of [true, false, true, false]) await switchTo(enabled);
      const started = Date.now();
      const run = await deliverWebhooks(api.application, { ...SETTINGS, runBudgetMs: 1000 });
      // The fast receiver got its four; the slow one two or so (700 ms each) before the budget ran out.
      expect(receiver.received).toHaveLength(4);
      expect(run.delivered).toBeGreaterThanOrEqual(5);
      expect(run.delivered).toBeLessThan(8);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  it('B3 a change rolled back sends nothing: its event was written in its transaction', async () => {
    await subscribe();
    const admin = { userId: null, name: 'test', source: 'api' } as const;
    await expect(
      write(api.store, admin, async (unit) => {
        await unit.audit('summit', {
          action: 'continuity.switch_on',
          resourceType: 'tenant',
          resourceId: 'sunrise-plumbing',
          tenantIds: ['sunrise-plumbing'],
          before: null,
          after: null,
        });
        throw new Error('the change failed after its audit entry');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliverWebhooks(api.application, SETTINGS)).toMatchObject({ fannedOut: 0, attempted: 0 });
    expect(receiver.received).toEqual([]);
  });

  it('B3 calls and recordings: a logged call is a call.decided event, a stored recording a recording.available event; a subscription hears only its types', async () => {
    const { secret } = await subscribe(['call.decided', 'recording.available']);
    const at = Date.now() - 30_000;
    await api.application.calls.route({ callId: 'wh-1', from: asE164('+14158672200'), to: asE164('+16198675301'), at, source: 'test' });
    api.application.calls.get('wh-1')!.answered(at + 2000, 'emp-ana');
    await api.application.calls.ended('wh-1', at + 20_000);
    const logged = await api.store.db.selectFrom('call_log').select('id').where('call_id', '=', 'wh-1').executeTakeFirstOrThrow();
    await api.application.calls.saveRecording('summit', {
      callLogId: logged.id,
      tenantId: 'sunrise-plumbing',
      sipCallId: 'wh-1',
      file: '',
      durationMs: 18_000,
      segments: [{ start: 2, end: 20 }],
      kind: 'queue',
      caller: '+14158672200',
    });
    await switchTo(true);
    await deliverWebhooks(api.application, SETTINGS);
    expect(receiver.received.every((r) => signedBy(secret, r))).toBe(true);
    expect(bodies().map((b) => b.type)).toEqual(['call.decided', 'recording.available']);
    expect(bodies()[0]!.data).toMatchObject({
      callLogId: logged.id,
      from: '+14158672200',
      to: '+16198675301',
      tenantId: 'sunrise-plumbing',
      route: { kind: 'workflow' },
      recorded: true,
    });
    expect(bodies()[1]!.data).toMatchObject({ callLogId: logged.id, durationMs: 18_000, kind: 'queue' });
  });

  it('B3 schedules and approvals are told: a schedule made is a continuity.schedule event, a switch asked for approval a continuity.approval event', async () => {
    const { secret } = await subscribe(['continuity.schedule', 'continuity.approval']);
    const scheduled = await api.as('admin', {
      method: 'POST',
      url: `${base}/continuity/schedules`,
      payload: { tenantId: 'sunrise-plumbing', onAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const policy = await api.as('admin', {
      method: 'PUT',
      url: `${base}/continuity/approval-policy`,
      payload: { mode: 'turn_on_for_all', expiryMinutes: 30 },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    const asked = await api.as('admin', {
      method: 'POST',
      url: `${base}/continuity/approvals`,
      payload: { switch: { command: 'continuity.turn_on_for_all', input: { includeTenantIds: [] } } },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    await deliverWebhooks(api.application, SETTINGS);
    expect(receiver.received.every((r) => signedBy(secret, r))).toBe(true);
    expect(bodies().map((b) => [b.type, b.data.action])).toEqual([
      ['continuity.schedule', 'continuity.schedule'],
      ['continuity.approval', 'continuity.approval_policy'],
      ['continuity.approval', 'continuity.approval_request'],
    ]);
  });

  it('B3 deliveries done with (delivered or given up) are kept a month for the page, then forgotten with their events; pending ones are kept', async () => {
    const { webhook } = await subscribe();
    await switchTo(true);
    await deliverWebhooks(api.application, SETTINGS);
    await receiver.down();
    await switchTo(false);
    await deliverWebhooks(api.application, SETTINGS);
    const count = async () =>
      (await api.as('admin', { method: 'GET', url: `${base}/webhooks/${webhook.id}/deliveries` })).json().deliveries.length;
    expect(await count()).toBe(2);
    await sweepExpired(api.store, new Date(Date.now() + 29 * 86_400_000));
    expect(await count()).toBe(2);
    await sweepExpired(api.store, new Date(Date.now() + 31 * 86_400_000));
    // The delivered one is gone with its event; the pending one stays (it is still owed).
    expect(await count()).toBe(1);
    expect(await api.store.db.selectFrom('webhook_events').select('id').execute()).toHaveLength(1);
  });

  it('B3 paused and removed subscriptions: a paused one keeps its deliveries until it is enabled again; a removed one gets nothing more', async () => {
    const { webhook } = await subscribe();
    const change = (enabled: boolean) =>
      api.as('admin', {
        method: 'PUT',
        url: `${base}/webhooks/${webhook.id}`,
        payload: { url: receiver.url, description: 'CRM', eventTypes: ['continuity.changed'], enabled },
      });
    expect((await change(false)).statusCode).toBe(200);
    await switchTo(true);
    await deliverWebhooks(api.application, SETTINGS);
    expect(receiver.received).toEqual([]);
    expect((await change(true)).statusCode).toBe(200);
    await deliverWebhooks(api.application, SETTINGS);
    expect(receiver.received).toHaveLength(1);
    expect((await api.as('admin', { method: 'DELETE', url: `${base}/webhooks/${webhook.id}` })).statusCode).toBe(204);
    await switchTo(false);
    await deliverWebhooks(api.application, SETTINGS);
    expect(receiver.received).toHaveLength(1);
  });
});

describe('B3 webhook targets in production: HTTPS, not loopback or private', () => {
  it('B3 http://, loopback, private and localhost targets are refused by name without SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE; a public HTTPS one is taken', async () => {
    const api = await startTestApi('sqlite', {}, { secretKey: randomBytes(32).toString('hex') });
    try {
      const subscribe = (url: string) =>
        api.as('admin', { method: 'POST', url: `${base}/webhooks`, payload: { url, eventTypes: ['continuity.changed'] } });
      for (const [url, why] of [
        ['http://hooks.example.com/in', 'must be an https:// address'],
        ['https://127.0.0.1/in', 'loopback or private'],
        ['https://10.1.2.3/in', 'loopback or private'],
        ['https://[::1]/in', 'loopback or private'],
        ['https://localhost:8443/in', 'loopback or private'],
        ['ftp://hooks.example.com/in', 'must be an https:// address'],
        ['not a url', 'is not an absolute address'],
      ] as const) {
        const refused = await subscribe(url);
        expect(refused.statusCode, url).toBe(422);
        expect(refused.json().error, url).toMatchObject({ field: 'url', message: expect.stringContaining(why) });
      }
      expect((await subscribe('https://hooks.example.com/in')).statusCode).toBe(201);
    } finally {
      await api.close();
    }
  });

  it('B3 without SWITCHBOARD_SECRET_KEY no subscription can be made (its secret could not be kept sealed): 503 naming the setting', async () => {
    const api = await startTestApi('sqlite', {}, {});
    try {
      const made = await api.as('admin', {
        method: 'POST',
        url: `${base}/webhooks`,
        payload: { url: 'https://hooks.example.com/in', eventTypes: ['continuity.changed'] },
      });
      expect(made.statusCode).toBe(503);
      expect(made.json().error).toMatchObject({ code: 'not_configured', field: 'SWITCHBOARD_SECRET_KEY' });
    } finally {
      await api.close();
    }
  });
});
