/**
 * Every settings change goes through `write`: one transaction that makes the change, bumps the
 * network's version, writes the audit entry (C15), and announces the change on the feed. On
 * PostgreSQL the announcement is a pg_notify inside the transaction (delivered on commit only);
 * on SQLite it is emitted in-process after the commit.
 */
import { sql, type Transaction } from 'kysely';
import { CHANNEL, type Change } from './change-feed.js';
import type { Dialect, Store } from './db.js';
import { timeOrderedId } from './ids.js';
import { webhookEventOf } from '../domain/webhooks.js';
import { enqueueWebhookEvent } from './webhooks.repository.js';
import { mergeTouched, type Touched } from './touched.js';
import { loadNetworkDelta } from './network-data.repository.js';
import type { SnapshotDelta } from '../domain/snapshot.js';
import type { Schema } from './schema.js';

/** Who made a change, and from where (C15). */
export interface Actor {
  readonly userId: string | null;
  readonly name: string;
  /** From the credential, never from what the client claims: a session is the web UI, a token the API. */
  readonly source: 'api' | 'ui' | 'cli' | 'schedule';
  /** The client's address (through SWITCHBOARD_TRUST_PROXY); none from the command line. */
  readonly address?: string | null;
}

export interface AuditInput {
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly tenantIds: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

export class Unit {
  private readonly touched = new Map<string, { kinds: Set<string>; tenantIds: Set<string>; parts: Touched }>();

  constructor(
    readonly trx: Transaction<Schema>,
    readonly actor: Actor,
    /** Which database the transaction runs on (a few bulk writes differ). */
    readonly dialect: Dialect,
  ) {}

  /**
   * Marks a network's settings as changed: its version grows once per unit, at commit, and what
   * was touched is kept under that version (nodes patch their snapshots from it).
   */
  changed(networkId: string, kind: string, parts: Touched, tenantIds: readonly string[] = []): void {
    let entry = this.touched.get(networkId);
    if (entry === undefined) {
      entry = { kinds: new Set(), tenantIds: new Set(), parts: {} };
      this.touched.set(networkId, entry);
    }
    entry.kinds.add(kind);
    entry.parts = mergeTouched(entry.parts, parts);
    for (const id of tenantIds) entry.tenantIds.add(id);
  }

  /** Appends an audit entry in this transaction (C15): it exists if and only if the change does. */
  /** Writes the audit entry; a change webhooks tell of (B3) writes its event beside it, in this transaction. */
  async audit(networkId: string, input: AuditInput): Promise<void> {
    const at = new Date().toISOString();
    const id = timeOrderedId();
    const event = webhookEventOf(input.action);
    if (event !== null)
      await enqueueWebhookEvent(
        this.trx,
        networkId,
        event,
        {
          action: input.action,
          resourceType: input.resourceType,
          resourceId: input.resourceId,
          tenantIds: input.tenantIds,
          before: input.before ?? null,
          after: input.after ?? null,
          actor: { name: this.actor.name, source: this.actor.source },
          auditId: id,
        },
        at,
      );
    await this.trx
      .insertInto('audit_log')
      .values({
        id,
        network_id: networkId,
        at,
        actor_user_id: this.actor.userId,
        actor_name: this.actor.name,
        source: this.actor.source,
        action: input.action,
        resource_type: input.resourceType,
        resource_id: input.resourceId,
        tenant_ids: JSON.stringify(input.tenantIds),
        before: input.before === undefined ? null : JSON.stringify(input.before),
        after: input.after === undefined ? null : JSON.stringify(input.after),
        client_address: this.actor.address ?? null,
      })
      .execute();
  }

  /**
   * What the change made of the parts it touched, read here in its own transaction, for its notice
   * (decision 0106): the other nodes patch from it without reading the database. Not for a whole
   * exclusion list or many rows (it would not fit in a notice).
   */
  private async deltaFor(change: Change, touched: Touched): Promise<SnapshotDelta | undefined> {
    if (touched.exclusions === 'all' || (touched.trackingNumbers?.length ?? 0) > 50 || (touched.tenants?.length ?? 0) > 20)
      return undefined;
    return loadNetworkDelta(this.trx, change.networkId, change.version, touched);
  }

  /** Bumps the version of every touched network and returns the changes to announce. */
  async finish(shared: boolean): Promise<Change[]> {
    const changes: Change[] = [];
    for (const [networkId, entry] of this.touched) {
      const row = await this.trx
        .updateTable('networks')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', networkId)
        .returning('version')
        .executeTakeFirstOrThrow();
      let change: Change = { networkId, version: row.version, kind: [...entry.kinds].join(','), tenantIds: [...entry.tenantIds] };
      await this.trx
        .insertInto('network_changes')
        .values({
          network_id: networkId,
          version: row.version,
          kind: change.kind,
          touched: JSON.stringify(entry.parts),
          at: new Date().toISOString(),
        })
        .execute();
      const delta = shared ? await this.deltaFor(change, entry.parts) : undefined;
      // The last thing before the commit: the feed's lag (metrics, P7) is measured from here.
      change = { ...change, at: epochMs() };
      if (shared) await sql`select pg_notify(${CHANNEL}, ${noticeText(change, delta)})`.execute(this.trx);
      changes.push(change);
    }
    return changes;
  }
}

/**
 * Tenant ids a NOTIFY names at most. PostgreSQL refuses a payload of 8,000 bytes or more, which
 * about 200 tenant ids would pass (Turn On For All in a large network): past this many the notice
 * says "every tenant" instead, and the change record still holds what changed.
 */
export const MAX_NOTIFIED_TENANTS = 100;

/** PostgreSQL refuses a notice of 8,000 bytes or more. */
const MAX_NOTICE_BYTES = 7900;

/** Now, in epoch milliseconds with a fraction (the machine's clock, finer than Date.now()). */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** The notice's text, with the delta when it fits (a notice too long goes without it). */
function noticeText(change: Change, delta: SnapshotDelta | undefined): string {
  const notice = JSON.stringify(noticeOf(change));
  if (delta === undefined) return notice;
  const withDelta = JSON.stringify({ ...noticeOf(change), delta });
  return Buffer.byteLength(withDelta) < MAX_NOTICE_BYTES ? withDelta : notice;
}

function noticeOf(change: Change): Change {
  return change.tenantIds.length > MAX_NOTIFIED_TENANTS ? { ...change, tenantIds: [], allTenants: true } : change;
}

/** Runs `work` in one transaction; nothing of it is kept, audited or announced if it throws. */
export async function write<T>(store: Store, actor: Actor, work: (unit: Unit) => Promise<T>): Promise<{ result: T; changes: Change[] }> {
  const { result, changes } = await store.db.transaction().execute(async (trx) => {
    const unit = new Unit(trx, actor, store.dialect);
    const value = await work(unit);
    return { result: value, changes: await unit.finish(store.feed.shared) };
  });
  // PostgreSQL delivers its own notifications to this node's listener as well.
  if (!store.feed.shared) for (const change of changes) store.feed.announce(change);
  return { result, changes };
}
