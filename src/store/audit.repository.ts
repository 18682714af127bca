/** The append-only audit log (C15): read newest first, filtered, in pages. */
import type { Executor } from './db.js';
import { timeOrderedFloor } from './ids.js';

export interface AuditFilter {
  readonly tenantId?: string;
  readonly action?: string;
  readonly actorUserId?: string;
  readonly source?: string;
  /** ISO 8601 bounds on `at`, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Entries older than this id (the previous page's cursor). */
  readonly before?: string;
}

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly userId: string | null; readonly name: string };
  readonly source: string;
  /** The client's address, or null (the command line). */
  readonly address: string | null;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly tenantIds: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

export async function listAudit(db: Executor, networkId: string, filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().where('network_id', '=', networkId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.actorUserId !== undefined) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.source !== undefined) query = query.where('source', '=', filter.source);
  // `at` is stored as UTC ISO text with milliseconds: compare in the same form.
  if (filter.from !== undefined) query = query.where('at', '>=', new Date(filter.from).toISOString());
  if (filter.to !== undefined) query = query.where('at', '<=', new Date(filter.to).toISOString());
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  // tenant_ids is a JSON list of ids; ids never contain a double quote.
  if (filter.tenantId !== undefined) query = query.where('tenant_ids', 'like', `%"${filter.tenantId.replace(/[%_"\\]/g, '')}"%`);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: { userId: row.actor_user_id, name: row.actor_name },
    source: row.source,
    address: row.client_address ?? null,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    tenantIds: JSON.parse(row.tenant_ids) as string[],
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  }));
}

/**
 * Whether `userId` left an entry `action` on `resourceId` at or after `since` (epoch ms). Ids are
 * time-ordered (ids.ts), so only that stretch of the network's log is read.
 */
export async function auditedSince(
  db: Executor,
  networkId: string,
  entry: { readonly userId: string; readonly action: string; readonly resourceId: string },
  since: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '>=', timeOrderedFloor(since))
    .where('actor_user_id', '=', entry.userId)
    .where('action', '=', entry.action)
    .where('resource_id', '=', entry.resourceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
