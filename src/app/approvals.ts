/**
 * B5: approving a request runs its stored command, unchanged, as the approver (whose permission to
 * make the switch is checked again), in one transaction that first checks nothing the request
 * depends on changed since it was asked, and marks it approved. A request is refused to the person
 * who asked, once expired, once closed, or once stale: then it is closed as stale, and must be
 * asked again.
 */
import { isDeepStrictEqual } from 'node:util';
import { AppError, errors } from '../shared/errors.js';
import { closeApproval, getApproval, type Approval } from '../store/approvals.repository.js';
import { write } from '../store/unit-of-work.js';
import type { Application } from './application.js';
import type { By } from './commands/command.js';
import { previewSwitch, type RequestedSwitch } from './commands/continuity-approvals.js';
import { runStored, switchOutcome } from './commands/registry.js';

export interface Approved {
  readonly approval: Approval;
  /** What the switch did (the switch command's own result). */
  readonly result: unknown;
}

class Stale extends Error {}

export async function approveRequest(
  app: Application,
  networkId: string,
  by: Extract<By, { kind: 'person' }> | Extract<By, { kind: 'system' }>,
  request: { readonly approvalId: string; readonly expectedVersion: number; readonly tenantId: string | null; readonly decidedAt: string },
): Promise<Approved> {
  const { approvalId, expectedVersion, decidedAt } = request;
  const approval = await getApproval(app.store.db, networkId, approvalId);
  if (approval === undefined || approval.tenantId !== request.tenantId) throw errors.notFound('approval request', approvalId);
  const approver = by.kind === 'person' ? { userId: by.actor.id, name: by.actor.name } : { userId: null, name: by.name };
  if (approval.status !== 'pending')
    throw errors.conflict('approval_closed', 'status', approval.status, `This request is already ${approval.status}; nothing was changed.`);
  if (approver.userId !== null && approver.userId === approval.requestedBy.userId)
    throw errors.forbidden('approve your own request; another administrator must');
  if (Date.parse(decidedAt) >= Date.parse(approval.expiresAt))
    throw errors.conflict(
      'approval_expired',
      'expiresAt',
      approval.expiresAt,
      `This request expired at ${approval.expiresAt}; nothing was changed. Ask again if the switch is still wanted.`,
    );
  const requested = { command: approval.command, input: approval.input } as RequestedSwitch;
  let approved: Approval | undefined;
  try {
    const result = await runStored(app, { name: approval.command, networkId, input: approval.input }, by, {
      approval: {
        id: approval.id,
        check: async (unit) => {
          const now = await previewSwitch(unit.trx, networkId, requested).catch(() => undefined);
          if (now === undefined || !isDeepStrictEqual(now.basis, approval.basis)) throw new Stale();
        },
      },
      auditNote: { approvalId: approval.id, requestedBy: approval.requestedBy.name, approvedBy: approver.name },
      within: async (unit, result) => {
        approved = await closeApproval(unit.trx, networkId, approvalId, expectedVersion, {
          status: 'approved',
          by: approver,
          at: decidedAt,
          outcome: switchOutcome(result),
        });
      },
    });
    return { approval: approved!, result };
  } catch (error) {
    if (!(error instanceof Stale)) throw error;
    await closeAsStale(app, approval, { ...approver, source: by.kind === 'person' ? by.source : 'cli' }, decidedAt);
    throw errors.conflict(
      'approval_stale',
      'basis',
      approval.id,
      'Something this request depends on changed since it was asked (a tenant switched, its settings or its numbers changed): nothing was switched, and the request is closed. Ask again to see what the switch would do now.',
    );
  }
}

async function closeAsStale(
  app: Application,
  approval: Approval,
  by: { userId: string | null; name: string; source: 'ui' | 'api' | 'schedule' | 'cli' },
  at: string,
): Promise<void> {
  await write(app.store, { userId: by.userId, name: by.name, source: by.source }, async (unit) => {
    const closed = await closeApproval(unit.trx, approval.networkId, approval.id, approval.version, {
      status: 'stale',
      by: { userId: by.userId, name: by.name },
      at,
      outcome: { reason: 'what it depends on changed since it was asked' },
    }).catch((error: unknown) => {
      if (error instanceof AppError) return undefined;
      throw error;
    });
    if (closed === undefined) return;
    await unit.audit(approval.networkId, {
      action: 'continuity.approval_stale',
      resourceType: approval.tenantId === null ? 'network' : 'tenant',
      resourceId: approval.tenantId ?? approval.networkId,
      tenantIds: approval.tenantId === null ? [] : [approval.tenantId],
      before: null,
      after: { approvalId: approval.id, command: approval.command, requestedBy: approval.requestedBy.name },
    });
  });
}
