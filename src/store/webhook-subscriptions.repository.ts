/** B3: a network's webhook subscriptions (URL, event types, sealed signing secret, paused or not). */
import type { Selectable } from 'kysely';
import type { WebhookEventType } from '../domain/webhooks.js';
import type { Executor } from './db.js';
import type { WebhookSubscriptionsTable } from './schema.js';

export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly eventTypes: readonly WebhookEventType[];
  readonly enabled: boolean;
  readonly createdAt: string;
}

/** With its secret as stored (sealed when the deployment has a secret key). */
export interface StoredSubscription extends WebhookSubscription {
  readonly networkId: string;
  readonly secret: string;
}

const presentSubscription = (r: Selectable<WebhookSubscriptionsTable>): StoredSubscription => ({
  id: r.id,
  networkId: r.network_id,
  url: r.url,
  description: r.description,
  eventTypes: JSON.parse(r.event_types),
  secret: r.secret,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
});

export async function listSubscriptions(db: Executor, networkId: string): Promise<StoredSubscription[]> {
  const rows = await db.selectFrom('webhook_subscriptions').selectAll().where('network_id', '=', networkId).orderBy('created_at').execute();
  return rows.map(presentSubscription);
}

export async function getSubscription(db: Executor, networkId: string, id: string): Promise<StoredSubscription | undefined> {
  const row = await db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : presentSubscription(row);
}

export async function insertSubscription(
  db: Executor,
  networkId: string,
  subscription: Omit<StoredSubscription, 'networkId' | 'createdAt'>,
): Promise<void> {
  await db
    .insertInto('webhook_subscriptions')
    .values({
      id: subscription.id,
      network_id: networkId,
      url: subscription.url,
      description: subscription.description,
      event_types: JSON.stringify(subscription.eventTypes),
      secret: subscription.secret,
      enabled: subscription.enabled ? 1 : 0,
      created_at: new Date().toISOString(),
    })
    .execute();
}

export async function updateSubscription(
  db: Executor,
  networkId: string,
  id: string,
  change: Pick<WebhookSubscription, 'url' | 'description' | 'eventTypes' | 'enabled'>,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_subscriptions')
    .set({
      url: change.url,
      description: change.description,
      event_types: JSON.stringify(change.eventTypes),
      enabled: change.enabled ? 1 : 0,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSubscription(db: Executor, networkId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_subscriptions').where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
