/** R1-R9: the network's recording defaults, changed in one audited, versioned step (R17 is checked by the route). */
import type { RecordingDefaults } from '../../domain/model.js';
import { errors } from '../../errors.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { getRecordingDefaults, updateRecordingDefaults, type RecordingDefaultsRecord } from '../../store/recording-defaults.repository.js';
import { write, type Actor } from '../../store/unit-of-work.js';

export async function changeRecordingDefaults(
  store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, expectedVersion: number, defaults: RecordingDefaults,
): Promise<RecordingDefaultsRecord> {
  const { result, changes } = await write(store, actor, async (unit) => {
    const before = await getRecordingDefaults(unit.trx, networkId);
    if (before === undefined) throw errors.notFound('network', networkId);
    const updated = await updateRecordingDefaults(unit.trx, networkId, expectedVersion, defaults);
    unit.changed(networkId, 'recording_defaults.update');
    await unit.audit(networkId, { action: 'recording_defaults.update', resourceType: 'recording_defaults', resourceId: networkId, tenantIds: [], before: before.defaults, after: defaults });
    return updated;
  });
  for (const change of changes) await snapshots.atLeast(change.networkId, change.version);
  return result;
}
