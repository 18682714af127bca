/** X1, X4: add one entry to the exclusion list, or delete one. Each is audited (C15). */
import { parseExclusionEntry } from '../../domain/phone-number.js';
import { errors } from '../../errors.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { addExclusion, removeExclusion } from '../../store/exclusions.repository.js';
import { write, type Actor } from '../../store/unit-of-work.js';

export async function addExclusionEntry(store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, input: string): Promise<{ kind: 'number' | 'area_code'; value: string }> {
  const entry = parseExclusionEntry(input, 'entry');
  const value = entry.kind === 'number' ? entry.number : entry.areaCode;
  const { changes } = await write(store, actor, async (unit) => {
    if (!(await addExclusion(unit.trx, networkId, entry))) {
      throw errors.conflict('exclusion_exists', 'entry', input, `entry: ${value} is already on the exclusion list.`);
    }
    unit.changed(networkId, 'exclusions.add');
    await unit.audit(networkId, { action: 'exclusions.add', resourceType: 'exclusion', resourceId: value, tenantIds: [], before: null, after: { kind: entry.kind, value } });
  });
  for (const change of changes) await snapshots.atLeast(change.networkId, change.version);
  return { kind: entry.kind, value };
}

export async function removeExclusionEntry(store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, value: string): Promise<void> {
  const { changes } = await write(store, actor, async (unit) => {
    if (!(await removeExclusion(unit.trx, networkId, value))) throw errors.notFound('exclusion list entry', value);
    unit.changed(networkId, 'exclusions.remove');
    await unit.audit(networkId, { action: 'exclusions.remove', resourceType: 'exclusion', resourceId: value, tenantIds: [], before: { value }, after: null });
  });
  for (const change of changes) await snapshots.atLeast(change.networkId, change.version);
}
