/**
 * B3: the outbox of webhook events (written in the transaction of their change), and the
 * deliveries the deliverer makes of them, with their attempts (subscriptions:
 * webhook-subscriptions.repository.ts).
 */
import { sql } from 'kysely';
import type { WebhookEventType } from '../domain/webhooks.js';
import type { Executor } from './db.js';
import { timeOrderedId } from './ids.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookAttempt {
  readonly at: string;
  /** The receiver's HTTP status; null when none came (refused, timed out, not allowed). */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly eventId: string;
  readonly type: string;
  readonly seq: number;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
  readonly history: readonly WebhookAttempt[];
}

/** A delivery to make now: the first one pending of its subscription. */
export interface DueDelivery {
  readonly id: string;
  readonly networkId: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly attempts: number;
  /** When this stretch of attempts began (giving up counts from it). */
  readonly since: string;
  /** The JSON body, exactly as it is signed and sent. */
  readonly payload: string;
}

/**
 * Writes an event to the outbox, in the caller's transaction: it is delivered if and only if the
 * transaction commits. An `id` given twice is written once.
 */
export async function enqueueWebhookEvent(
  db: Executor,
  networkId: string,
  type: WebhookEventType,
  data: unknown,
  at = new Date().toISOString(),
  id = `msg_${timeOrderedId()}`,
): Promise<void> {
  await db
    .insertInto('webhook_events')
    .values({ id, network_id: networkId, type, payload: JSON.stringify({ type, timestamp: at, data }), created_at: at, fanned_out: 0 })
    .onConflict((c) => c.column('id').doNothing())
    .execute();
}

/** Events no delivery has been made of yet, oldest first (the deliverer's next batch). */
export async function eventsToFanOut(db: Executor, limit: number): Promise<{ id: string; networkId: string; type: string }[]> {
  const rows = await db
    .selectFrom('webhook_events')
    .select(['id', 'network_id', 'type'])
    .where('fanned_out', '=', 0)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, networkId: r.network_id, type: r.type }));
}

/** The next number of the delivery order (one past the highest given). */
export async function nextDeliverySeq(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

/** Makes the event's deliveries (one per subscription, numbered `seq`) and marks it made. */
export async function fanOut(
  db: Executor,
  event: { id: string; networkId: string },
  deliveries: readonly { subscriptionId: string; seq: number }[],
  now: string,
): Promise<void> {
  if (deliveries.length > 0)
    await db
      .insertInto('webhook_deliveries')
      .values(
        deliveries.map(({ subscriptionId, seq }) => ({
          id: timeOrderedId(),
          network_id: event.networkId,
          subscription_id: subscriptionId,
          event_id: event.id,
          seq,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          since: now,
          last_error: null,
          delivered_at: null,
          created_at: now,
        })),
      )
      .onConflict((c) => c.columns(['subscription_id', 'event_id']).doNothing())
      .execute();
  await db.updateTable('webhook_events').set({ fanned_out: 1 }).where('id', '=', event.id).execute();
}

/**
 * For each enabled subscription (or only `subscriptionId`), its first pending delivery (in `seq`
 * order) when it is due at `now`: a later one waits until the first is delivered or given up (in
 * order per subscription).
 */
export async function dueDeliveries(db: Executor, now: string, limit: number, subscriptionId?: string): Promise<DueDelivery[]> {
  let query = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.id', 'd.network_id', 'd.subscription_id', 'd.event_id', 'd.attempts', 'd.since', 'e.payload'])
    .where('d.status', '=', 'pending')
    .where('s.enabled', '=', 1)
    .where('d.next_attempt_at', '<=', now);
  if (subscriptionId !== undefined) query = query.where('d.subscription_id', '=', subscriptionId);
  const rows = await query
    .where(
      'd.seq',
      '=',
      sql<number>`(select min(d2.seq) from webhook_deliveries d2 where d2.subscription_id = d.subscription_id and d2.status = 'pending')`,
    )
    .orderBy('d.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    networkId: r.network_id,
    subscriptionId: r.subscription_id,
    eventId: r.event_id,
    attempts: r.attempts,
    since: r.since,
    payload: r.payload,
  }));
}

/** Keeps an attempt and what it leaves the delivery: delivered, tried again at `nextAttemptAt`, or given up. */
export async function recordAttempt(
  db: Executor,
  delivery: { readonly id: string; readonly attempts: number },
  attempt: WebhookAttempt,
  outcome: { status: DeliveryStatus; nextAttemptAt: string; since: string },
): Promise<boolean> {
  // Only over the state this attempt was made from: a node that lost the job mid-send (another
  // has since tried or delivered it) writes nothing.
  const updated = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: outcome.status,
      attempts: eb('attempts', '+', 1),
      next_attempt_at: outcome.nextAttemptAt,
      since: outcome.since,
      last_error: attempt.error,
      delivered_at: outcome.status === 'delivered' ? attempt.at : null,
    }))
    .where('id', '=', delivery.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', delivery.attempts)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await db
    .insertInto('webhook_attempts')
    .values({
      id: timeOrderedId(),
      delivery_id: delivery.id,
      at: attempt.at,
      status_code: attempt.statusCode,
      error: attempt.error,
      duration_ms: attempt.durationMs,
    })
    .execute();
  return true;
}

/** A delivery's status, if it is one of this subscription's. */
export async function deliveryStatus(
  db: Executor,
  networkId: string,
  subscriptionId: string,
  id: string,
): Promise<DeliveryStatus | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select('status')
    .where('network_id', '=', networkId)
    .where('subscription_id', '=', subscriptionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.status as DeliveryStatus | undefined;
}

/** Its pending deliveries start a new stretch of attempts, due now (a subscription resumed). */
export async function restartPending(db: Executor, subscriptionId: string, now: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ since: now, next_attempt_at: now })
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'pending')
    .execute();
}

/** A delivery given up made pending again, due now, with a new stretch of attempts; false when it was not given up. */
export async function retryDelivery(db: Executor, networkId: string, subscriptionId: string, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now, since: now })
    .where('network_id', '=', networkId)
    .where('subscription_id', '=', subscriptionId)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A subscription's deliveries, newest first, each with its attempts. */
export async function listDeliveries(db: Executor, networkId: string, subscriptionId: string, limit: number): Promise<WebhookDelivery[]> {
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.event_id',
      'e.type',
      'd.seq',
      'd.status',
      'd.attempts',
      'd.next_attempt_at',
      'd.last_error',
      'd.delivered_at',
      'd.created_at',
    ])
    .where('d.network_id', '=', networkId)
    .where('d.subscription_id', '=', subscriptionId)
    .orderBy('d.seq', 'desc')
    .limit(limit)
    .execute();
  const attempts =
    rows.length === 0
      ? []
      : await db
          .selectFrom('webhook_attempts')
          .selectAll()
          .where(
            'delivery_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('at')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    type: r.type,
    seq: Number(r.seq),
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
    history: attempts
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({ at: a.at, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
  }));
}

/**
 * Forgets what is done with: deliveries delivered or given up before `before` (their attempts go
 * with them), then events made before it that no delivery waits on.
 */
export async function pruneWebhooks(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('status', '!=', 'pending').where('created_at', '<', before).execute();
  await db
    .deleteFrom('webhook_events')
    .where('fanned_out', '=', 1)
    .where('created_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('webhook_deliveries as d').select('d.id').whereRef('d.event_id', '=', 'webhook_events.id'))),
    )
    .execute();
}
