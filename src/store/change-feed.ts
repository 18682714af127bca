/**
 * The change feed: every committed settings change of a network, with its new version. Each node
 * follows it to keep its snapshots current. SQLite (one node): in-process. PostgreSQL (several
 * nodes): the writer calls pg_notify inside its transaction, so a change is announced to every
 * node exactly when, and only if, it commits; each node LISTENs on one dedicated connection.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';

export interface Change {
  readonly networkId: string;
  /** The network's version after the change. */
  readonly version: number;
  /** What changed, e.g. `continuity.switch`, `recording_defaults.update`. */
  readonly kind: string;
  /** The tenants the change touched (C12 tells agents which). */
  readonly tenantIds: readonly string[];
}

export const CHANNEL = 'switchboard_changes';

export class ChangeFeed {
  private readonly emitter = new EventEmitter();

  private constructor(private readonly listener: pg.Client | null) {
    this.emitter.setMaxListeners(0);
  }

  static inProcess(): ChangeFeed {
    return new ChangeFeed(null);
  }

  static async postgres(connectionString: string): Promise<ChangeFeed> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    const feed = new ChangeFeed(client);
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || message.payload === undefined) return;
      try {
        feed.emitter.emit('change', JSON.parse(message.payload) as Change);
      } catch {
        // a payload from something else on the channel: not ours to act on
      }
    });
    await client.query(`LISTEN ${CHANNEL}`);
    return feed;
  }

  /** True when changes come from the database (PostgreSQL) rather than from this process. */
  get shared(): boolean {
    return this.listener !== null;
  }

  /** Announces a committed change to this process's listeners (SQLite's whole feed). */
  announce(change: Change): void {
    this.emitter.emit('change', change);
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    if (this.listener !== null) await this.listener.end();
  }
}
