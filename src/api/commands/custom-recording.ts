/**
 * R5, R8: a queue's or an employee's custom recording settings, and Reset to Default. A custom
 * setting keeps overriding the defaults, even when they change later, until it is reset.
 */
import type { ModeSetting } from '../../domain/model.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { getEmployee, setEmployeeRecording, type EmployeeRecord } from '../../store/employees.repository.js';
import { getQueue, setQueueRecording, type QueueRecord } from '../../store/queues.repository.js';
import { write, type Actor } from '../../store/unit-of-work.js';
import { errors } from '../../errors.js';

export async function customizeQueue(
  store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, queueId: string, expectedVersion: number, custom: ModeSetting | null,
): Promise<QueueRecord> {
  const { result, changes } = await write(store, actor, async (unit) => {
    const before = await getQueue(unit.trx, networkId, queueId);
    if (before === undefined) throw errors.notFound('queue', queueId);
    const updated = await setQueueRecording(unit.trx, networkId, queueId, expectedVersion, custom);
    unit.changed(networkId, 'queue.recording');
    await unit.audit(networkId, {
      action: custom === null ? 'queue.recording_reset' : 'queue.recording_custom', resourceType: 'queue', resourceId: queueId, tenantIds: [],
      before: before.queue.customRecording, after: custom,
    });
    return updated;
  });
  for (const change of changes) await snapshots.atLeast(change.networkId, change.version);
  return result;
}

export async function customizeEmployee(
  store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, employeeId: string, expectedVersion: number,
  custom: { inbound: ModeSetting; outbound: ModeSetting } | null,
): Promise<EmployeeRecord> {
  const { result, changes } = await write(store, actor, async (unit) => {
    const before = await getEmployee(unit.trx, networkId, employeeId);
    if (before === undefined) throw errors.notFound('employee', employeeId);
    const updated = await setEmployeeRecording(unit.trx, networkId, employeeId, expectedVersion, custom);
    unit.changed(networkId, 'employee.recording');
    await unit.audit(networkId, {
      action: custom === null ? 'employee.recording_reset' : 'employee.recording_custom', resourceType: 'employee', resourceId: employeeId, tenantIds: [],
      before: before.employee.customRecording, after: custom,
    });
    return updated;
  });
  for (const change of changes) await snapshots.atLeast(change.networkId, change.version);
  return result;
}
