/** R1-R9: the network's recording defaults, changed in one audited, versioned step (R17 is checked by the route). */
import type { RecordingDefaults } from '../../domain/model.js';
import { errors } from '../../shared/errors.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { getRecordingDefaults, updateRecordingDefaults, type RecordingDefaultsRecord } from '../../store/recording-defaults.repository.js';
import type { Actor } from '../../store/unit-of-work.js';
import { auditedChange } from './audited-change.js';

export function changeRecordingDefaults(
  store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, expectedVersion: number, defaults: RecordingDefaults,
): Promise<RecordingDefaultsRecord> {
  return auditedChange({ store, snapshots, actor, networkId }, 'recording_defaults.update', 'recording_defaults', async (unit) => {
    const before = await getRecordingDefaults(unit.trx, networkId);
    if (before === undefined) throw errors.notFound('network', networkId);
    const result = await updateRecordingDefaults(unit.trx, networkId, expectedVersion, defaults);
    return { result, resourceId: networkId, tenantIds: [], before: before.defaults, after: defaults };
  });
}
