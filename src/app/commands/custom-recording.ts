/**
 * R5, R8: a queue's or an employee's custom recording settings, and Reset to Default. A custom
 * setting keeps overriding the defaults, even when they change later, until it is reset.
 */
import type { ModeSetting } from '../../domain/model.js';
import { errors } from '../../shared/errors.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { getEmployee, setEmployeeRecording, type EmployeeRecord } from '../../store/employees.repository.js';
import { getQueue, setQueueRecording, type QueueRecord } from '../../store/queues.repository.js';
import type { Actor } from '../../store/unit-of-work.js';
import { auditedChange } from './audited-change.js';

export function customizeQueue(
  store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, queueId: string, expectedVersion: number, custom: ModeSetting | null,
): Promise<QueueRecord> {
  return auditedChange({ store, snapshots, actor, networkId }, custom === null ? 'queue.recording_reset' : 'queue.recording_custom', 'queue', async (unit) => {
    const before = await getQueue(unit.trx, networkId, queueId);
    if (before === undefined) throw errors.notFound('queue', queueId);
    const result = await setQueueRecording(unit.trx, networkId, queueId, expectedVersion, custom);
    return { result, resourceId: queueId, tenantIds: [], before: before.queue.customRecording, after: custom };
  });
}

export function customizeEmployee(
  store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, employeeId: string, expectedVersion: number,
  custom: { inbound: ModeSetting; outbound: ModeSetting } | null,
): Promise<EmployeeRecord> {
  return auditedChange({ store, snapshots, actor, networkId }, custom === null ? 'employee.recording_reset' : 'employee.recording_custom', 'employee', async (unit) => {
    const before = await getEmployee(unit.trx, networkId, employeeId);
    if (before === undefined) throw errors.notFound('employee', employeeId);
    const result = await setEmployeeRecording(unit.trx, networkId, employeeId, expectedVersion, custom);
    return { result, resourceId: employeeId, tenantIds: [], before: before.employee.customRecording, after: custom };
  });
}
