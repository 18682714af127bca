/** Employees of a network with their custom individual recording settings (R8). */
import type { Employee, ModeSetting } from '../domain/model.js';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { toEmployee } from './rows.js';

export interface EmployeeRecord {
  readonly employee: Employee;
  readonly version: number;
}

export async function listEmployees(db: Executor, networkId: string): Promise<EmployeeRecord[]> {
  const rows = await db.selectFrom('employees').selectAll().where('network_id', '=', networkId).orderBy('name').execute();
  return rows.map((row) => ({ employee: toEmployee(row), version: row.version }));
}

export async function getEmployee(db: Executor, networkId: string, id: string): Promise<EmployeeRecord | undefined> {
  const row = await db.selectFrom('employees').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : { employee: toEmployee(row), version: row.version };
}

/** R8: custom inbound and outbound settings, or null for Reset to Default. */
export async function setEmployeeRecording(
  db: Executor,
  networkId: string,
  id: string,
  expectedVersion: number,
  custom: { inbound: ModeSetting; outbound: ModeSetting } | null,
): Promise<EmployeeRecord> {
  const row = await db
    .updateTable('employees')
    .set((eb) => ({
      custom_inbound_mode: custom?.inbound.mode ?? null,
      custom_inbound_announcement: custom?.inbound.announcement ?? null,
      custom_outbound_mode: custom?.outbound.mode ?? null,
      custom_outbound_announcement: custom?.outbound.announcement ?? null,
      version: eb('version', '+', 1),
    }))
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row !== undefined) return { employee: toEmployee(row), version: row.version };
  const current = await getEmployee(db, networkId, id);
  if (current === undefined) throw errors.notFound('employee', id);
  throw errors.stale('employee', expectedVersion, current.version);
}
