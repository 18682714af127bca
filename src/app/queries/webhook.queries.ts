/** B3: a network's webhook subscriptions (never their secrets) and each one's deliveries with their attempts. */
import { listDeliveries, listSubscriptions, type WebhookDelivery, type WebhookSubscription } from '../../store/webhooks.repository.js';
import type { Application } from '../application.js';

export async function webhooks(app: Application, networkId: string): Promise<WebhookSubscription[]> {
  return (await listSubscriptions(app.store.db, networkId)).map(
    ({ secret: _secret, networkId: _network, ...subscription }) => subscription,
  );
}

export const webhookDeliveries = (app: Application, networkId: string, subscriptionId: string, limit: number): Promise<WebhookDelivery[]> =>
  listDeliveries(app.store.db, networkId, subscriptionId, limit);
