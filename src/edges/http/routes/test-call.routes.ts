/** C16: a test call on the network's stored settings, decided exactly as a real call would be. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decideRecording } from '../../../domain/decide-recording.js';
import { decideRoute } from '../../../domain/decide-route.js';
import { readCall, readEvents } from '../../../domain/scenario.js';
import { errors } from '../../../shared/errors.js';
import { snapshotOf } from '../../../app/queries/node.queries.js';
import type { HttpContext } from '../context.js';
import { networkScope } from '../network-scope.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as tenants from '../../../app/policies/tenant.policy.js';
import { PlanView, RouteView } from '../presenters/plan.schema.js';
import { errorResponses, NetworkParams, OneOf } from '../schemas.js';

/** An event of the scenario format (docs/test-call.md); shared with the agent console's simulated call. */
export const ScenarioEvent = Type.Object(
  {
    type: Type.String({ maxLength: 40 }),
    at: Type.Number({ minimum: 0 }),
    employeeId: Type.Optional(Type.String()),
    voiceAgentId: Type.Optional(Type.String()),
    queueId: Type.Optional(Type.String()),
    number: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The call of the scenario format, read and validated by src/domain/scenario.ts. */
export const ScenarioCall = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'inbound {from, to}, outbound {employeeId, to, via, tenantId?} or internal {fromEmployeeId, toEmployeeId}',
  },
);

export const testCallRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.post(
    '/api/networks/:networkId/test-call',
    {
      schema: {
        tags: ['test call'],
        summary: 'C16 run a test call on the stored settings: where it goes, whether it is recorded, and why',
        description:
          'The call and events use the scenario format of docs/test-call.md. Without events the call is connected and nothing else happens.',
        params: NetworkParams,
        body: Type.Object(
          {
            call: ScenarioCall,
            events: Type.Optional(Type.Array(ScenarioEvent, { maxItems: 200 })),
            decide: Type.Optional(
              OneOf(['recording', 'route'], {
                description: '`route`: only where an inbound call goes (C1-C6), without the recording plan',
                default: 'recording',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            network: Type.Object({ id: Type.String(), name: Type.String(), version: Type.Integer() }),
            plan: Type.Optional(PlanView),
            route: Type.Optional(RouteView),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const snapshot = await snapshotOf(app, scope.networkId);
      if (snapshot === undefined) throw errors.notFound('network', scope.networkId);
      const read = readCall(request.body.call);
      // Placed now: a drill (B4) running now decides it as it would a real call.
      const call = read.direction === 'inbound' ? { ...read, at: Date.now() } : read;
      // A call to a tenant's number (or placed for a tenant) needs access to that tenant; anything else is network-wide.
      const tenantId =
        call.direction === 'inbound'
          ? snapshot.trackingNumber(call.to)?.tenantId
          : call.direction === 'outbound'
            ? call.tenantId
            : undefined;
      authorize(tenants.can(scope.actor, 'test_call', { networkId: scope.networkId, tenantId }), 'run this test call');
      const network = { id: snapshot.networkId, name: snapshot.networkName, version: snapshot.version };
      if (request.body.decide === 'route') {
        if (call.direction !== 'inbound')
          throw errors.validation('decide', 'route', 'decide: only an inbound call has a route; ask for "recording".');
        return { network, route: decideRoute(snapshot, call) };
      }
      const events = readEvents(request.body.events ?? [{ type: 'connected', at: 0 }]);
      return { network, plan: decideRecording(snapshot, call, events) };
    },
  );
};
