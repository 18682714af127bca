/** B3: a network's webhook subscriptions (never their secrets) and each one's deliveries with their attempts. */
import {
  getSubscription,
  listSubscriptions,
  type StoredSubscription,
  type WebhookSubscription,
} from '../../store/webhook-subscriptions.repository.js';
import { listDeliveries, type WebhookDelivery } from '../../store/webhooks.repository.js';
import type { Application } from '../application.js';

const withoutSecret = ({ secret: _secret, networkId: _network, ...subscription }: StoredSubscription): WebhookSubscription => subscription;

export async function webhooks(app: Application, networkId: string): Promise<WebhookSubscription[]> {
  return (await listSubscriptions(app.store.db, networkId)).map(withoutSecret);
}

/** One subscription of the network (undefined: none, or another network's). */
export async function webhook(app: Application, networkId: string, id: string): Promise<WebhookSubscription | undefined> {
  const found = await getSubscription(app.store.db, networkId, id);
  return found === undefined ? undefined : withoutSecret(found);
}

export const webhookDeliveries = (app: Application, networkId: string, subscriptionId: string, limit: number): Promise<WebhookDelivery[]> =>
  listDeliveries(app.store.db, networkId, subscriptionId, limit);
