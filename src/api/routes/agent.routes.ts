/**
 * The agent console's current call. Until the telephony edges feed live calls, the console
 * simulates one: it sends the call and what the agent has done so far, and shows the plan the
 * decision core returns (the record button, the announcement tooltip, R12, R15). When the
 * simulated call hangs up it is logged (L5) like a real one, with source `simulated`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decideRecording } from '../../domain/decide-recording.js';
import { readCall, readEvents } from '../../domain/scenario.js';
import { errors } from '../../errors.js';
import { logCall } from '../../store/call-log.repository.js';
import type { AppContext } from '../context.js';
import { networkScope } from '../network-scope.js';
import * as agent from '../policies/agent.policy.js';
import { authorize } from '../policies/authorize.js';
import { PlanView } from '../presenters/plan.schema.js';
import { errorResponses, NetworkParams } from '../schemas.js';
import { ScenarioCall, ScenarioEvent } from './test-call.routes.js';

export const agentRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { snapshots, store }) => {
  app.post('/api/networks/:networkId/agent/simulated-call', {
    schema: {
      tags: ['agent console'],
      summary: 'R4 R12 R13 R15 the recording plan of a simulated call at the agent console, after the events so far',
      description: 'The call and events use the scenario format of docs/test-call.md. Agents of the network take calls for every tenant in it.',
      params: NetworkParams,
      body: Type.Object({ call: ScenarioCall, events: Type.Array(ScenarioEvent, { minItems: 1, maxItems: 200 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ plan: PlanView, loggedCallId: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
  }, async (request) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(agent.can(scope.actor, 'use_console', { networkId: scope.networkId }), 'use the agent console');
    const snapshot = await snapshots.get(scope.networkId);
    if (snapshot === undefined) throw errors.notFound('network', scope.networkId);
    const call = readCall(request.body.call);
    const events = readEvents(request.body.events);
    const plan = decideRecording(snapshot, call, events);
    if (!plan.ended) return { plan, loggedCallId: null };
    const startedAt = new Date(Date.now() - 1000 * (events.at(-1)?.at ?? 0)).toISOString();
    const from = call.direction === 'inbound' ? call.from : null;
    const to = call.direction === 'internal' ? null : call.to;
    const loggedCallId = await logCall(store.db, { networkId: scope.networkId, startedAt, direction: call.direction, from, to, plan, source: 'simulated' });
    return { plan, loggedCallId };
  });
};
