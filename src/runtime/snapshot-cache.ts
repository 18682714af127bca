/**
 * Each node's current snapshot of every network it serves, kept current by the change feed:
 * decisions read a snapshot from memory, never the database (ARCHITECTURE.md).
 *
 * Loads never overlap for a network, and a load that was already running when a change was
 * announced may have read the old state: such a change queues one more load after it. A snapshot
 * is read in one transaction (REPEATABLE READ on PostgreSQL), so it never mixes two states.
 *
 * Once a network is loaded, a change is patched in: the changes since the snapshot's version say
 * what they touched (network_changes), only those rows are read, and the new snapshot shares every
 * other part with the old one. The network is loaded whole only the first time, when a change's
 * record is missing (pruned, or a gap), or when a patch would be worse than a load (ReloadNeeded).
 */
import { NetworkSnapshot, type SnapshotDelta } from '../domain/snapshot.js';
import type { Change } from '../store/change-feed.js';
import type { Executor, Store } from '../store/db.js';
import { loadNetworkChanges, loadNetworkData, loadNetworkDelta, networkVersion } from '../store/network-data.repository.js';
import { listNetworkVersions } from '../store/networks.repository.js';
import { mergeTouched, type Touched } from '../store/touched.js';
import { epochMs } from '../store/unit-of-work.js';

const MAX_CATCH_UP_LOADS = 5;
/** SQLite: how often to look for changes another process (the command line) made to the file. */
export const EXTERNAL_CHANGE_POLL_MS = 2000;

export class SnapshotCache {
  private readonly snapshots = new Map<string, NetworkSnapshot>();
  private readonly running = new Map<string, Promise<NetworkSnapshot | undefined>>();
  private readonly queued = new Map<string, Promise<NetworkSnapshot | undefined>>();
  /** The newest version announced per network, so a load that comes back older is redone. */
  private readonly announced = new Map<string, number>();
  private readonly unsubscribe: (() => void)[];
  private readonly poller: NodeJS.Timeout | null;
  /** How each snapshot in place was made: loaded whole (every load counted), or patched from the one before (tests read these). */
  readonly counts = { fullLoads: 0, patches: 0 };
  /** Snapshots this cache patched from the database (counted once one is put in place). */
  private readonly patchedHere = new WeakSet<NetworkSnapshot>();
  /** Of the patches, those made from a change's notice alone, with no read (PostgreSQL, decision 0106). */
  patchedFromNotices = 0;
  /** Changes announced and not yet in a snapshot here, with when their writer made them (the feed's lag). */
  private readonly awaited = new Map<string, { version: number; at: number }[]>();
  private readonly installedListeners: ((networkId: string, version: number, lagMs: number) => void)[] = [];
  private readonly versionListeners: ((networkId: string, version: number) => void)[] = [];

  constructor(
    private readonly store: Store,
    options: { pollMs?: number } = {},
  ) {
    // PostgreSQL announces every node's changes; SQLite's feed is this process's own, so a change
    // written by another process (switchboard exclusions import) is found by its version instead,
    // and announced here like any other.
    this.poller = store.feed.shared
      ? null
      : setInterval(() => void this.findExternalChanges().catch(() => undefined), options.pollMs ?? EXTERNAL_CHANGE_POLL_MS);
    this.poller?.unref();
    this.unsubscribe = [
      store.feed.subscribe((change) => this.onChange(change)),
      // The feed was interrupted: any network may have changed meanwhile.
      store.feed.onResync(() => {
        for (const networkId of new Set([...this.snapshots.keys(), ...this.running.keys()]))
          void this.reload(networkId).catch(() => undefined);
      }),
    ];
  }

  /** The network's snapshot, loading it the first time. Undefined when the network does not exist. */
  async get(networkId: string): Promise<NetworkSnapshot | undefined> {
    return this.snapshots.get(networkId) ?? this.running.get(networkId) ?? this.catchUp(networkId, 0);
  }

