/**
 * B3: a network's webhook subscriptions, for its administrators: listed, made (the signing secret
 * made and sealed here, shown once in the answer), changed, removed; each one's deliveries with
 * their attempts, and a given-up delivery tried again.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { randomBytes } from 'node:crypto';
import { Type } from 'typebox';
import {
  createWebhook,
  deleteWebhook,
  EventTypes,
  retryWebhookDelivery,
  updateWebhook,
  webhookSecretPurpose,
  WebhookUrl,
} from '../../../app/commands/webhooks.js';
import { isNetworkAdmin } from '../../../app/policies/actor.js';
import { authorize } from '../../../app/policies/authorize.js';
import { webhook, webhookDeliveries, webhooks } from '../../../app/queries/webhook.queries.js';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from '../../../domain/webhooks.js';
import { webhookTargetProblem } from '../../../shared/webhook-targets.js';
import { errors } from '../../../shared/errors.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { errorResponses, Limit, NetworkParams, OneOf } from '../schemas.js';

const REFUSAL = "manage this network's webhooks (network administrators only)";
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const WebhookView = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  eventTypes: EventTypes,
  enabled: Type.Boolean(),
  createdAt: Type.String(),
});
const AttemptView = Type.Object({
  at: Type.String(),
  statusCode: Nullable(Type.Integer({ description: "the receiver's HTTP status; null when none came" })),
  error: Nullable(Type.String()),
  durationMs: Type.Integer(),
});
const DeliveryView = Type.Object({
  id: Type.String(),
  eventId: Type.String({ description: 'the webhook-id header: the same at every attempt (receivers deduplicate by it)' }),
  type: Type.String(),
  seq: Type.Integer({ description: 'the order of delivery to this subscription' }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')], {
    description: 'failed: given up after three days of failures (try it again by hand)',
  }),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  createdAt: Type.String(),
  history: Type.Array(AttemptView),
});
const WebhookParams = Type.Object({
  networkId: NetworkParams.properties.networkId,
  webhookId: Type.String({ minLength: 1, maxLength: 100 }),
});
const Description = Type.String({ maxLength: 200, description: 'what the receiver is, in words' });

export const webhookRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app, config }) => {
  const allowPrivate = config.webhooksAllowPrivate ?? false;
  /** The URL as the target policy allows it (HTTPS, not loopback or private), or a 422 naming it. */
  const checkedUrl = (url: string): string => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw errors.validation('url', url, `url: ${JSON.stringify(url)} is not an absolute address (https://…).`);
    }
    const problem = webhookTargetProblem(target, allowPrivate);
    if (problem !== null) throw errors.validation('url', url, `url: ${JSON.stringify(url)} ${problem}.`);
    if (target.username !== '' || target.password !== '')
      throw errors.validation(
        'url',
        url,
        `url: ${JSON.stringify(url)} must not hold a user name or password (the signature proves the sender).`,
      );
    return target.toString();
  };
  const admin = (networkId: string, request: Parameters<typeof networkScope>[0]) => {
    const scope = networkScope(request, networkId);
    authorize(isNetworkAdmin(scope.actor, scope.networkId), REFUSAL);
    return scope;
  };
  const one = async (networkId: string, id: string) => {
    const found = await webhook(app, networkId, id);
    if (found === undefined) throw errors.notFound('webhook', id);
    return { ...found, eventTypes: [...found.eventTypes] };
  };

  server.get(
    '/api/networks/:networkId/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: "B3 the network's webhook subscriptions (never their secrets), and the event types there are",
        params: NetworkParams,
        response: {
          200: Type.Object({
            webhooks: Type.Array(WebhookView),
            eventTypes: Type.Array(Type.Object({ type: OneOf(WEBHOOK_EVENT_TYPES), label: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = admin(request.params.networkId, request);
      return {
        webhooks: (await webhooks(app, scope.networkId)).map((w) => ({ ...w, eventTypes: [...w.eventTypes] })),
        eventTypes: WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: WEBHOOK_EVENT_LABELS[type] })),
      };
    },
  );

  server.post(
    '/api/networks/:networkId/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary:
          'B3 subscribe a receiver: deliveries are signed as Standard Webhooks say (webhook-id, webhook-timestamp, webhook-signature) with the secret in this answer, shown once',
        params: NetworkParams,
        body: Type.Object(
          { url: WebhookUrl, description: Type.Optional(Description), eventTypes: EventTypes },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            webhook: WebhookView,
            secret: Type.String({ description: 'whsec_…: verify signatures with it; it is never shown again' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const scope = admin(request.params.networkId, request);
      const url = checkedUrl(request.body.url);
      if (app.secrets === null)
        throw errors.notConfigured(
          'SWITCHBOARD_SECRET_KEY',
          'SWITCHBOARD_SECRET_KEY is not set on this node: a webhook signing secret is only kept sealed with it (openssl rand -hex 32, the same on every node).',
        );
      const id = `wh_${randomBytes(12).toString('hex')}`;
      const secret = `whsec_${randomBytes(32).toString('base64')}`;
      await app.commands.run(createWebhook, scope.networkId, byOf(request, scope), {
        id,
        url,
        description: request.body.description ?? '',
        eventTypes: request.body.eventTypes,
        secretSealed: app.secrets.seal(secret, webhookSecretPurpose(id)),
      });
      return reply.status(201).send({ webhook: await one(scope.networkId, id), secret });
    },
  );

  server.put(
    '/api/networks/:networkId/webhooks/:webhookId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'B3 change a subscription: its address, description, event types, or pause it (enabled: false; its deliveries wait)',
        params: WebhookParams,
        body: Type.Object(
          { url: WebhookUrl, description: Description, eventTypes: EventTypes, enabled: Type.Boolean() },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ webhook: WebhookView }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = admin(request.params.networkId, request);
      const url = checkedUrl(request.body.url);
      await app.commands.run(updateWebhook, scope.networkId, byOf(request, scope), { ...request.body, url, id: request.params.webhookId });
      return { webhook: await one(scope.networkId, request.params.webhookId) };
    },
  );

  server.delete(
    '/api/networks/:networkId/webhooks/:webhookId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'B3 remove a subscription, with its deliveries',
        params: WebhookParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = admin(request.params.networkId, request);
      await app.commands.run(deleteWebhook, scope.networkId, byOf(request, scope), { id: request.params.webhookId });
      return reply.status(204).send(null);
    },
  );

  server.get(
    '/api/networks/:networkId/webhooks/:webhookId/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: "B3 a subscription's deliveries, newest first, each with its attempts (when, the receiver's answer, how long)",
        params: WebhookParams,
        querystring: Type.Object({ limit: Type.Optional(Limit(500, 100)) }, { additionalProperties: false }),
        response: { 200: Type.Object({ deliveries: Type.Array(DeliveryView) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = admin(request.params.networkId, request);
      await one(scope.networkId, request.params.webhookId);
      const deliveries = await webhookDeliveries(app, scope.networkId, request.params.webhookId, request.query.limit ?? 100);
      return { deliveries: deliveries.map((d) => ({ ...d, history: d.history.map((a) => ({ ...a })) })) };
    },
  );

  server.post(
    '/api/networks/:networkId/webhooks/:webhookId/deliveries/:deliveryId/retry',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'B3 try a given-up delivery again (now, then with its back-off)',
        params: Type.Object({
          networkId: NetworkParams.properties.networkId,
          webhookId: Type.String({ minLength: 1, maxLength: 100 }),
          deliveryId: Type.String({ minLength: 1, maxLength: 100 }),
        }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = admin(request.params.networkId, request);
      await one(scope.networkId, request.params.webhookId);
      await app.commands.run(retryWebhookDelivery, scope.networkId, byOf(request, scope), {
        subscriptionId: request.params.webhookId,
        deliveryId: request.params.deliveryId,
      });
      return reply.status(204).send(null);
    },
  );
};
