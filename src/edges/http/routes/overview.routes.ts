/** Issue 15: the network overview, calls per 5 minutes by where they went, and the switches of the window. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { overview } from '../../../app/queries/overview.queries.js';
import type { HttpContext } from '../context.js';
import { networkScope } from '../network-scope.js';
import { errorResponses, NetworkParams } from '../schemas.js';

const Counts = {
  workflow: Type.Integer({ description: 'inbound calls routed to their normal workflow (or a direct line)' }),
  continuity: Type.Integer({ description: 'inbound calls routed to Call Continuity' }),
  failsafe: Type.Integer({ description: "B9: inbound calls the edge's failsafe (or the provider's fallback) routed" }),
  recorded: Type.Integer({ description: 'of those, calls with a recording' }),
  paused: Type.Integer({ description: 'of those, recordings paused (or stopped and started) at least once' }),
};

export const overviewRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/overview',
    {
      schema: {
        tags: ['calls'],
        summary:
          'Inbound calls per 5 minutes by where they went (workflow, continuity, failsafe), recordings made and paused, and the continuity switches of the window; the network, or one tenant (L5: the tenants the caller may read)',
        params: NetworkParams,
        querystring: Type.Object(
          {
            tenantId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, default: 24 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            bucketMinutes: Type.Integer(),
            buckets: Type.Array(Type.Object({ at: Type.String(), ...Counts })),
            totals: Type.Object(Counts),
            switches: Type.Array(
              Type.Object({
                at: Type.String(),
                enabled: Type.Boolean(),
                actor: Type.String(),
                tenantIds: Type.Array(Type.String()),
                forAll: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const { tenantId, hours = 24 } = request.query;
      return overview(app, scope, { ...(tenantId === undefined ? {} : { tenantId }), hours });
    },
  );
};
