/**
 * The change feed: every committed settings change of a network, with its new version. Each node
 * follows it to keep its snapshots current. SQLite (one node): in-process. PostgreSQL (several
 * nodes): the writer calls pg_notify inside its transaction, so a change is announced to every
 * node exactly when, and only if, it commits; each node LISTENs on one dedicated connection.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { SnapshotDelta } from '../domain/snapshot.js';

export interface Change {
  readonly networkId: string;
  /** The network's version after the change. */
  readonly version: number;
  /** What changed, e.g. `continuity.switch`, `recording_defaults.update`. */
  readonly kind: string;
  /** The tenants the change touched (C12 tells agents which). */
  readonly tenantIds: readonly string[];
  /** Too many tenants to name in a notice (PostgreSQL's 8,000-byte limit): treat every tenant as changed. */
  readonly allTenants?: boolean;
  /** When the writer made it (epoch ms, the writer's clock, just before commit): the feed's lag is measured from here. */
  readonly at?: number;
  /**
   * What the change made of the parts it touched, read in the writer's transaction (PostgreSQL,
   * when it fits in a notice): a node whose snapshot is at the version before patches it from this
   * alone, without reading the database (decision 0106).
   */
  readonly delta?: SnapshotDelta;
}

export const CHANNEL = 'switchboard_changes';
/** Where each node says which version of a network its snapshot now holds (C13 on every node). */
export const APPLIED_CHANNEL = 'switchboard_applied';

/** Where nodes ask each other to act on a call one of them follows, and answer (issue 13). */
export const CALLS_CHANNEL = 'switchboard_calls';

/** A message between nodes about a live call: `to` is the node it is for. */
export interface CallMessage {
  readonly to: string;
  readonly from: string;
  readonly requestId: string;
  readonly body: unknown;
}

/** A node's snapshot holds a network at `version`, since `at` (epoch ms, the node's clock). */
export interface Applied {
  readonly node: string;
  readonly networkId: string;
  readonly version: number;
  readonly at?: number;
}

export class ChangeFeed {
  private readonly emitter = new EventEmitter();
  private listener: pg.Client | null = null;
  private closing = false;

  private constructor(private readonly connectionString: string | null) {
    this.emitter.setMaxListeners(0);
  }

  static inProcess(): ChangeFeed {
    return new ChangeFeed(null);
  }

  static async postgres(connectionString: string): Promise<ChangeFeed> {
    const feed = new ChangeFeed(connectionString);
    await feed.listen();
    return feed;
  }

  /** True when changes come from the database (PostgreSQL) rather than from this process. */
  get shared(): boolean {
    return this.connectionString !== null;
  }

  /** Announces a committed change to this process's listeners (SQLite's whole feed). */
  announce(change: Change): void {
    this.emitter.emit('change', change);
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** Hears every node say which version its snapshot holds (PostgreSQL only). */
  subscribeApplied(listener: (applied: Applied) => void): () => void {
    this.emitter.on('applied', listener);
    return () => this.emitter.off('applied', listener);
  }

  /** Tells every node this one's snapshot holds the version; false when the feed's connection is down. */
  announceApplied(applied: Applied): Promise<boolean> {
    return this.notify(APPLIED_CHANNEL, applied);
  }

  /**
   * Takes (or keeps) a single-owner job for this node: a PostgreSQL session advisory lock held on
   * the feed's own connection, so it is let go when this node dies or loses the database, and
   * another node's next try takes it. False when another node holds it, or with no connection.
   */
  async tryLock(job: string): Promise<boolean> {
    const client = this.listener;
    if (client === null) return false;
    try {
      const result = await client.query<{ held: boolean }>('select pg_try_advisory_lock(hashtext($1)) as held', [job]);
      return result.rows[0]?.held === true;
    } catch {
      return false;
    }
  }

  /** Hears messages between nodes about live calls (PostgreSQL only). */
  subscribeCalls(listener: (message: CallMessage) => void): () => void {
    this.emitter.on('calls', listener);
    return () => this.emitter.off('calls', listener);
  }

  /** Sends a message to another node about a live call; false when the feed's connection is down. */
  sendCall(message: CallMessage): Promise<boolean> {
    return this.notify(CALLS_CHANNEL, message);
  }

  /** A notice on the feed's own connection (no pool connection taken); false when that connection is down. */
  private async notify(channel: string, payload: unknown): Promise<boolean> {
    const client = this.listener;
    if (client === null) return false;
    try {
      await client.query('select pg_notify($1, $2)', [channel, JSON.stringify(payload)]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Called after the feed was interrupted and is back: changes may have been missed, so whoever
   * keeps state from the feed must reload it.
   */
  onResync(listener: () => void): () => void {
    this.emitter.on('resync', listener);
    return () => this.emitter.off('resync', listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.emitter.removeAllListeners();
    const listener = this.listener;
    this.listener = null;
    if (listener !== null) await listener.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString! });
    client.on('notification', (message) => {
      if (message.payload === undefined) return;
      const event =
        message.channel === CHANNEL
          ? 'change'
          : message.channel === APPLIED_CHANNEL
            ? 'applied'
            : message.channel === CALLS_CHANNEL
              ? 'calls'
              : null;
      if (event === null) return;
      try {
        this.emitter.emit(event, JSON.parse(message.payload) as unknown);
      } catch {
        // a payload from something else on the channel: not ours to act on
      }
    });
    // A lost connection (server restart, failover): listen again, then tell followers to resync.
    const lost = () => {
      if (this.closing || this.listener !== client) return;
      this.listener = null;
      setTimeout(() => void this.reconnect(), 500).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    await client.query(`LISTEN ${APPLIED_CHANNEL}`);
    await client.query(`LISTEN ${CALLS_CHANNEL}`);
    this.listener = client;
  }

  private async reconnect(): Promise<void> {
    if (this.closing) return;
    try {
      await this.listen();
      this.emitter.emit('resync');
    } catch {
      setTimeout(() => void this.reconnect(), 2000).unref();
    }
  }
}
