/**
 * The shape every settings change shares: one transaction that does the work, bumps the network's
 * version, writes the audit entry (C15); then the node's snapshot is brought up to date before the
 * caller is answered (C13). The command line, which keeps no snapshots, passes none.
 */
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { write, type Actor, type Unit } from '../../store/unit-of-work.js';

export interface ChangeContext {
  readonly store: Store;
  readonly snapshots: SnapshotCache | undefined;
  readonly actor: Actor;
  readonly networkId: string;
}

export interface ChangeOutcome<T> {
  readonly result: T;
  readonly resourceId: string;
  readonly tenantIds: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

export async function auditedChange<T>(
  context: ChangeContext, action: string, resourceType: string, work: (unit: Unit) => Promise<ChangeOutcome<T>>,
): Promise<T> {
  const { networkId } = context;
  const { result, changes } = await write(context.store, context.actor, async (unit) => {
    const outcome = await work(unit);
    unit.changed(networkId, action, outcome.tenantIds);
    await unit.audit(networkId, { action, resourceType, resourceId: outcome.resourceId, tenantIds: outcome.tenantIds, before: outcome.before, after: outcome.after });
    return outcome.result;
  });
  for (const change of changes) await context.snapshots?.atLeast(change.networkId, change.version);
  return result;
}