  /**
   * The snapshot at `version` or newer: what a command awaits before it answers, so that the next
   * call on this node is decided by the change it just made (C13).
   */
  async atLeast(networkId: string, version: number): Promise<NetworkSnapshot | undefined> {
    const current = this.snapshots.get(networkId);
    if (current !== undefined && current.version >= version) return current;
    return this.catchUp(networkId, version);
  }

  /**
   * Hears each announced change once this node's snapshot holds it: `lagMs` from its writer's
   * commit to here (metrics, and the cluster benchmark).
   */
  onInstalled(listener: (networkId: string, version: number, lagMs: number) => void): void {
    this.installedListeners.push(listener);
  }

  /** Hears every snapshot this node puts in place (a network's new version), however it was made. */
  onVersion(listener: (networkId: string, version: number) => void): void {
    this.versionListeners.push(listener);
  }

  /** Each network's version in this node's snapshot now. */
  versions(): Map<string, number> {
    return new Map([...this.snapshots].map(([id, snapshot]) => [id, snapshot.version]));
  }

  /** Whether this node holds a snapshot of the network now (it can decide its calls without the database). */
  holds(networkId: string): boolean {
    return this.snapshots.has(networkId);
  }

  close(): void {
    if (this.poller !== null) clearInterval(this.poller);
    for (const stop of this.unsubscribe) stop();
  }

  private async findExternalChanges(): Promise<void> {
    for (const { id, version } of await listNetworkVersions(this.store.db)) {
      const current = this.snapshots.get(id);
      if (current !== undefined && version > current.version && version > (this.announced.get(id) ?? 0)) {
        this.store.feed.announce({ networkId: id, version, kind: 'external', tenantIds: [] });
      }
    }
  }

  private onChange(change: Change): void {
    const known = this.announced.get(change.networkId) ?? 0;
    if (change.version > known) this.announced.set(change.networkId, change.version);
    if (change.at !== undefined && this.installedListeners.length > 0) {
      const awaited = this.awaited.get(change.networkId) ?? [];
      // Bounded: a network that is never loaded here keeps only its latest notices.
      if (awaited.length >= 1000) awaited.shift();
      awaited.push({ version: change.version, at: change.at });
      this.awaited.set(change.networkId, awaited);
    }
    if (change.delta !== undefined && this.patchFromNotice(change.networkId, change.delta)) return;
    const current = this.snapshots.get(change.networkId);
    const followed = current !== undefined || this.running.has(change.networkId);
    if (followed && (current === undefined || current.version < change.version))
      void this.catchUp(change.networkId, change.version).catch(() => undefined);
  }

  /** Loads until the snapshot reaches `version` and every version announced so far. */
  private async catchUp(networkId: string, version: number): Promise<NetworkSnapshot | undefined> {
    let snapshot: NetworkSnapshot | undefined;
    for (let attempt = 0; attempt < MAX_CATCH_UP_LOADS; attempt++) {
      // First the load already running, if any (it may have begun after the change and hold it);
      // when it comes back short, one that starts after it.
      snapshot = attempt === 0 ? await this.startLoad(networkId) : await this.reload(networkId);
      if (snapshot === undefined) return undefined;
      const wanted = Math.max(version, this.announced.get(networkId) ?? 0);
      if (snapshot.version >= wanted) return snapshot;
    }
    return snapshot;
  }

  /** A load that starts after any load already running (which may have read before a change). */
  private reload(networkId: string): Promise<NetworkSnapshot | undefined> {
    const running = this.running.get(networkId);
    if (running === undefined) return this.startLoad(networkId);
    let next = this.queued.get(networkId);
    if (next === undefined) {
      next = running
        .catch(() => undefined)
        .then(() => {
          this.queued.delete(networkId);
          return this.startLoad(networkId);
        });
      this.queued.set(networkId, next);
    }
    return next;
  }

