/**
 * Each node's current snapshot of every network it serves, kept current by the change feed:
 * decisions read a snapshot from memory, never the database (ARCHITECTURE.md). A change reloads
 * the network's snapshot once, however many changes arrive while it loads.
 */
import { NetworkSnapshot } from '../domain/snapshot.js';
import type { Change } from '../store/change-feed.js';
import type { Store } from '../store/db.js';
import { loadNetworkData } from '../store/network-data.repository.js';

export class SnapshotCache {
  private readonly snapshots = new Map<string, NetworkSnapshot>();
  private readonly loading = new Map<string, Promise<NetworkSnapshot | undefined>>();
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly store: Store) {
    this.unsubscribe = [
      store.feed.subscribe((change) => this.onChange(change)),
      // The feed was interrupted: any network may have changed meanwhile.
      store.feed.onResync(() => { for (const networkId of this.snapshots.keys()) void this.load(networkId).catch(() => undefined); }),
    ];
  }

  /** The network's snapshot, loading it the first time. Undefined when the network does not exist. */
  async get(networkId: string): Promise<NetworkSnapshot | undefined> {
    return this.snapshots.get(networkId) ?? this.load(networkId);
  }

  /**
   * The snapshot at `version` or newer: what a command awaits before it answers, so that the next
   * call on this node is decided by the change it just made (C13).
   */
  async atLeast(networkId: string, version: number): Promise<NetworkSnapshot | undefined> {
    const current = this.snapshots.get(networkId);
    if (current !== undefined && current.version >= version) return current;
    return this.load(networkId);
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
  }

  private onChange(change: Change): void {
    const current = this.snapshots.get(change.networkId);
    if (current !== undefined && current.version < change.version) void this.load(change.networkId).catch(() => undefined);
  }

  private load(networkId: string): Promise<NetworkSnapshot | undefined> {
    const pending = this.loading.get(networkId);
    if (pending !== undefined) return pending.then((s) => this.reloadIfBehind(networkId, s));
    const promise = loadNetworkData(this.store.db, networkId)
      .then((data) => {
        if (data === undefined) return undefined;
        const snapshot = NetworkSnapshot.build(data);
        const current = this.snapshots.get(networkId);
        if (current === undefined || current.version < snapshot.version) this.snapshots.set(networkId, snapshot);
        return this.snapshots.get(networkId);
      })
      .finally(() => this.loading.delete(networkId));
    this.loading.set(networkId, promise);
    return promise;
  }

  /** A load that started before a change may have read the old version: load again if so. */
  private async reloadIfBehind(networkId: string, snapshot: NetworkSnapshot | undefined): Promise<NetworkSnapshot | undefined> {
    if (snapshot === undefined) return undefined;
    const row = await this.store.db.selectFrom('networks').select('version').where('id', '=', networkId).executeTakeFirst();
    return row !== undefined && row.version > snapshot.version ? this.load(networkId) : snapshot;
  }
}
