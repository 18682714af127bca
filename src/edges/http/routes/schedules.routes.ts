/**
 * B1: Call Continuity switched at a time, and off again at a time, for one tenant or all of them:
 * listed, made, moved and cancelled. Each change is a command (continuity-schedules.ts); the runs
 * are the schedule runner's.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { changeSchedule, scheduleContinuity } from '../../../app/commands/continuity-schedules.js';
import { visibleSchedule, visibleSchedules } from '../../../app/queries/continuity.queries.js';
import type { Schedule } from '../../../app/queries/continuity.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { errorResponses, NetworkParams, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';
import { IfMatch } from '../writes.js';

const At = Type.String({ format: 'date-time', description: 'ISO 8601 with its offset, e.g. 2026-12-07T18:00:00-08:00' });

const ScheduleView = Type.Object({
  id: Type.String(),
  tenantId: Type.Union([Type.String(), Type.Null()], { description: 'null: every tenant (Turn On / Off For All)' }),
  enabled: Type.Boolean({ description: 'true: switches on; false: switches off ("valid until")' }),
  runAt: Type.String(),
  requestedBy: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
});

const present = (s: Schedule): Static<typeof ScheduleView> => ({
  id: s.id,
  tenantId: s.tenantId,
  enabled: s.enabled,
  runAt: s.runAt,
  requestedBy: s.requestedBy.name,
  createdAt: s.createdAt,
  version: s.version,
});

const ScheduleParams = Type.Object({ networkId: Type.String({ minLength: 1 }), scheduleId: Type.String({ minLength: 1, maxLength: 60 }) });

export const scheduleRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/continuity/schedules',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B1 the pending Call Continuity schedules the caller may see, soonest first',
        params: NetworkParams,
        response: { 200: Type.Object({ schedules: Type.Array(ScheduleView) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      return { schedules: (await visibleSchedules(app, scope)).map(present) };
    },
  );

  server.post(
    '/api/networks/:networkId/continuity/schedules',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B1 switch Call Continuity on at a time, off at a time ("valid until"), or both; for one tenant or all (tenantId null)',
        params: NetworkParams,
        body: Type.Object(
          {
            tenantId: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
            onAt: Type.Optional(At),
            offAt: Type.Optional(At),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ schedules: Type.Array(ScheduleView) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const made = await app.commands.run(scheduleContinuity, scope.networkId, byOf(request, scope), {
        ...request.body,
        requestedAt: new Date().toISOString(),
      });
      return reply.status(201).send({ schedules: made.map(present) });
    },
  );

  /** Moves or cancels a pending schedule the caller may see (the command checks the policy on its tenant). */
  const change = async (request: FastifyRequest, params: Static<typeof ScheduleParams>, runAt: string | null): Promise<Schedule> => {
    const scope = networkScope(request, params.networkId);
    const schedule = await visibleSchedule(app, scope, params.scheduleId);
    return app.commands.run(changeSchedule, scope.networkId, byOf(request, scope), {
      scheduleId: schedule.id,
      tenantId: schedule.tenantId,
      expectedVersion: expectedVersion(request, 'schedule'),
      ...(runAt === null ? { cancel: true as const } : { runAt }),
      requestedAt: new Date().toISOString(),
    });
  };

  server.patch(
    '/api/networks/:networkId/continuity/schedules/:scheduleId',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B1 move a pending schedule to another time (If-Match: its version)',
        params: ScheduleParams,
        headers: IfMatch,
        body: Type.Object({ runAt: At }, { additionalProperties: false }),
        response: { 200: ScheduleView, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const updated = await change(request, request.params, request.body.runAt);
      withETag(reply, updated.version);
      return present(updated);
    },
  );

  server.delete(
    '/api/networks/:networkId/continuity/schedules/:scheduleId',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B1 cancel a pending schedule (If-Match: its version)',
        params: ScheduleParams,
        headers: IfMatch,
        response: { 204: Type.Null(), ...versionedWrites },
      },
    },
    async (request, reply) => {
      await change(request, request.params, null);
      return reply.status(204).send(null);
    },
  );
};
