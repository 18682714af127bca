/**
 * The application layer as the edges hold it: one object, made by the composition root
 * (main.ts), passed to the app's queries and commands. Edges never open it (they import no
 * repository and no store: lint checks that); the app's own functions read its parts.
 */
import type { ClusterMembership } from '../runtime/cluster-membership.js';
import type { SnapshotCache } from '../runtime/snapshot-cache.js';
import type { Store } from '../store/db.js';
import { CallSessions } from './calls/call-sessions.js';
import { CommandRunner } from './commands/runner.js';
import { Metrics } from './metrics.js';
import { CallLogOutbox } from './calls/call-log-outbox.js';
import { storeHealth } from './queries/store-health.js';
import { countHit } from '../store/rate-limits.repository.js';
import { SecretBox } from '../shared/secret-box.js';

export interface Application {
  /** For the app's queries and commands only. */
  readonly store: Store;
  /** This node's snapshots; absent where none is kept (the command line). */
  readonly snapshots: SnapshotCache | undefined;
  /** The one way a change is made (commands/runner.ts). */
  readonly commands: CommandRunner;
  /** The calls in progress on this node, whatever edge carries them (calls/call-sessions.ts). */
  readonly calls: CallSessions;
  /** What an operator watches (/metrics): fed by the calls, the edges and the snapshots. */
  readonly metrics: Metrics;
  /**
   * Request limits counted in the database, for every node at once (PostgreSQL); null on the
   * embedded database (one node: the edge counts in memory).
   */
  readonly rateLimits: { hit(key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> } | null;
  /** Seals and opens the provider credentials kept in the database (SWITCHBOARD_SECRET_KEY); null: none can be kept. */
  readonly secrets: SecretBox | null;
  /** B10: the key recordings are sealed with at rest (SWITCHBOARD_RECORDING_KEY); null: plain WAV files. */
  readonly recordingKey: Buffer | null;
}

export interface ApplicationOptions {
  /** Where ended calls' entries wait while the database is gone (a file in the node's data folder); memory only when absent. */
  readonly callLogBacklog?: string;
  /** Tells the operator what the application does by itself (the call log's backlog, late nodes). */
  readonly warn?: (message: string) => void;
  /** The deployment's nodes on PostgreSQL: changes answer once every live node holds them. */
  readonly cluster?: ClusterMembership;
  /** SWITCHBOARD_SECRET_KEY, as the configuration read it. */
  readonly secretKey?: string | null;
  /** SWITCHBOARD_RECORDING_KEY, as the configuration read it. */
  readonly recordingKey?: Buffer | null;
}

export function createApplication(store: Store, snapshots?: SnapshotCache, options: ApplicationOptions = {}): Application {
  const metrics = new Metrics();
  snapshots?.onInstalled((_networkId, _version, lagMs) => metrics.changePropagation.observe(lagMs / 1000));
  const callLog = new CallLogOutbox(store, metrics, options.callLogBacklog ?? null, options.warn);
  const app: Application = {
    store,
    snapshots,
    commands: new CommandRunner(store, snapshots, options.cluster, options.warn),
    calls: new CallSessions(store, snapshots, metrics, callLog, options.cluster, options.warn),
    metrics,
    rateLimits: store.dialect === 'postgres' ? { hit: (key, windowMs) => countHit(store.db, key, windowMs) } : null,
    secrets: options.secretKey ? SecretBox.fromSetting(options.secretKey) : null,
    recordingKey: options.recordingKey ?? null,
  };
  metrics.readFrom({
    liveCalls: () => app.calls.count,
    snapshotVersions: () => snapshots?.versions() ?? new Map(),
    databaseUp: async () => (await storeHealth(store)).up,
    servingCalls: () => app.calls.servingCalls(),
  });
  return app;
}
