/**
 * R5, R8: a queue's or an employee's custom recording settings, and Reset to Default (`custom:
 * null`). A custom setting keeps overriding the defaults, even when they change later, until it
 * is reset. R17: needs edit_call_recording_settings.
 */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { getEmployee, setEmployeeRecording } from '../../store/employees.repository.js';
import { getQueue, setQueueRecording } from '../../store/queues.repository.js';
import * as recording from '../policies/recording.policy.js';
import { Id, ModeSettingSchema, Version } from '../schemas.js';
import { defineCommand } from './command.js';

const EDIT = 'change recording settings (needs edit_call_recording_settings)';

export const customizeQueue = defineCommand({
  name: 'queue.recording',
  input: Type.Object(
    { queueId: Id, expectedVersion: Version, custom: Type.Union([ModeSettingSchema, Type.Null()]) },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => recording.can(actor, 'edit', { networkId }),
  refusal: EDIT,
  handle: async (unit, { queueId, expectedVersion, custom }, networkId) => {
    const before = await getQueue(unit.trx, networkId, queueId);
    if (before === undefined) throw errors.notFound('queue', queueId);
    const result = await setQueueRecording(unit.trx, networkId, queueId, expectedVersion, custom);
    return {
      result,
      touched: { directory: true },
      audit: {
        action: custom === null ? 'queue.recording_reset' : 'queue.recording_custom',
        resourceType: 'queue',
        resourceId: queueId,
        tenantIds: [],
        before: before.queue.customRecording,
        after: custom,
      },
    };
  },
});

export const customizeEmployee = defineCommand({
  name: 'employee.recording',
  input: Type.Object(
    {
      employeeId: Id,
      expectedVersion: Version,
      custom: Type.Union([
        Type.Object({ inbound: ModeSettingSchema, outbound: ModeSettingSchema }, { additionalProperties: false }),
        Type.Null(),
      ]),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => recording.can(actor, 'edit', { networkId }),
  refusal: EDIT,
  handle: async (unit, { employeeId, expectedVersion, custom }, networkId) => {
    const before = await getEmployee(unit.trx, networkId, employeeId);
    if (before === undefined) throw errors.notFound('employee', employeeId);
    const result = await setEmployeeRecording(unit.trx, networkId, employeeId, expectedVersion, custom);
    return {
      result,
      touched: { directory: true },
      audit: {
        action: custom === null ? 'employee.recording_reset' : 'employee.recording_custom',
        resourceType: 'employee',
        resourceId: employeeId,
        tenantIds: [],
        before: before.employee.customRecording,
        after: custom,
      },
    };
  },
});