  private startLoad(networkId: string): Promise<NetworkSnapshot | undefined> {
    const running = this.running.get(networkId);
    if (running !== undefined) return running;
    // A patch that fails is not retried in its own transaction (on PostgreSQL a failed query aborts
    // it): the whole network is loaded in a fresh one.
    const load = this.inTransaction((trx) => this.read(trx, networkId, true))
      .catch((error: unknown) => {
        if (!(error instanceof PatchFailed)) throw error;
        return this.inTransaction((trx) => this.read(trx, networkId, false));
      })
      .then((snapshot) => {
        if (snapshot === undefined) return undefined;
        const current = this.snapshots.get(networkId);
        if (current === undefined || current.version < snapshot.version) {
          // Counted when put in place: a patch read while the change's notice patched the same version is work thrown away.
          if (this.patchedHere.has(snapshot)) this.counts.patches++;
          this.snapshots.set(networkId, snapshot);
          this.installed(networkId, snapshot.version);
        }
        return this.snapshots.get(networkId);
      })
      .finally(() => this.running.delete(networkId));
    this.running.set(networkId, load);
    return load;
  }

  /**
   * The change's notice carries what it made of the parts it touched (PostgreSQL, decision 0106):
   * a snapshot at the version just before is patched from it at once, with no read. False when
   * the snapshot is elsewhere (not loaded, behind by more, already past): the usual way then.
   */
  private patchFromNotice(networkId: string, delta: SnapshotDelta): boolean {
    const current = this.snapshots.get(networkId);
    if (current === undefined || current.version !== delta.version - 1) return false;
    let patched: NetworkSnapshot;
    try {
      patched = current.patched(delta);
    } catch {
      return false; // a delta that does not fit this snapshot: read it from the database instead
    }
    this.counts.patches++;
    this.patchedFromNotices++;
    this.snapshots.set(networkId, patched);
    this.installed(networkId, patched.version);
    return true;
  }

  private installed(networkId: string, version: number): void {
    for (const listener of this.versionListeners) listener(networkId, version);
    const awaited = this.awaited.get(networkId);
    if (awaited === undefined) return;
    const now = epochMs();
    while (awaited.length > 0 && awaited[0]!.version <= version) {
      const { version: held, at } = awaited.shift()!;
      for (const listener of this.installedListeners) listener(networkId, held, Math.max(0, now - at));
    }
    if (awaited.length === 0) this.awaited.delete(networkId);
  }

  private inTransaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    const isolation = this.store.dialect === 'postgres' ? 'repeatable read' : 'serializable';
    return this.store.db.transaction().setIsolationLevel(isolation).execute(work);
  }

  /**
   * The network as it is now: the current snapshot patched with what changed since (when `patch`),
   * or loaded whole. A patch that cannot be made throws PatchFailed.
   */
  private async read(trx: Executor, networkId: string, patch: boolean): Promise<NetworkSnapshot | undefined> {
    const current = patch ? this.snapshots.get(networkId) : undefined;
    if (current !== undefined) {
      const version = await networkVersion(trx, networkId);
      if (version === undefined) return undefined;
      if (version <= current.version) return current;
      let patched: NetworkSnapshot | undefined;
      try {
        const changes = await loadNetworkChanges(trx, networkId, current.version);
        if (changes.length === version - current.version && changes.at(-1)?.version === version) {
          const touched = changes.reduce<Touched>((all, change) => mergeTouched(all, change.touched), {});
          patched = current.patched(await loadNetworkDelta(trx, networkId, version, touched));
        }
      } catch (error) {
        // ReloadNeeded, a record that cannot be read, a patch that does not fit the snapshot.
        throw new PatchFailed(error);
      }
      if (patched !== undefined) {
        this.patchedHere.add(patched);
        return patched;
      }
    }
    const data = await loadNetworkData(trx, networkId);
    if (data === undefined) return undefined;
    this.counts.fullLoads++;
    return NetworkSnapshot.build(data);
  }
}

/** A patch that could not be made: the network is loaded whole instead. */
class PatchFailed extends Error {
  constructor(cause: unknown) {
    super('the snapshot could not be patched', { cause });
  }
}
