/** Which tenants' records (numbers, calls, recordings) the caller may read, decided in one place. */
import { errors } from '../../shared/errors.js';
import type { Executor } from '../../store/db.js';
import { listTenants } from '../../store/tenants.repository.js';
import type { Scope } from '../policies/scope.js';
import * as tenants from '../policies/tenant.policy.js';

/** The tenants the caller may see, narrowed to one when asked (another's is a 404). */
export async function visibleTenants(db: Executor, scope: Scope, tenantId?: string): Promise<string[]> {
  const ids = (await listTenants(db, scope.networkId))
    .map((r) => r.tenant.id)
    .filter((id) => tenants.can(scope.actor, 'view', { networkId: scope.networkId, tenantId: id }));
  if (tenantId === undefined) return ids;
  if (!ids.includes(tenantId)) throw errors.notFound('tenant', tenantId);
  return [tenantId];
}

/** For network-wide records: undefined (every tenant's, and records with none) for a network administrator, else the visible tenants. */
export async function readableTenants(db: Executor, scope: Scope, tenantId?: string): Promise<string[] | undefined> {
  return tenantId === undefined && tenants.can(scope.actor, 'list_all', scope) ? undefined : visibleTenants(db, scope, tenantId);
}
