/**
 * The agent console's current call. Until the telephony edges feed live calls, the console
 * simulates one: it sends the call and what the agent has done so far, and shows the plan the
 * decision core returns (the record button, the announcement tooltip, R12, R15). When the
 * simulated call hangs up it is logged (L5) like a real one, with source `simulated`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../../shared/errors.js';
import { runSimulatedCall } from '../../../app/commands/simulated-call.js';
import { snapshotOf } from '../../../app/queries/node.queries.js';
import type { HttpContext } from '../context.js';
import { networkScope } from '../network-scope.js';
import * as agent from '../../../app/policies/agent.policy.js';
import { authorize } from '../../../app/policies/authorize.js';
import { PlanView } from '../presenters/plan.schema.js';
import { errorResponses, NetworkParams } from '../schemas.js';
import { ScenarioCall, ScenarioEvent } from './test-call.routes.js';

/** A console call lasts at most a working day: `at` is bounded so a logged call's start is believable. */
const SimulatedEvent = Type.Object(
  { ...ScenarioEvent.properties, at: Type.Number({ minimum: 0, maximum: 8 * 3600 }) },
  { additionalProperties: false },
);

export const agentRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/agent/numbers',
    {
      schema: {
        tags: ['agent console'],
        summary: 'The tracking numbers calls come in on, with their tenant: agents answer for every tenant of the network (no settings)',
        params: NetworkParams,
        response: {
          200: Type.Object({
            numbers: Type.Array(Type.Object({ number: Type.String(), tenantId: Type.String(), tenantName: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(agent.can(scope.actor, 'use_console', { networkId: scope.networkId }), 'use the agent console');
      const snapshot = await snapshotOf(app, scope.networkId);
      if (snapshot === undefined) throw errors.notFound('network', scope.networkId);
      return {
        numbers: snapshot.tenants.flatMap((tenant) =>
          snapshot.trackingNumbersOf(tenant.id).map((tn) => ({ number: tn.number, tenantId: tenant.id, tenantName: tenant.name })),
        ),
      };
    },
  );

  server.post(
    '/api/networks/:networkId/agent/simulated-call',
    {
      // A simulated call may be logged (L5): an agent places a few an hour, not thousands.
      config: { rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: (request) => request.actor?.id ?? request.ip } },
      schema: {
        tags: ['agent console'],
        summary: 'R4 R12 R13 R15 the recording plan of a simulated call at the agent console, after the events so far',
        description:
          'The call and events use the scenario format of docs/test-call.md. Agents of the network take calls for every tenant in it.',
        params: NetworkParams,
        body: Type.Object(
          { call: ScenarioCall, events: Type.Array(SimulatedEvent, { minItems: 1, maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ plan: PlanView, loggedCallId: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(agent.can(scope.actor, 'use_console', { networkId: scope.networkId }), 'use the agent console');
      const snapshot = await snapshotOf(app, scope.networkId);
      if (snapshot === undefined) throw errors.notFound('network', scope.networkId);
      return runSimulatedCall(app, snapshot, request.body.call, request.body.events);
    },
  );
};
