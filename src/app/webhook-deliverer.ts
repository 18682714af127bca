/**
 * B3: delivers the outbox. One node at a time (a PostgreSQL advisory lock, as the other
 * single-owner jobs; the one node on SQLite) makes each new event's deliveries, numbered in the
 * order it first sees the events (the order per subscription), then sends each subscription's
 * first pending delivery, signed as the Standard Webhooks convention says (the `standardwebhooks`
 * package), and the next only once it is delivered or given up: in order, at least once. A failed
 * attempt is kept and tried again after a back-off (5 s doubling to 10 min); after three days it is
 * given up (the UI can try it again).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { webhookBackoffSeconds, WEBHOOK_GIVE_UP_SECONDS } from '../domain/webhooks.js';
import { isNonPublicAddress, webhookTargetProblem } from '../shared/webhook-targets.js';
import { dueDeliveries, eventsToFanOut, fanOut, nextDeliverySeq, recordAttempt, type DueDelivery } from '../store/webhooks.repository.js';
import { getSubscription, listSubscriptions, type StoredSubscription } from '../store/webhook-subscriptions.repository.js';
import type { Application } from './application.js';
import { webhookSecretPurpose } from './commands/webhooks.js';

const JOB = 'switchboard:webhooks';
const BATCH = 200;
/** Subscriptions drained side by side in one run (each in order): a slow receiver holds up only itself. */
const SIDE_BY_SIDE = 8;
/** Deliveries to one subscription in one run; the next run goes on. */
const PER_RUN = 100;

export interface WebhookSettings {
  /** SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: http:// and loopback or private targets allowed (tests, closed networks). */
  readonly allowPrivate: boolean;
  /** How long a receiver has to answer (default 10 s). */
  readonly timeoutMs?: number;
  /** The back-off's first wait and its longest, seconds (default 5 and 600). */
  readonly backoff?: { readonly base: number; readonly cap: number };
  /**
   * How long one run starts new deliveries (default 5 s): a run ends soon after, so that the next
   * tick makes new events' deliveries and reaches every subscription, however slow one receiver is.
   */
  readonly runBudgetMs?: number;
}

export interface WebhookRun {
  readonly fannedOut: number;
  readonly attempted: number;
  readonly delivered: number;
}

/**
 * Makes new events' deliveries and sends those due; nothing when another node holds the job.
 * `clock` is read at each attempt (tests move it on).
 */
export async function deliverWebhooks(
  app: Application,
  settings: WebhookSettings,
  clock: () => Date = () => new Date(),
): Promise<WebhookRun> {
  const { store } = app;
  // Asked again before each delivery: a node that lost its database connection mid-run (and with
  // it the lock, now another node's) stops sending.
  const stillOurs = async () => !store.feed.shared || (await store.feed.tryLock(JOB));
  if (!(await stillOurs())) return { fannedOut: 0, attempted: 0, delivered: 0 };
  const fannedOut = await fanOutEvents(app, clock().toISOString());
  const heads = await dueDeliveries(store.db, clock().toISOString(), BATCH);
  const waiting = [...new Set(heads.map((d) => d.subscriptionId))];
  let attempted = 0;
  let delivered = 0;
  const deadline = Date.now() + (settings.runBudgetMs ?? 5000);
  const drain = async (subscriptionId: string) => {
    let subscription: StoredSubscription | undefined | null = null;
    for (let n = 0; n < PER_RUN && Date.now() < deadline; n++) {
      const [delivery] = await dueDeliveries(store.db, clock().toISOString(), 1, subscriptionId);
      if (delivery === undefined || !(await stillOurs())) return;
      subscription ??= await getSubscription(store.db, delivery.networkId, subscriptionId);
      attempted++;
      if (!(await send(app, settings, subscription, delivery, clock))) return;
      delivered++;
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(SIDE_BY_SIDE, waiting.length) }, async () => {
      for (let next = waiting.shift(); next !== undefined && Date.now() < deadline; next = waiting.shift()) await drain(next);
    }),
  );
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
    await db.transaction().execute(async (trx) => {
      let seq = await nextDeliverySeq(trx);
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
  clock: () => Date,
): Promise<boolean> {
  const started = Date.now();
  const attemptedAt = clock();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    if (subscription === undefined) throw new Error('the subscription is gone');
    const target = new URL(subscription.url);
    const refused = webhookTargetProblem(target, settings.allowPrivate);
    if (refused !== null) throw new Error(`not sent: the address ${refused}`);
    if (app.secrets === null) throw new Error('not sent: this node has no SWITCHBOARD_SECRET_KEY to open the signing secret');
    const secret = app.secrets.open(subscription.secret, webhookSecretPurpose(subscription.id));
    // The timestamp is this attempt's, on the wall clock (receivers refuse old ones); the id is the event's, the same at every attempt.
    const timestamp = new Date();
    statusCode = await post(
      target,
      {
        'content-type': 'application/json',
        'user-agent': 'Switchboard-Webhooks/1',
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(delivery.eventId, timestamp, delivery.payload),
      },
      delivery.payload,
      settings.timeoutMs ?? 10_000,
      settings.allowPrivate,
    );
    if (statusCode < 200 || statusCode >= 300) error = `the receiver answered HTTP ${statusCode}`;
  } catch (caught) {
    const { name, message, code } = caught as Error & { code?: string };
    error =
      name === 'TimeoutError' || name === 'AbortError'
        ? 'the receiver did not answer in time'
        : `${message}${code && !message.includes(code) ? ` (${code})` : ''}`;
  }
  const ok = error === null;
  const attempts = delivery.attempts + 1;
  const now = clock();
  // A stretch of attempts starts at its first attempt (one queued behind another has not started yet).
  const since = delivery.attempts === 0 ? attemptedAt.toISOString() : delivery.since;
  const givenUp = !ok && now.getTime() - Date.parse(since) >= WEBHOOK_GIVE_UP_SECONDS * 1000;
  const wait = webhookBackoffSeconds(attempts, settings.backoff?.base, settings.backoff?.cap);
  const kept = await recordAttempt(
    app.store.db,
    delivery,
    { at: attemptedAt.toISOString(), statusCode, error, durationMs: Date.now() - started },
    {
      status: ok ? 'delivered' : givenUp ? 'failed' : 'pending',
      nextAttemptAt: new Date(now.getTime() + wait * 1000).toISOString(),
      since,
    },
  );
  return ok && kept;
}

/**
 * POSTs the body; resolves with the receiver's status. Redirects are not followed. A name is
 * resolved here, and refused when any address it resolves to is loopback or private: the address
 * checked is the address connected to (no second lookup a name could answer differently).
 */
function post(target: URL, headers: Record<string, string>, body: string, timeoutMs: number, allowPrivate: boolean): Promise<number> {
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, '', 0);
      const inside = allowPrivate ? undefined : addresses.find((a) => isNonPublicAddress(a.address));
      if (inside !== undefined)
        return callback(
          Object.assign(new Error(`not sent: ${hostname} resolves to ${inside.address}, a loopback or private address`), {
            code: 'EPRIVATE',
          }),
          '',
          0,
        );
      if (options.all === true) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
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
