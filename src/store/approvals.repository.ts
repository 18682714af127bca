/** B5: a network's approval policy, and its requests waiting for (or closed by) a second administrator. */
import type { Selectable } from 'kysely';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { timeOrderedId } from './ids.js';
import type { ContinuityApprovalsTable } from './schema.js';

export const APPROVAL_MODES = ['none', 'turn_on_for_all', 'every_switch'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export interface ApprovalPolicy {
  /** none; Turn On For All only; or every switch (one tenant's or all, on or off). */
  readonly mode: ApprovalMode;
  /** How long a request may wait for its approver. */
  readonly expiryMinutes: number;
}

export type ApprovalStatus = 'pending' | 'approved' | 'refused' | 'withdrawn' | 'stale';

export interface Person {
  readonly userId: string | null;
  readonly name: string;
}

export interface Approval {
  readonly id: string;
  readonly networkId: string;
  /** Null: every tenant (Turn On / Off For All). */
  readonly tenantId: string | null;
  readonly command: string;
  readonly input: unknown;
  readonly preview: unknown;
  readonly basis: unknown;
  readonly requestedBy: Person;
  readonly requestedAt: string;
  readonly expiresAt: string;
  readonly status: ApprovalStatus;
  readonly decidedBy: Person | null;
  readonly decidedAt: string | null;
  readonly outcome: unknown;
  readonly version: number;
}

export type NewApproval = Pick<
  Approval,
  'networkId' | 'tenantId' | 'command' | 'input' | 'preview' | 'basis' | 'requestedBy' | 'requestedAt' | 'expiresAt'
>;

const toApproval = (row: Selectable<ContinuityApprovalsTable>): Approval => ({
  id: row.id,
  networkId: row.network_id,
  tenantId: row.tenant_id,
  command: row.command,
  input: JSON.parse(row.input),
  preview: JSON.parse(row.preview),
  basis: JSON.parse(row.basis),
  requestedBy: { userId: row.requested_by_user_id, name: row.requested_by_name },
  requestedAt: row.requested_at,
  expiresAt: row.expires_at,
  status: row.status as ApprovalStatus,
  decidedBy: row.decided_by_name === null ? null : { userId: row.decided_by_user_id, name: row.decided_by_name },
  decidedAt: row.decided_at,
  outcome: row.outcome === null ? null : JSON.parse(row.outcome),
  version: row.version,
});

export async function getApprovalPolicy(db: Executor, networkId: string): Promise<ApprovalPolicy> {
  const row = await db
    .selectFrom('networks')
    .select(['continuity_approval', 'approval_expiry_minutes'])
    .where('id', '=', networkId)
    .executeTakeFirst();
  if (row === undefined) throw errors.notFound('network', networkId);
  return { mode: row.continuity_approval as ApprovalMode, expiryMinutes: row.approval_expiry_minutes };
}

export async function setApprovalPolicy(db: Executor, networkId: string, policy: ApprovalPolicy): Promise<void> {
  await db
    .updateTable('networks')
    .set({ continuity_approval: policy.mode, approval_expiry_minutes: policy.expiryMinutes })
    .where('id', '=', networkId)
    .execute();
}

export async function insertApproval(db: Executor, approval: NewApproval): Promise<Approval> {
  const row = await db
    .insertInto('continuity_approvals')
    .values({
      id: timeOrderedId(),
      network_id: approval.networkId,
      tenant_id: approval.tenantId,
      command: approval.command,
      input: JSON.stringify(approval.input),
      preview: JSON.stringify(approval.preview),
      basis: JSON.stringify(approval.basis),
      requested_by_user_id: approval.requestedBy.userId,
      requested_by_name: approval.requestedBy.name,
      requested_at: approval.requestedAt,
      expires_at: approval.expiresAt,
      status: 'pending',
      decided_by_user_id: null,
      decided_by_name: null,
      decided_at: null,
      outcome: null,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApproval(row);
}

export async function getApproval(db: Executor, networkId: string, id: string): Promise<Approval | undefined> {
  const row = await db
    .selectFrom('continuity_approvals')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toApproval(row);
}

/** A network's requests, newest first: every pending one, and the latest `closed` of the others. */
export async function listApprovals(db: Executor, networkId: string, closed = 20): Promise<Approval[]> {
  const pending = await db
    .selectFrom('continuity_approvals')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('status', '=', 'pending')
    .orderBy('id', 'desc')
    .execute();
  const done = await db
    .selectFrom('continuity_approvals')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('status', '!=', 'pending')
    .orderBy('id', 'desc')
    .limit(closed)
    .execute();
  return [...pending, ...done].map(toApproval);
}

/**
 * Closes a pending request at `expectedVersion` (approved, refused, withdrawn or stale): the
 * closed request, or a 412 when someone else's decision came first, a 409 when it is closed.
 */
export async function closeApproval(
  db: Executor,
  networkId: string,
  id: string,
  expectedVersion: number,
  close: { readonly status: Exclude<ApprovalStatus, 'pending'>; readonly by: Person; readonly at: string; readonly outcome: unknown },
): Promise<Approval> {
  const row = await db
    .updateTable('continuity_approvals')
    .set((eb) => ({
      status: close.status,
      decided_by_user_id: close.by.userId,
      decided_by_name: close.by.name,
      decided_at: close.at,
      outcome: JSON.stringify(close.outcome),
      version: eb('version', '+', 1),
    }))
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row !== undefined) return toApproval(row);
  const current = await getApproval(db, networkId, id);
  if (current === undefined) throw errors.notFound('approval request', id);
  if (current.status !== 'pending')
    throw errors.conflict('approval_closed', 'status', current.status, `This request is already ${current.status}; nothing was changed.`);
  throw errors.stale('approval request', expectedVersion, current.version);
}
