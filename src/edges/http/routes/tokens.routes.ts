/** Hardening item 8: a network's API tokens, for its administrators: list, create (shown once), revoke. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../../shared/errors.js';
import { tokens as tokensOf, userIdInNetwork, type TokenRecord } from '../../../app/queries/identity.queries.js';
import { createToken, MAX_TOKEN_DAYS, revokeToken } from '../../../app/commands/api-tokens.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { forgetToken } from '../plugins/authentication.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as tokens from '../../../app/policies/token.policy.js';
import { errorResponses, Name, NetworkParams } from '../schemas.js';

const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()], { description: 'written at most once a minute' }),
  expiresAt: Type.Union([Type.String(), Type.Null()], { description: 'null: never expires' }),
  scope: Type.Union([Type.Literal('recording_pause'), Type.Null()], {
    description: 'B8: null, whatever its user may do; recording_pause: only pause and resume live recordings',
  }),
  expired: Type.Boolean(),
});
const present = (t: TokenRecord, now = new Date().toISOString()) => ({ ...t, expired: t.expiresAt !== null && t.expiresAt <= now });
const MANAGE = 'manage API tokens (network administrators only)';

export const tokenRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: "The API tokens of the network's users (never the secrets)",
        params: NetworkParams,
        response: { 200: Type.Object({ tokens: Type.Array(TokenView) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(tokens.can(scope.actor, 'manage', scope), MANAGE);
      return { tokens: (await tokensOf(app, scope.networkId)).map((t) => present(t)) };
    },
  );

  server.post(
    '/api/networks/:networkId/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token for a user of the network (the caller by default); the secret is in this answer only',
        params: NetworkParams,
        body: Type.Object(
          {
            name: Name,
            email: Type.Optional(
              Type.String({ minLength: 3, maxLength: 200, description: 'the user it signs in as; the caller when absent' }),
            ),
            expiresInDays: Type.Optional(
              Type.Union([Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS }), Type.Null()], {
                description: 'null or absent: never expires',
              }),
            ),
            scope: Type.Optional(
              Type.Union([Type.Literal('recording_pause'), Type.Null()], {
                description: 'B8: recording_pause limits the token to pausing and resuming live recordings (an integration); absent: none',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            token: Type.String({ description: 'send as "Authorization: Bearer <token>"; shown only now' }),
            details: TokenView,
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(tokens.can(scope.actor, 'manage', scope), MANAGE);
      const { name, email, expiresInDays = null, scope: tokenScope = null } = request.body;
      const userId = email === undefined ? scope.actor.id : await userIdInNetwork(app, scope.networkId, email);
      if (userId === undefined)
        throw errors.validation('body.email', email, `body.email: no user ${JSON.stringify(email)} in this network.`);
      const created = await app.commands.run(createToken, scope.networkId, byOf(request, scope), {
        userId,
        name,
        expiresInDays,
        scope: tokenScope,
      });
      return reply.status(201).send({ token: created.token, details: present(created.record) });
    },
  );

  server.delete(
    '/api/networks/:networkId/tokens/:tokenId',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token: it stops working at once',
        params: Type.Object({ networkId: NetworkParams.properties.networkId, tokenId: Type.String({ minLength: 1, maxLength: 60 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const revoked = await app.commands.run(revokeToken, scope.networkId, byOf(request, scope), { tokenId: request.params.tokenId });
      forgetToken(revoked.tokenHash);
      return reply.status(204).send(null);
    },
  );
};
