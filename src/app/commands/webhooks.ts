/**
 * B3: a network's webhook subscriptions, made, changed and removed by its administrators, and a
 * delivery given up tried again; each audited. The signing secret reaches these commands already
 * sealed (the edge makes it and seals it with the deployment's key, as the provider's auth token):
 * a stored command never holds it in the clear, and the audit log never shows it.
 */
import { Type } from 'typebox';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks.js';
import { errors } from '../../shared/errors.js';
import { deliveryStatus, restartPending, retryDelivery } from '../../store/webhooks.repository.js';
import {
  deleteSubscription,
  getSubscription,
  insertSubscription,
  updateSubscription,
  type WebhookSubscription,
} from '../../store/webhook-subscriptions.repository.js';
import { isNetworkAdmin } from '../policies/actor.js';
import { Id, OneOf } from '../schemas.js';
import { defineCommand } from './command.js';

const REFUSAL = "manage this network's webhooks (network administrators only)";

export const WebhookUrl = Type.String({ minLength: 8, maxLength: 2000, description: 'https://… (see the target policy)' });
export const EventTypes = Type.Array(OneOf(WEBHOOK_EVENT_TYPES), { minItems: 1, uniqueItems: true });
const Description = Type.String({ maxLength: 200 });
const Sealed = Type.String({ pattern: '^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$', maxLength: 1000 });

/** What a sealed signing secret is sealed for: its subscription. */
export const webhookSecretPurpose = (subscriptionId: string) => `webhook-secret:${subscriptionId}`;

const shown = (s: Pick<WebhookSubscription, 'url' | 'description' | 'eventTypes' | 'enabled'>) => ({
  url: s.url,
  description: s.description,
  eventTypes: s.eventTypes,
  enabled: s.enabled,
});

export const createWebhook = defineCommand({
  name: 'webhook.create',
  input: Type.Object(
    { id: Id, url: WebhookUrl, description: Description, eventTypes: EventTypes, secretSealed: Sealed },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => isNetworkAdmin(actor, networkId),
  refusal: REFUSAL,
  handle: async (unit, input, networkId) => {
    const subscription = { ...shown({ ...input, enabled: true }), id: input.id, secret: input.secretSealed };
    await insertSubscription(unit.trx, networkId, subscription);
    return {
      result: input.id,
      audit: {
        action: 'webhook.create',
        resourceType: 'webhook',
        resourceId: input.id,
        tenantIds: [],
        before: null,
        after: { ...shown(subscription), secret: 'made (kept sealed, shown once)' },
      },
      touched: null,
    };
  },
});

export const updateWebhook = defineCommand({
  name: 'webhook.update',
  input: Type.Object(
    { id: Id, url: WebhookUrl, description: Description, eventTypes: EventTypes, enabled: Type.Boolean() },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => isNetworkAdmin(actor, networkId),
  refusal: REFUSAL,
  handle: async (unit, input, networkId) => {
    const before = await getSubscription(unit.trx, networkId, input.id);
    if (before === undefined) throw errors.notFound('webhook', input.id);
    await updateSubscription(unit.trx, networkId, input.id, input);
    // Resumed: what waited is tried now, and gets its three days from now.
    if (!before.enabled && input.enabled) await restartPending(unit.trx, input.id, new Date().toISOString());
    return {
      result: input.id,
      audit: {
        action: 'webhook.update',
        resourceType: 'webhook',
        resourceId: input.id,
        tenantIds: [],
        before: shown(before),
        after: shown(input),
      },
      touched: null,
    };
  },
});

export const deleteWebhook = defineCommand({
  name: 'webhook.delete',
  input: Type.Object({ id: Id }, { additionalProperties: false }),
  allowed: (actor, networkId) => isNetworkAdmin(actor, networkId),
  refusal: REFUSAL,
  handle: async (unit, { id }, networkId) => {
    const before = await getSubscription(unit.trx, networkId, id);
    if (before === undefined || !(await deleteSubscription(unit.trx, networkId, id))) throw errors.notFound('webhook', id);
    return {
      result: id,
      audit: { action: 'webhook.delete', resourceType: 'webhook', resourceId: id, tenantIds: [], before: shown(before), after: null },
      touched: null,
    };
  },
});

export const retryWebhookDelivery = defineCommand({
  name: 'webhook.retry',
  input: Type.Object({ subscriptionId: Id, deliveryId: Id }, { additionalProperties: false }),
  allowed: (actor, networkId) => isNetworkAdmin(actor, networkId),
  refusal: REFUSAL,
  handle: async (unit, { subscriptionId, deliveryId }, networkId) => {
    if ((await deliveryStatus(unit.trx, networkId, subscriptionId, deliveryId)) === undefined)
      throw errors.notFound('delivery', deliveryId);
    if (!(await retryDelivery(unit.trx, networkId, subscriptionId, deliveryId, new Date().toISOString())))
      throw errors.conflict(
        'not_given_up',
        'deliveryId',
        deliveryId,
        `deliveryId: ${deliveryId} is not a delivery of this webhook that was given up (pending ones are tried by themselves, delivered ones are done).`,
      );
    return {
      result: deliveryId,
      audit: {
        action: 'webhook.retry',
        resourceType: 'webhook',
        resourceId: subscriptionId,
        tenantIds: [],
        before: null,
        after: { deliveryId },
      },
      touched: null,
    };
  },
});
