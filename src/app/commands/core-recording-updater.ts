/** A tenant's core recording settings (L2): one audited, versioned change. */
import type { CoreRecordingSettings } from '../../domain/model.js';
import { errors } from '../../shared/errors.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { getTenant, updateTenant, type TenantRecord } from '../../store/tenants.repository.js';
import type { Actor } from '../../store/unit-of-work.js';
import { auditedChange } from './audited-change.js';

export function updateCoreRecording(
  store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, tenantId: string, expectedVersion: number, settings: CoreRecordingSettings,
): Promise<TenantRecord> {
  return auditedChange({ store, snapshots, actor, networkId }, 'tenant.core_recording', 'tenant', async (unit) => {
    const before = await getTenant(unit.trx, networkId, tenantId);
    if (before === undefined) throw errors.notFound('tenant', tenantId);
    const result = await updateTenant(unit.trx, networkId, tenantId, expectedVersion, { ...before.tenant, coreRecording: settings });
    return { result, resourceId: tenantId, tenantIds: [tenantId], before: before.tenant.coreRecording, after: settings };
  });
}
