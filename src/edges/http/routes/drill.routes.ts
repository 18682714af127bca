/** B4: a tenant's continuity drill, started (its test callers, how long) and ended. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { endDrill, startDrill } from '../../../app/commands/continuity-drill.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { DrillView, presentDrill } from '../presenters/tenant.presenter.js';
import { errorResponses, TenantParams } from '../schemas.js';

export const drillRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.put(
    '/api/networks/:networkId/tenants/:tenantId/continuity/drill',
    {
      schema: {
        tags: ['continuity'],
        summary:
          'B4 start (or restart) a drill: while continuity is off, only calls from these test callers go to the continuity destination, until it ends by itself',
        params: TenantParams,
        body: Type.Object(
          {
            callers: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 20, description: 'test caller numbers' }),
            minutes: Type.Integer({ minimum: 5, maximum: 1440, description: 'how long the drill lasts (5 to 1440)' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ drill: DrillView }), ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const updated = await app.commands.run(startDrill, scope.networkId, byOf(request, scope), {
        tenantId: request.params.tenantId,
        ...request.body,
        requestedAt: new Date().toISOString(),
      });
      return { drill: presentDrill(updated.tenant.continuity.drill) };
    },
  );

  server.delete(
    '/api/networks/:networkId/tenants/:tenantId/continuity/drill',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B4 end a drill now: every call follows the workflow again',
        params: TenantParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      await app.commands.run(endDrill, scope.networkId, byOf(request, scope), { tenantId: request.params.tenantId });
      return reply.status(204).send(null);
    },
  );
};
