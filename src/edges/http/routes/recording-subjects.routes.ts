/**
 * Queues (R4-R6) and employees (R7-R8): every user of the network reads them with the setting in
 * force; R17 guards custom settings and Reset to Default. `?custom=true` lists only the custom ones
 * (the "Queues with Custom Settings" and "Employees with Custom Settings" lists).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Employee, Queue, RecordingDefaults } from '../../../domain/model.js';
import { errors } from '../../../shared/errors.js';
import { getEmployee, listEmployees } from '../../../store/employees.repository.js';
import { getQueue, listQueues } from '../../../store/queues.repository.js';
import { getRecordingDefaults } from '../../../store/recording-defaults.repository.js';
import { customizeEmployee, customizeQueue } from '../../../app/commands/custom-recording.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../../../store/db.js';
import { networkScope } from '../network-scope.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as recording from '../../../app/policies/recording.policy.js';
import { auditActor } from '../presenters/tenant.presenter.js';
import { E164Output, errorResponses, ModeSettingSchema, NetworkParams, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';

const QueueView = Type.Object({
  id: Type.String(), name: Type.String(), custom: Type.Boolean(),
  customRecording: Type.Union([ModeSettingSchema, Type.Null()]), effective: ModeSettingSchema, version: Type.Integer(),
});
const EmployeeView = Type.Object({
  id: Type.String(), name: Type.String(), contactCenterUser: Type.Boolean(), directLine: Type.Union([E164Output, Type.Null()]), homeTenantId: Type.Union([Type.String(), Type.Null()]),
  custom: Type.Boolean(),
  customRecording: Type.Union([Type.Object({ inbound: ModeSettingSchema, outbound: ModeSettingSchema }), Type.Null()]),
  effective: Type.Object({ inbound: ModeSettingSchema, outbound: ModeSettingSchema }),
  version: Type.Integer(),
});
const ListQuery = Type.Object({ custom: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String()) });

const presentQueue = (queue: Queue, version: number, defaults: RecordingDefaults) => ({
  id: queue.id, name: queue.name, custom: queue.customRecording !== null,
  customRecording: queue.customRecording, effective: queue.customRecording ?? defaults.queue, version,
});
const presentEmployee = (employee: Employee, version: number, defaults: RecordingDefaults) => ({
  id: employee.id, name: employee.name, contactCenterUser: employee.contactCenterUser, directLine: employee.directLine, homeTenantId: employee.homeTenantId,
  custom: employee.customRecording !== null, customRecording: employee.customRecording, effective: employee.customRecording ?? defaults.individual, version,
});

async function defaultsOf(db: Executor, networkId: string): Promise<RecordingDefaults> {
  const record = await getRecordingDefaults(db, networkId);
  if (record === undefined) throw errors.notFound('network', networkId);
  return record.defaults;
}

export const recordingSubjectRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { store, snapshots }) => {
  app.get('/api/networks/:networkId/queues', {
    schema: { tags: ['recording'], summary: 'R4, R5 queues with the recording setting in force', params: NetworkParams, querystring: ListQuery, response: { 200: Type.Object({ queues: Type.Array(QueueView) }), ...errorResponses } },
  }, async (request) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(recording.can(scope.actor, 'view', scope), 'see queues');
    const defaults = await defaultsOf(store.db, scope.networkId);
    const queues = (await listQueues(store.db, scope.networkId)).map((r) => presentQueue(r.queue, r.version, defaults));
    return { queues: request.query.custom === true ? queues.filter((q) => q.custom) : queues };
  });

  for (const reset of [false, true]) {
    app.route({
      method: reset ? 'DELETE' : 'PUT',
      url: '/api/networks/:networkId/queues/:queueId/recording',
      schema: {
        tags: ['recording'],
        summary: reset ? 'R5 Reset to Default: the queue follows the queue defaults again' : "R5 the queue's custom recording settings (R17; If-Match: the queue's version)",
        params: Type.Object({ networkId: Type.String({ minLength: 1 }), queueId: Type.String({ minLength: 1 }) }),
        headers: IfMatch,
        ...(reset ? {} : { body: ModeSettingSchema }),
        response: { 200: QueueView, ...versionedWrites },
      },
      handler: async (request, reply) => {
        const params = request.params as { networkId: string; queueId: string };
        const scope = networkScope(request, params.networkId);
        if ((await getQueue(store.db, scope.networkId, params.queueId)) === undefined) throw errors.notFound('queue', params.queueId);
        authorize(recording.can(scope.actor, 'edit', scope), 'change recording settings (needs edit_call_recording_settings)');
        const custom = reset ? null : (request.body as { mode: 'always' | 'automatic' | 'manual' | 'never'; announcement: 'prompt_agent' | 'none' });
        const record = await customizeQueue(store, snapshots, auditActor(scope.actor, request), scope.networkId, params.queueId, expectedVersion(request, 'queue'), custom);
        withETag(reply, record.version);
        return presentQueue(record.queue, record.version, await defaultsOf(store.db, scope.networkId));
      },
    });
  }

  app.get('/api/networks/:networkId/employees', {
    schema: { tags: ['recording'], summary: 'R7, R8 employees with their individual recording settings in force', params: NetworkParams, querystring: ListQuery, response: { 200: Type.Object({ employees: Type.Array(EmployeeView) }), ...errorResponses } },
  }, async (request) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(recording.can(scope.actor, 'view', scope), 'see employees');
    const defaults = await defaultsOf(store.db, scope.networkId);
    const employees = (await listEmployees(store.db, scope.networkId)).map((r) => presentEmployee(r.employee, r.version, defaults));
    return { employees: request.query.custom === true ? employees.filter((e) => e.custom) : employees };
  });

  for (const reset of [false, true]) {
    app.route({
      method: reset ? 'DELETE' : 'PUT',
      url: '/api/networks/:networkId/employees/:employeeId/recording',
      schema: {
        tags: ['recording'],
        summary: reset ? 'R8 Reset to Default: the employee follows the individual defaults again' : "R8 the employee's custom inbound and outbound settings (R17; If-Match)",
        params: Type.Object({ networkId: Type.String({ minLength: 1 }), employeeId: Type.String({ minLength: 1 }) }),
        headers: IfMatch,
        ...(reset ? {} : { body: Type.Object({ inbound: ModeSettingSchema, outbound: ModeSettingSchema }, { additionalProperties: false }) }),
        response: { 200: EmployeeView, ...versionedWrites },
      },
      handler: async (request, reply) => {
        const params = request.params as { networkId: string; employeeId: string };
        const scope = networkScope(request, params.networkId);
        if ((await getEmployee(store.db, scope.networkId, params.employeeId)) === undefined) throw errors.notFound('employee', params.employeeId);
        authorize(recording.can(scope.actor, 'edit', scope), 'change recording settings (needs edit_call_recording_settings)');
        const custom = reset ? null : (request.body as Parameters<typeof customizeEmployee>[6]);
        const record = await customizeEmployee(store, snapshots, auditActor(scope.actor, request), scope.networkId, params.employeeId, expectedVersion(request, 'employee'), custom);
        withETag(reply, record.version);
        return presentEmployee(record.employee, record.version, await defaultsOf(store.db, scope.networkId));
      },
    });
  }
};
