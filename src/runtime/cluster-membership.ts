/**
 * C13 on every node of a deployment on PostgreSQL: each node keeps a heartbeat in `cluster_nodes`
 * and, whenever its snapshot of a network reaches a new version, says so on the change feed's
 * connection (NOTIFY switchboard_applied). A change's writer waits, after its own snapshot holds
 * the change, until every node seen alive holds it too, so that once the API has answered no call
 * on any node is routed by the old setting.
 *
 * A node that does not answer within the wait (killed a moment ago, cut off from the database) is
 * not waited for beyond it: its heartbeat stops, and it takes no calls until it has caught up (it
 * loads or patches its snapshot before it serves again). The laggards are returned and logged.
 */
import { randomUUID } from 'node:crypto';
import type { Applied } from '../store/change-feed.js';
import type { Store } from '../store/db.js';
import { forgetGoneNodes, heartbeat, liveNodes, removeNode } from '../store/cluster-nodes.repository.js';
import type { SnapshotCache } from './snapshot-cache.js';
import { epochMs } from '../store/unit-of-work.js';

export interface ClusterOptions {
  /** How often this node says it is alive (default 1 s). */
  readonly heartbeatMs?: number;
  /** A node silent longer than this is not waited for (default 3 s). */
  readonly aliveWithinMs?: number;
  /** How long a writer waits for the other nodes (default 2 s). */
  readonly waitMs?: number;
}

export class ClusterMembership {
  readonly nodeId = randomUUID();
  /** network → node → the version that node's snapshot holds. */
  private readonly held = new Map<string, Map<string, number>>();
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private readonly heartbeatMs: number;
  private readonly aliveWithinMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly store: Store,
    snapshots: SnapshotCache,
    options: ClusterOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.aliveWithinMs = options.aliveWithinMs ?? 3000;
    this.waitMs = options.waitMs ?? 2000;
    this.unsubscribe = store.feed.subscribeApplied((applied) => this.heard(applied));
    snapshots.onVersion((networkId, version) => {
      void store.feed.announceApplied({ node: this.nodeId, networkId, version, at: epochMs() });
    });
  }

  /** Joins the deployment: `address` is where this node's API answers (shown to the operator). */
  async start(address: string): Promise<void> {
    await forgetGoneNodes(this.store.db);
    await heartbeat(this.store.db, { id: this.nodeId, address });
    this.timer = setInterval(() => {
      // The database gone: no heartbeat, and writers elsewhere stop waiting for this node.
      heartbeat(this.store.db, { id: this.nodeId, address }).catch(() => undefined);
    }, this.heartbeatMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.unsubscribe();
    for (const wake of this.waiters) wake();
    await removeNode(this.store.db, this.nodeId).catch(() => undefined);
  }

  /**
   * Waits until every other node seen alive holds the network at `version` or newer, at most
   * `waitMs`. Returns the ids of the nodes that did not say so in time.
   */
  async waitForAll(networkId: string, version: number): Promise<string[]> {
    // The change is committed: a database that fails just now must not turn its answer into an error.
    const others = (await this.liveNodeIds().catch(() => [] as string[])).filter((id) => id !== this.nodeId);
    const missing = () => others.filter((id) => (this.held.get(networkId)?.get(id) ?? 0) < version);
    if (missing().length === 0) return [];
    const deadline = Date.now() + this.waitMs;
    while (missing().length > 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, deadline - Date.now());
        this.waiters.add(wake);
      });
    }
    return missing();
  }

  /** Whether the node has said it is alive within the last few seconds (false too when the database cannot tell). */
  async isAlive(nodeId: string): Promise<boolean> {
    if (nodeId === this.nodeId) return true;
    try {
      return (await this.liveNodeIds()).includes(nodeId);
    } catch {
      return false;
    }
  }

  /** The nodes alive now (asked of the database each time: a node that joined a moment ago is waited for too). */
  async liveNodeIds(): Promise<string[]> {
    return (await liveNodes(this.store.db, this.aliveWithinMs)).map((node) => node.id);
  }

  private heard(applied: Applied): void {
    let nodes = this.held.get(applied.networkId);
    if (nodes === undefined) {
      nodes = new Map();
      this.held.set(applied.networkId, nodes);
    }
    if ((nodes.get(applied.node) ?? 0) < applied.version) nodes.set(applied.node, applied.version);
    for (const wake of [...this.waiters]) wake();
  }
}
