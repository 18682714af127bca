/** Tenants of a network, with the version each write must match. */
import type { Selectable } from 'kysely';
import type { Tenant } from '../domain/model.js';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { tenantColumns, toTenant } from './rows.js';
import type { TenantsTable } from './schema.js';

export interface TenantRecord {
  readonly tenant: Tenant;
  readonly version: number;
}

const record = (row: Selectable<TenantsTable>): TenantRecord => ({ tenant: toTenant(row), version: row.version });

export async function listTenants(db: Executor, networkId: string, ids?: readonly string[]): Promise<TenantRecord[]> {
  let query = db.selectFrom('tenants').selectAll().where('network_id', '=', networkId);
  if (ids !== undefined) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  return (await query.orderBy('name').orderBy('id').execute()).map(record);
}

export async function getTenant(db: Executor, networkId: string, id: string): Promise<TenantRecord | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : record(row);
}

/**
 * Writes a tenant's settings if its version is still `expectedVersion` (else 412, nothing
 * changed) and returns the new record. A missing tenant, or another network's, is a 404.
 */
export async function updateTenant(
  db: Executor,
  networkId: string,
  id: string,
  expectedVersion: number | null,
  tenant: Tenant,
): Promise<TenantRecord> {
  let query = db
    .updateTable('tenants')
    .set((eb) => ({ ...tenantColumns(tenant), version: eb('version', '+', 1) }))
    .where('network_id', '=', networkId)
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  const row = await query.returningAll().executeTakeFirst();
  if (row !== undefined) return record(row);
  const current = await getTenant(db, networkId, id);
  if (current === undefined) throw errors.notFound('tenant', id);
  throw errors.stale('tenant', expectedVersion ?? 0, current.version);
}
