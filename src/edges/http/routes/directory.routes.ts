/** Read-only lists: tracking numbers, voice agents (C5), and the call log (L5), per visible tenant. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { calls, trackingNumbers, voiceAgents } from '../../../app/queries/directory.queries.js';
import type { HttpContext } from '../context.js';
import { networkScope } from '../network-scope.js';
import { AttemptView, ConsentStampView, RouteView } from '../presenters/plan.schema.js';
import { E164Output, errorResponses, Limit, NetworkParams, OneOf } from '../schemas.js';
import { RECORDING_KINDS } from '../../../domain/retention.js';

const TenantFilter = Type.Object(
  { tenantId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);
const Workflow = Type.Object({
  kind: Type.String(),
  queueId: Type.Optional(Type.String()),
  employeeId: Type.Optional(Type.String()),
  voiceAgentId: Type.Optional(Type.String()),
  number: Type.Optional(Type.String()),
});
const Reason = Type.Object({ rule: Type.String(), text: Type.String() });

export const directoryRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/tracking-numbers',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Tracking numbers of the visible tenants, with their workflow and continuity exception',
        params: NetworkParams,
        querystring: TenantFilter,
        response: {
          200: Type.Object({
            trackingNumbers: Type.Array(
              Type.Object({
                id: Type.String(),
                tenantId: Type.String(),
                number: E164Output,
                workflow: Workflow,
                continuityNumber: Type.Union([E164Output, Type.Null()]),
                version: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const numbers = await trackingNumbers(app, scope, request.query.tenantId);
      return {
        trackingNumbers: numbers.map((n) => ({ ...n.trackingNumber, workflow: { ...n.trackingNumber.workflow }, version: n.version })),
      };
    },
  );

  server.get(
    '/api/networks/:networkId/voice-agents',
    {
      schema: {
        tags: ['tenants'],
        summary: 'C5 voice agents of the visible tenants, oldest first',
        params: NetworkParams,
        querystring: TenantFilter,
        response: {
          200: Type.Object({
            voiceAgents: Type.Array(
              Type.Object({
                id: Type.String(),
                tenantId: Type.String(),
                name: Type.String(),
                createdAt: Type.String(),
                enabled: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      return { voiceAgents: await voiceAgents(app, scope, request.query.tenantId) };
    },
  );

  server.get(
    '/api/networks/:networkId/calls',
    {
      schema: {
        tags: ['calls'],
        summary: 'L5 the call log: each call with its rule set, recording segments, sync and reasons (newest first)',
        params: NetworkParams,
        querystring: Type.Object(
          {
            tenantId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            before: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            limit: Type.Optional(Limit(500, 50)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            calls: Type.Array(
              Type.Object({
                id: Type.String(),
                startedAt: Type.String(),
                tenantId: Type.Union([Type.String(), Type.Null()]),
                direction: Type.String(),
                from: Type.Union([Type.String(), Type.Null()]),
                to: Type.Union([Type.String(), Type.Null()]),
                ruleSet: Type.String(),
                route: Type.Union([RouteView, Type.Null()]),
                segments: Type.Array(Type.Object({ start: Type.Number(), end: Type.Union([Type.Number(), Type.Null()]) })),
                loggedIn: Type.Array(Type.String()),
                synced: Type.Boolean(),
                reasons: Type.Array(Reason),
                source: Type.String(),
                attempts: Type.Array(AttemptView, {
                  description: 'B6: the continuity destinations tried and left before the one that took the call, and why',
                }),
                consent: ConsentStampView,
                recordings: Type.Array(
                  Type.Object(
                    {
                      id: Type.String({ description: 'GET …/recordings/{id}/audio?as=listen|download (each audited)' }),
                      durationMs: Type.Integer(),
                      createdAt: Type.String(),
                      kind: Type.Union([OneOf(RECORDING_KINDS), Type.Null()], { description: "B10: what its tenant's retention goes by" }),
                      keptUntil: Type.Union([Type.String(), Type.Null()], {
                        description: 'B10: when the deletion job removes it; null: kept for ever, or held',
                      }),
                      held: Type.Boolean({ description: 'B10: a legal hold on the call, the caller or the tenant keeps it' }),
                    },
                    { additionalProperties: false },
                  ),
                  { description: 'B10: its recordings, oldest first (a call moved on after a transfer may have several)' },
                ),
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const { tenantId, before, limit = 50 } = request.query;
      // Network administrators see every call, tenant users their tenants' calls.
      const page = await calls(
        app,
        scope,
        { ...(tenantId === undefined ? {} : { tenantId }), ...(before === undefined ? {} : { before }) },
        limit,
      );
      const present = (c: (typeof page)[number]) => ({
        ...c,
        route: c.route as Static<typeof RouteView> | null,
        segments: [...c.segments],
        loggedIn: [...c.loggedIn],
        reasons: [...c.reasons],
        attempts: c.attempts.map((a) => ({ ...a })),
        recordings: c.recordings.map(({ caller: _caller, ...recording }) => recording),
      });
      return { calls: page.map(present), nextCursor: page.length === limit ? page.at(-1)!.id : null };
    },
  );
};
