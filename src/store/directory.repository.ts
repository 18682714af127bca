/**
 * Writes to a network's directory: tenants, tracking numbers, queues, employees, voice agents.
 * Each update matches the row's version (412 when stale) and every query is scoped to the network.
 */
import type { Employee, Queue, Tenant, TrackingNumber, VoiceAgent, WorkflowTarget } from '../domain/model.js';
import type { E164 } from '../domain/phone-number.js';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { newId } from './ids.js';
import { employeeColumns, int, tenantColumns, workflowColumns } from './rows.js';

type Table = 'tenants' | 'tracking_numbers' | 'queues' | 'employees' | 'voice_agents';
const NAMES: Record<Table, string> = {
  tenants: 'tenant',
  tracking_numbers: 'tracking number',
  queues: 'queue',
  employees: 'employee',
  voice_agents: 'voice agent',
};

/** Why a versioned write matched no row: not there (404) or changed meanwhile (412). */
async function missOrStale(db: Executor, table: Table, networkId: string, id: string, expectedVersion: number): Promise<never> {
  const row = await db.selectFrom(table).select('version').where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw errors.notFound(NAMES[table], id);
  throw errors.stale(NAMES[table], expectedVersion, row.version);
}

export async function bumpVersioned(
  db: Executor,
  table: Table,
  networkId: string,
  id: string,
  expectedVersion: number,
  values: Record<string, unknown>,
): Promise<number> {
  const row = await db
    .updateTable(table)
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? missOrStale(db, table, networkId, id, expectedVersion);
}

export async function deleteVersioned(db: Executor, table: Table, networkId: string, id: string, expectedVersion: number): Promise<void> {
  const result = await db
    .deleteFrom(table)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) await missOrStale(db, table, networkId, id, expectedVersion);
}

export async function insertTenant(db: Executor, networkId: string, tenant: Omit<Tenant, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('tenants')
    .values({ id, network_id: networkId, ...tenantColumns(tenant), version: 1, created_at: new Date().toISOString() })
    .execute();
  return id;
}

export async function insertTrackingNumber(db: Executor, networkId: string, tn: Omit<TrackingNumber, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('tracking_numbers')
    .values({
      id,
      network_id: networkId,
      tenant_id: tn.tenantId,
      number: tn.number,
      ...workflowColumns(tn.workflow),
      continuity_number: tn.continuityNumber,
      version: 1,
    })
    .execute();
  return id;
}

export async function updateWorkflow(
  db: Executor,
  networkId: string,
  id: string,
  expectedVersion: number,
  workflow: WorkflowTarget,
): Promise<number> {
  return bumpVersioned(db, 'tracking_numbers', networkId, id, expectedVersion, workflowColumns(workflow));
}

export async function insertQueue(db: Executor, networkId: string, queue: Omit<Queue, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('queues')
    .values({
      id,
      network_id: networkId,
      name: queue.name,
      custom_mode: queue.customRecording?.mode ?? null,
      custom_announcement: queue.customRecording?.announcement ?? null,
      version: 1,
    })
    .execute();
  return id;
}

export async function insertEmployee(db: Executor, networkId: string, employee: Omit<Employee, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('employees')
    .values({ id, network_id: networkId, ...employeeColumns(employee), version: 1 })
    .execute();
  return id;
}

export async function insertVoiceAgent(db: Executor, networkId: string, agent: Omit<VoiceAgent, 'id' | 'createdAt'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('voice_agents')
    .values({
      id,
      network_id: networkId,
      tenant_id: agent.tenantId,
      name: agent.name,
      enabled: int(agent.enabled),
      created_at: new Date().toISOString(),
      version: 1,
    })
    .execute();
  return id;
}

/** The tracking numbers whose workflow sends calls to this queue, employee or voice agent. */
export async function workflowsUsing(
  db: Executor,
  networkId: string,
  kind: 'queue' | 'employee' | 'voice_agent',
  id: string,
): Promise<E164[]> {
  const rows = await db
    .selectFrom('tracking_numbers')
    .select('number')
    .where('network_id', '=', networkId)
    .where('workflow_kind', '=', kind)
    .where('workflow_ref', '=', id)
    .orderBy('number')
    .execute();
  return rows.map((r) => r.number as E164);
}
