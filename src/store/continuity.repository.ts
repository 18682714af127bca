/** The reads Call Continuity's checks need (C5, C6, C8, C9), without loading whole networks. */
import type { E164 } from '../domain/phone-number.js';
import type { NumberOwner } from '../domain/snapshot.js';
import type { VoiceAgent } from '../domain/model.js';
import type { Executor } from './db.js';
import { toVoiceAgent } from './rows.js';

export async function voiceAgentsByTenant(
  db: Executor,
  networkId: string,
  tenantIds: readonly string[],
): Promise<Map<string, VoiceAgent[]>> {
  const byTenant = new Map<string, VoiceAgent[]>();
  if (tenantIds.length === 0) return byTenant;
  const rows = await db
    .selectFrom('voice_agents')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('tenant_id', 'in', tenantIds)
    .execute();
  for (const row of rows) {
    const list = byTenant.get(row.tenant_id);
    if (list === undefined) byTenant.set(row.tenant_id, [toVoiceAgent(row)]);
    else list.push(toVoiceAgent(row));
  }
  return byTenant;
}

/** C9: the tracking numbers of these tenants that have no exception, by tenant. */
export async function numbersWithoutException(db: Executor, networkId: string, tenantIds: readonly string[]): Promise<Map<string, E164[]>> {
  const byTenant = new Map<string, E164[]>();
  if (tenantIds.length === 0) return byTenant;
  const rows = await db
    .selectFrom('tracking_numbers')
    .select(['tenant_id', 'number'])
    .where('network_id', '=', networkId)
    .where('tenant_id', 'in', tenantIds)
    .where('continuity_number', 'is', null)
    .orderBy('number')
    .execute();
  for (const row of rows) {
    const list = byTenant.get(row.tenant_id);
    if (list === undefined) byTenant.set(row.tenant_id, [row.number as E164]);
    else list.push(row.number as E164);
  }
  return byTenant;
}

/** C8: how many tracking numbers of each tenant carry their own continuity number. */
export async function exceptionCounts(db: Executor, networkId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tracking_numbers')
    .select(['tenant_id', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('network_id', '=', networkId)
    .where('continuity_number', 'is not', null)
    .groupBy('tenant_id')
    .execute();
  return new Map(rows.map((r) => [r.tenant_id, Number(r.count)]));
}

/** C6: who owns a number anywhere in the deployment (a tracking number or a direct line). */
export async function findNumberOwner(db: Executor, number: E164): Promise<NumberOwner | undefined> {
  const tracking = await db
    .selectFrom('tracking_numbers')
    .innerJoin('tenants', 'tenants.id', 'tracking_numbers.tenant_id')
    .select(['tracking_numbers.id', 'tracking_numbers.network_id', 'tracking_numbers.tenant_id', 'tenants.name'])
    .where('tracking_numbers.number', '=', number)
    .executeTakeFirst();
  if (tracking !== undefined) {
    return {
      kind: 'tracking_number',
      networkId: tracking.network_id,
      tenantId: tracking.tenant_id,
      tenantName: tracking.name,
      trackingNumberId: tracking.id,
    };
  }
  const employee = await db
    .selectFrom('employees')
    .select(['id', 'network_id', 'name'])
    .where('direct_line', '=', number)
    .executeTakeFirst();
  return employee === undefined
    ? undefined
    : { kind: 'direct_line', networkId: employee.network_id, employeeId: employee.id, employeeName: employee.name };
}

/**
 * C6, the other way round: is this number someone's continuity destination (a tenant's default or
 * a tracking number's exception) or an external forward target, anywhere in the deployment? Such a
 * number must stay external, so it cannot become a tracking number or a direct line.
 */
export async function findExternalUse(db: Executor, number: E164): Promise<{ networkId: string; use: string } | undefined> {
  const asDefault = await db
    .selectFrom('tenants')
    .select(['network_id', 'name'])
    .where('continuity_default_number', '=', number)
    .executeTakeFirst();
  if (asDefault !== undefined)
    return { networkId: asDefault.network_id, use: `the default continuity number of tenant "${asDefault.name}"` };
  const asNumberUse = await db
    .selectFrom('tracking_numbers')
    .select(['network_id', 'number', 'continuity_number'])
    .where((eb) => eb.or([eb('continuity_number', '=', number), eb('workflow_number', '=', number)]))
    .executeTakeFirst();
  if (asNumberUse === undefined) return undefined;
  const use =
    asNumberUse.continuity_number === number
      ? `the continuity number of ${asNumberUse.number}`
      : `the forward target of ${asNumberUse.number}`;
  return { networkId: asNumberUse.network_id, use };
}
