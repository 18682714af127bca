/** The contact center's queues and employees, the network administrator's: created, changed, removed. */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { bumpVersioned, deleteVersioned, insertEmployee, insertQueue, workflowsUsing } from '../../store/directory.repository.js';
import { getEmployee } from '../../store/employees.repository.js';
import { getQueue } from '../../store/queues.repository.js';
import { int } from '../../store/rows.js';
import * as directory from '../policies/directory.policy.js';
import { Id, ModeSettingSchema, Name, Version } from '../schemas.js';
import { defineCommand } from './command.js';
import { checkEmployee, EmployeeSchema, refuseIfRouted } from './directory-rules.js';

const manage = (actor: Parameters<typeof directory.can>[0], networkId: string) =>
  directory.can(actor, 'manage_contact_center', { networkId });

export const createQueue = defineCommand({
  name: 'queue.create',
  input: Type.Object(
    { name: Name, customRecording: Type.Optional(Type.Union([ModeSettingSchema, Type.Null()])) },
    { additionalProperties: false },
  ),
  allowed: manage,
  refusal: 'create queues',
  handle: async (unit, input, networkId) => {
    const queue = { name: input.name.trim(), customRecording: input.customRecording ?? null };
    const id = await insertQueue(unit.trx, networkId, queue);
    return {
      result: { id, version: 1 },
      touched: { directory: true },
      audit: { action: 'queue.create', resourceType: 'queue', resourceId: id, tenantIds: [], before: null, after: queue },
    };
  },
});

export const renameQueue = defineCommand({
  name: 'queue.rename',
  input: Type.Object({ queueId: Id, expectedVersion: Version, name: Name }, { additionalProperties: false }),
  allowed: manage,
  refusal: 'change queues',
  handle: async (unit, { queueId, expectedVersion, name }, networkId) => {
    const current = await getQueue(unit.trx, networkId, queueId);
    if (current === undefined) throw errors.notFound('queue', queueId);
    const version = await bumpVersioned(unit.trx, 'queues', networkId, queueId, expectedVersion, { name: name.trim() });
    return {
      result: { id: queueId, version },
      touched: { directory: true },
      audit: {
        action: 'queue.rename',
        resourceType: 'queue',
        resourceId: queueId,
        tenantIds: [],
        before: { name: current.queue.name },
        after: { name: name.trim() },
      },
    };
  },
});

export const deleteQueue = defineCommand({
  name: 'queue.delete',
  input: Type.Object({ queueId: Id, expectedVersion: Version }, { additionalProperties: false }),
  allowed: manage,
  refusal: 'delete queues',
  handle: async (unit, { queueId, expectedVersion }, networkId) => {
    const current = await getQueue(unit.trx, networkId, queueId);
    if (current === undefined) throw errors.notFound('queue', queueId);
    refuseIfRouted(await workflowsUsing(unit.trx, networkId, 'queue', queueId), `Queue "${current.queue.name}"`, 'queueId', queueId);
    await deleteVersioned(unit.trx, 'queues', networkId, queueId, expectedVersion);
    return {
      result: undefined,
      touched: { directory: true },
      audit: { action: 'queue.delete', resourceType: 'queue', resourceId: queueId, tenantIds: [], before: current.queue, after: null },
    };
  },
});

export const createEmployee = defineCommand({
  name: 'employee.create',
  input: EmployeeSchema,
  allowed: manage,
  refusal: 'add employees',
  handle: async (unit, input, networkId) => {
    const employee = { ...(await checkEmployee(unit.trx, networkId, input, null)), customRecording: null };
    const id = await insertEmployee(unit.trx, networkId, employee);
    return {
      result: { id, version: 1 },
      touched: { directory: true },
      audit: { action: 'employee.create', resourceType: 'employee', resourceId: id, tenantIds: [], before: null, after: employee },
    };
  },
});

export const updateEmployee = defineCommand({
  name: 'employee.update',
  input: Type.Object({ employeeId: Id, expectedVersion: Version, employee: EmployeeSchema }, { additionalProperties: false }),
  allowed: manage,
  refusal: 'change employees',
  handle: async (unit, { employeeId, expectedVersion, employee }, networkId) => {
    const current = await getEmployee(unit.trx, networkId, employeeId);
    if (current === undefined) throw errors.notFound('employee', employeeId);
    const checked = await checkEmployee(unit.trx, networkId, employee, current.employee.directLine);
    const version = await bumpVersioned(unit.trx, 'employees', networkId, employeeId, expectedVersion, {
      name: checked.name,
      contact_center_user: int(checked.contactCenterUser),
      direct_line: checked.directLine,
      home_tenant_id: checked.homeTenantId,
    });
    return {
      result: { id: employeeId, version },
      touched: { directory: true },
      audit: {
        action: 'employee.update',
        resourceType: 'employee',
        resourceId: employeeId,
        tenantIds: [],
        before: current.employee,
        after: checked,
      },
    };
  },
});

export const deleteEmployee = defineCommand({
  name: 'employee.delete',
  input: Type.Object({ employeeId: Id, expectedVersion: Version }, { additionalProperties: false }),
  allowed: manage,
  refusal: 'remove employees',
  handle: async (unit, { employeeId, expectedVersion }, networkId) => {
    const current = await getEmployee(unit.trx, networkId, employeeId);
    if (current === undefined) throw errors.notFound('employee', employeeId);
    refuseIfRouted(await workflowsUsing(unit.trx, networkId, 'employee', employeeId), current.employee.name, 'employeeId', employeeId);
    await deleteVersioned(unit.trx, 'employees', networkId, employeeId, expectedVersion);
    return {
      result: undefined,
      touched: { directory: true },
      audit: {
        action: 'employee.delete',
        resourceType: 'employee',
        resourceId: employeeId,
        tenantIds: [],
        before: current.employee,
        after: null,
      },
    };
  },
});
