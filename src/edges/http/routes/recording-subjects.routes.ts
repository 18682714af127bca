/**
 * Queues (R4-R6) and employees (R7-R8): every user of the network reads them with the setting in
 * force; R17 guards custom settings and Reset to Default. `?custom=true` lists only the custom ones
 * (the "Queues with Custom Settings" and "Employees with Custom Settings" lists).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Employee, Queue, RecordingDefaults } from '../../../domain/model.js';
import { errors } from '../../../shared/errors.js';
import type { Application } from '../../../app/application.js';
import { customizeEmployee, customizeQueue } from '../../../app/commands/custom-recording.js';
import { employee, employees, queue, queues } from '../../../app/queries/directory.queries.js';
import { recordingDefaults } from '../../../app/queries/recording.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as recording from '../../../app/policies/recording.policy.js';
import { E164Output, errorResponses, ModeSettingSchema, NetworkParams, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';
import { IfMatch } from '../writes.js';

const QueueView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  custom: Type.Boolean(),
  customRecording: Type.Union([ModeSettingSchema, Type.Null()]),
  effective: ModeSettingSchema,
  version: Type.Integer(),
});
const EmployeeView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  contactCenterUser: Type.Boolean(),
  directLine: Type.Union([E164Output, Type.Null()]),
  homeTenantId: Type.Union([Type.String(), Type.Null()]),
  custom: Type.Boolean(),
  customRecording: Type.Union([Type.Object({ inbound: ModeSettingSchema, outbound: ModeSettingSchema }), Type.Null()]),
  effective: Type.Object({ inbound: ModeSettingSchema, outbound: ModeSettingSchema }),
  version: Type.Integer(),
});
const ListQuery = Type.Object({ custom: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

const presentQueue = (queue: Queue, version: number, defaults: RecordingDefaults) => ({
  id: queue.id,
  name: queue.name,
  custom: queue.customRecording !== null,
  customRecording: queue.customRecording,
  effective: queue.customRecording ?? defaults.queue,
  version,
});
const presentEmployee = (employee: Employee, version: number, defaults: RecordingDefaults) => ({
  id: employee.id,
  name: employee.name,
  contactCenterUser: employee.contactCenterUser,
  directLine: employee.directLine,
  homeTenantId: employee.homeTenantId,
  custom: employee.customRecording !== null,
  customRecording: employee.customRecording,
  effective: employee.customRecording ?? defaults.individual,
  version,
});

const defaultsOf = async (app: Application, networkId: string): Promise<RecordingDefaults> =>
  (await recordingDefaults(app, networkId)).defaults;

export const recordingSubjectRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/queues',
    {
      schema: {
        tags: ['recording'],
        summary: 'R4, R5 queues with the recording setting in force',
        params: NetworkParams,
        querystring: ListQuery,
        response: { 200: Type.Object({ queues: Type.Array(QueueView) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(recording.can(scope.actor, 'view', scope), 'see queues');
      const defaults = await defaultsOf(app, scope.networkId);
      const views = (await queues(app, scope.networkId)).map((r) => presentQueue(r.queue, r.version, defaults));
      return { queues: request.query.custom === true ? views.filter((q) => q.custom) : views };
    },
  );

  for (const reset of [false, true]) {
    server.route({
      method: reset ? 'DELETE' : 'PUT',
      url: '/api/networks/:networkId/queues/:queueId/recording',
      schema: {
        tags: ['recording'],
        summary: reset
          ? 'R5 Reset to Default: the queue follows the queue defaults again'
          : "R5 the queue's custom recording settings (R17; If-Match: the queue's version)",
        params: Type.Object({ networkId: Type.String({ minLength: 1 }), queueId: Type.String({ minLength: 1 }) }),
        headers: IfMatch,
        ...(reset ? {} : { body: ModeSettingSchema }),
        response: { 200: QueueView, ...versionedWrites },
      },
      handler: async (request, reply) => {
        const params = request.params as { networkId: string; queueId: string };
        const scope = networkScope(request, params.networkId);
        if ((await queue(app, scope.networkId, params.queueId)) === undefined) throw errors.notFound('queue', params.queueId);
        const custom = reset ? null : request.body;
        const record = await app.commands.run(customizeQueue, scope.networkId, byOf(request, scope), {
          queueId: params.queueId,
          expectedVersion: expectedVersion(request, 'queue'),
          custom,
        });
        withETag(reply, record.version);
        return presentQueue(record.queue, record.version, await defaultsOf(app, scope.networkId));
      },
    });
  }

  server.get(
    '/api/networks/:networkId/employees',
    {
      schema: {
        tags: ['recording'],
        summary: 'R7, R8 employees with their individual recording settings in force',
        params: NetworkParams,
        querystring: ListQuery,
        response: { 200: Type.Object({ employees: Type.Array(EmployeeView) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(recording.can(scope.actor, 'view', scope), 'see employees');
      const defaults = await defaultsOf(app, scope.networkId);
      const views = (await employees(app, scope.networkId)).map((r) => presentEmployee(r.employee, r.version, defaults));
      return { employees: request.query.custom === true ? views.filter((e) => e.custom) : views };
    },
  );

  for (const reset of [false, true]) {
    server.route({
      method: reset ? 'DELETE' : 'PUT',
      url: '/api/networks/:networkId/employees/:employeeId/recording',
      schema: {
        tags: ['recording'],
        summary: reset
          ? 'R8 Reset to Default: the employee follows the individual defaults again'
          : "R8 the employee's custom inbound and outbound settings (R17; If-Match)",
        params: Type.Object({ networkId: Type.String({ minLength: 1 }), employeeId: Type.String({ minLength: 1 }) }),
        headers: IfMatch,
        ...(reset
          ? {}
          : { body: Type.Object({ inbound: ModeSettingSchema, outbound: ModeSettingSchema }, { additionalProperties: false }) }),
        response: { 200: EmployeeView, ...versionedWrites },
      },
      handler: async (request, reply) => {
        const params = request.params as { networkId: string; employeeId: string };
        const scope = networkScope(request, params.networkId);
        if ((await employee(app, scope.networkId, params.employeeId)) === undefined) throw errors.notFound('employee', params.employeeId);
        const custom = reset ? null : request.body;
        const record = await app.commands.run(customizeEmployee, scope.networkId, byOf(request, scope), {
          employeeId: params.employeeId,
          expectedVersion: expectedVersion(request, 'employee'),
          custom,
        });
        withETag(reply, record.version);
        return presentEmployee(record.employee, record.version, await defaultsOf(app, scope.networkId));
      },
    });
  }
};
