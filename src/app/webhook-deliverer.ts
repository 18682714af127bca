/**
 * B3: delivers the outbox. One node at a time (a PostgreSQL advisory lock, as the other
 * single-owner jobs; the one node on SQLite) makes each new event's deliveries, numbered in the
 * order it first sees the events (the order per subscription), then sends each subscription's
 * first pending delivery, signed as the Standard Webhooks convention says (the `standardwebhooks`
 * package), and the next only once it is delivered or given up: in order, at least once. A failed
 * attempt is kept and tried again after a back-off (5 s doubling to 10 min); after three days it is
 * given up (the UI can try it again).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { isPrivateAddress, webhookBackoffSeconds, webhookTargetProblem, WEBHOOK_GIVE_UP_SECONDS } from '../domain/webhooks.js';
import {
  dueDeliveries,
  eventsToFanOut,
  fanOut,
  getSubscription,
  listSubscriptions,
  nextDeliverySeq,
  recordAttempt,
  type DueDelivery,
  type StoredSubscription,
} from '../store/webhooks.repository.js';
import type { Application } from './application.js';
import { webhookSecretPurpose } from './commands/webhooks.js';

const JOB = 'switchboard:webhooks';
const BATCH = 200;
/** Rounds of one delivery per subscription in one run; the next run goes on. */
const ROUNDS = 50;

export interface WebhookSettings {
  /** SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: http:// and loopback or private targets allowed (tests, closed networks). */
  readonly allowPrivate: boolean;
  /** How long a receiver has to answer (default 10 s). */
  readonly timeoutMs?: number;
  /** The back-off's first wait and its longest, seconds (default 5 and 600). */
  readonly backoff?: { readonly base: number; readonly cap: number };
}

export interface WebhookRun {
  readonly fannedOut: number;
  readonly attempted: number;
  readonly delivered: number;
}

/** Makes new events' deliveries and sends those due at `now`; nothing when another node holds the job. */
export async function deliverWebhooks(app: Application, settings: WebhookSettings, now = new Date()): Promise<WebhookRun> {
  const { store } = app;
  if (store.feed.shared && !(await store.feed.tryLock(JOB))) return { fannedOut: 0, attempted: 0, delivered: 0 };
  const at = now.toISOString();
  const fannedOut = await fanOutEvents(app, at);
  const subscriptions = new Map<string, StoredSubscription | undefined>();
  let attempted = 0;
  let delivered = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const due = await dueDeliveries(store.db, at, BATCH);
    if (due.length === 0) break;
    // One per subscription (each is its subscription's first pending): they go out side by side.
    const results = await Promise.all(
      due.map(async (delivery) => {
        if (!subscriptions.has(delivery.subscriptionId))
          subscriptions.set(delivery.subscriptionId, await getSubscription(store.db, delivery.networkId, delivery.subscriptionId));
        return send(app, settings, subscriptions.get(delivery.subscriptionId), delivery, now);
      }),
    );
    attempted += results.length;
    delivered += results.filter(Boolean).length;
  }
  return { fannedOut, attempted, delivered };
}

async function fanOutEvents(app: Application, at: string): Promise<number> {
  const { db } = app.store;
  let count = 0;
  for (;;) {
    const events = await eventsToFanOut(db, BATCH);
    if (events.length === 0) return count;
    const byNetwork = new Map<string, StoredSubscription[]>();
    // A paused subscription gets its deliveries too: they wait until it is enabled again.
    for (const { networkId } of events) if (!byNetwork.has(networkId)) byNetwork.set(networkId, await listSubscriptions(db, networkId));
    let seq = await nextDeliverySeq(db);
    await db.transaction().execute(async (trx) => {
      for (const event of events) {
        const to = byNetwork.get(event.networkId)!.filter((s) => (s.eventTypes as readonly string[]).includes(event.type));
        await fanOut(
          trx,
          event,
          to.map((s) => ({ subscriptionId: s.id, seq: seq++ })),
          at,
        );
      }
    });
    count += events.length;
  }
}

/** Sends one delivery and keeps the attempt; whether it was delivered. */
async function send(
  app: Application,
  settings: WebhookSettings,
  subscription: StoredSubscription | undefined,
  delivery: DueDelivery,
  now: Date,
): Promise<boolean> {
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    if (subscription === undefined) throw new Error('the subscription is gone');
    const target = new URL(subscription.url);
    const refused = webhookTargetProblem(target, settings.allowPrivate) ?? (await resolvesPrivate(target.hostname, settings.allowPrivate));
    if (refused !== null) throw new Error(`not sent: the address ${refused}`);
    if (app.secrets === null) throw new Error('not sent: this node has no SWITCHBOARD_SECRET_KEY to open the signing secret');
    const secret = app.secrets.open(subscription.secret, webhookSecretPurpose(subscription.id));
    // The timestamp is this attempt's (receivers refuse old ones); the id is the event's, the same at every attempt.
    const timestamp = new Date();
    const response = await fetch(target, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Switchboard-Webhooks/1',
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(delivery.eventId, timestamp, delivery.payload),
      },
      body: delivery.payload,
    });
    statusCode = response.status;
    await response.body?.cancel();
    if (statusCode < 200 || statusCode >= 300) error = `the receiver answered HTTP ${statusCode}`;
  } catch (caught) {
    const cause = (caught as { cause?: { code?: string } }).cause?.code;
    error =
      (caught as Error).name === 'TimeoutError'
        ? 'the receiver did not answer in time'
        : `${(caught as Error).message}${cause ? ` (${cause})` : ''}`;
  }
  const ok = error === null;
  const attempts = delivery.attempts + 1;
  const givenUp = !ok && now.getTime() - Date.parse(delivery.createdAt) >= WEBHOOK_GIVE_UP_SECONDS * 1000;
  const wait = webhookBackoffSeconds(attempts, settings.backoff?.base, settings.backoff?.cap);
  await recordAttempt(
    app.store.db,
    delivery.id,
    { at: now.toISOString(), statusCode, error, durationMs: Date.now() - started },
    {
      status: ok ? 'delivered' : givenUp ? 'failed' : 'pending',
      nextAttemptAt: new Date(now.getTime() + wait * 1000).toISOString(),
    },
  );
  return ok;
}

/** Why a target's name is refused: it resolves to a loopback or private address (checked at each attempt). */
async function resolvesPrivate(hostname: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate || isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) return null;
  const addresses = await lookup(hostname, { all: true });
  const inside = addresses.find((a) => isPrivateAddress(a.address));
  return inside === undefined ? null : `${hostname} resolves to ${inside.address}, a loopback or private address`;
}

/** Runs the deliverer every `tickMs`; a failed run is reported and the next tick goes on. */
export function startWebhookDeliverer(
  app: Application,
  settings: WebhookSettings,
  report: (error: unknown) => void,
  tickMs = 1000,
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    void deliverWebhooks(app, settings)
      .catch(report)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
