/** A tenant's core recording settings (L2): one audited, versioned change. */
import type { CoreRecordingSettings } from '../../domain/model.js';
import { errors } from '../../errors.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { getTenant, updateTenant, type TenantRecord } from '../../store/tenants.repository.js';
import { write, type Actor } from '../../store/unit-of-work.js';

export async function updateCoreRecording(
  store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, tenantId: string, expectedVersion: number, settings: CoreRecordingSettings,
): Promise<TenantRecord> {
  const { result, changes } = await write(store, actor, async (unit) => {
    const before = await getTenant(unit.trx, networkId, tenantId);
    if (before === undefined) throw errors.notFound('tenant', tenantId);
    const updated = await updateTenant(unit.trx, networkId, tenantId, expectedVersion, { ...before.tenant, coreRecording: settings });
    unit.changed(networkId, 'tenant.core_recording', [tenantId]);
    await unit.audit(networkId, { action: 'tenant.core_recording', resourceType: 'tenant', resourceId: tenantId, tenantIds: [tenantId], before: before.tenant.coreRecording, after: settings });
    return updated;
  });
  for (const change of changes) await snapshots.atLeast(change.networkId, change.version);
  return result;
}
