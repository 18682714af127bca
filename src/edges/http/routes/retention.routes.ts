/** B10: legal holds that keep recordings past their tenant's retention (the retention itself: tenants.routes.ts). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { liftLegalHold, placeHold } from '../../../app/commands/retention.js';
import { legalHolds } from '../../../app/queries/recording.queries.js';
import { isNetworkAdmin } from '../../../app/policies/actor.js';
import { authorize } from '../../../app/policies/authorize.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { errorResponses, NetworkParams } from '../schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const HoldView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('call'), Type.Literal('caller'), Type.Literal('tenant')]),
  value: Type.String({ description: "the call log entry's id, the caller's number (E.164) or the tenant's id" }),
  reason: Type.String(),
  placedBy: Type.String(),
  placedAt: Type.String(),
  liftedBy: Nullable(Type.String()),
  liftedAt: Nullable(Type.String()),
  liftReason: Nullable(Type.String()),
});
const Reason = Type.String({ minLength: 1, maxLength: 500, description: 'why, in words (kept in the audit log)' });
const REFUSAL = 'see legal holds (network administrators only)';

export const retentionRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/legal-holds',
    {
      schema: {
        tags: ['recordings'],
        summary: 'B10 legal holds, newest first (lifted ones too, with who lifted them and why)',
        params: NetworkParams,
        response: { 200: Type.Object({ holds: Type.Array(HoldView) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(isNetworkAdmin(scope.actor, scope.networkId), REFUSAL);
      return { holds: (await legalHolds(app, scope.networkId)).map((hold) => ({ ...hold })) };
    },
  );

  server.post(
    '/api/networks/:networkId/legal-holds',
    {
      schema: {
        tags: ['recordings'],
        summary: "B10 place a legal hold on a call, a caller's number or a tenant: its recordings are not deleted until it is lifted",
        params: NetworkParams,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('call'), Type.Literal('caller'), Type.Literal('tenant')]),
            value: Type.String({ minLength: 1, maxLength: 200 }),
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        response: { 201: HoldView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const hold = await app.commands.run(placeHold, scope.networkId, byOf(request, scope), {
        ...request.body,
        placedBy: scope.actor.name,
      });
      return reply.status(201).send({ ...hold });
    },
  );

  server.post(
    '/api/networks/:networkId/legal-holds/:holdId/lift',
    {
      schema: {
        tags: ['recordings'],
        summary: 'B10 lift a legal hold, with a reason: its recordings follow their retention again',
        params: Type.Object({ networkId: NetworkParams.properties.networkId, holdId: Type.String({ minLength: 1, maxLength: 60 }) }),
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: HoldView, ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const hold = await app.commands.run(liftLegalHold, scope.networkId, byOf(request, scope), {
        holdId: request.params.holdId,
        reason: request.body.reason,
        liftedBy: scope.actor.name,
      });
      return { ...hold };
    },
  );
};
