/** X1, X4: add one entry to the exclusion list, or delete one. Each is audited (C15). */
import { parseExclusionEntry } from '../../domain/phone-number.js';
import { errors } from '../../shared/errors.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { addExclusion, removeExclusion } from '../../store/exclusions.repository.js';
import type { Actor } from '../../store/unit-of-work.js';
import { auditedChange } from './audited-change.js';

export function addExclusionEntry(store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, input: string): Promise<{ kind: 'number' | 'area_code'; value: string }> {
  const entry = parseExclusionEntry(input, 'entry');
  const value = entry.kind === 'number' ? entry.number : entry.areaCode;
  return auditedChange({ store, snapshots, actor, networkId }, 'exclusions.add', 'exclusion', async (unit) => {
    if (!(await addExclusion(unit.trx, networkId, entry))) throw errors.conflict('exclusion_exists', 'entry', input, `entry: ${value} is already on the exclusion list.`);
    return { result: { kind: entry.kind, value }, resourceId: value, tenantIds: [], before: null, after: { kind: entry.kind, value } };
  });
}

export function removeExclusionEntry(store: Store, snapshots: SnapshotCache, actor: Actor, networkId: string, value: string): Promise<void> {
  return auditedChange({ store, snapshots, actor, networkId }, 'exclusions.remove', 'exclusion', async (unit) => {
    if (!(await removeExclusion(unit.trx, networkId, value))) throw errors.notFound('exclusion list entry', value);
    return { result: undefined, resourceId: value, tenantIds: [], before: { value }, after: null };
  });
}
