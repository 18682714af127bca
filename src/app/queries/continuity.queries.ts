/** Reading Call Continuity: the network's status (C8-C11) and one tenant's settings (C3-C7, C9). */
import { firstUsableVoiceAgent, type SwitchOnAssessment, type VoiceAgentAvailability } from '../../domain/continuity.js';
import { exceptionCounts, voiceAgentsByTenant } from '../../store/continuity.repository.js';
import type { TenantRecord } from '../../store/tenants.repository.js';
import { listTrackingNumbers, type TrackingNumberRecord } from '../../store/tracking-numbers.repository.js';
import { errors } from '../../shared/errors.js';
import { pendingSchedules, type Schedule } from '../../store/schedules.repository.js';
import { getApproval, getApprovalPolicy, listApprovals, type Approval, type ApprovalPolicy } from '../../store/approvals.repository.js';
import type { Application } from '../application.js';
import * as continuity from '../policies/continuity.policy.js';
import type { Scope } from '../policies/scope.js';
import { assessTenants } from '../commands/continuity-switcher.js';
import type { SwitchPreview } from '../commands/continuity-approvals.js';

export interface AssessedTenant {
  readonly record: TenantRecord;
  readonly assessment: SwitchOnAssessment;
}

/** C9, C10 for every tenant of the network, as the database is now, with C8's exception counts. */
export async function continuityStatus(
  app: Application,
  networkId: string,
): Promise<{ assessed: AssessedTenant[]; exceptions: Map<string, number> }> {
  const [assessed, exceptions] = await Promise.all([assessTenants(app.store.db, networkId), exceptionCounts(app.store.db, networkId)]);
  return { assessed, exceptions };
}

/** C10's preview: every tenant assessed. */
export const assessAll = (app: Application, networkId: string): Promise<AssessedTenant[]> => assessTenants(app.store.db, networkId);

/** One tenant's continuity: its assessment, whether the Voice Agent option is usable (C5), its numbers and exceptions. */
export async function tenantContinuity(
  app: Application,
  networkId: string,
  tenantId: string,
): Promise<{ assessed: AssessedTenant; voiceAgent: VoiceAgentAvailability; numbers: TrackingNumberRecord[] } | undefined> {
  const [assessed] = await assessTenants(app.store.db, networkId, [tenantId]);
  if (assessed === undefined) return undefined;
  const agents = await voiceAgentsByTenant(app.store.db, networkId, [tenantId]);
  const voiceAgent = firstUsableVoiceAgent(assessed.record.tenant, agents.get(tenantId) ?? []);
  return { assessed, voiceAgent, numbers: await listTrackingNumbers(app.store.db, networkId, tenantId) };
}

/**
 * B1: the pending continuity schedules the caller may see, soonest first: their tenants', and the
 * For All ones for those who see the network's status.
 */
export async function visibleSchedules(app: Application, scope: Scope): Promise<Schedule[]> {
  const all = await pendingSchedules(app.store.db, scope.networkId);
  return all.filter((s) =>
    s.tenantId === null
      ? continuity.can(scope.actor, 'view_network_status', scope)
      : continuity.can(scope.actor, 'view', { networkId: scope.networkId, tenantId: s.tenantId }),
  );
}

/** One pending schedule the caller may see; the same 404 when it is missing, done, or not theirs to see. */
export async function visibleSchedule(app: Application, scope: Scope, id: string): Promise<Schedule> {
  const found = (await visibleSchedules(app, scope)).find((s) => s.id === id);
  if (found === undefined) throw errors.notFound('pending schedule', id);
  return found;
}

export type { Schedule };

/** B1 for the operator's command line: every pending schedule of a network. */
export const networkSchedules = (app: Application, networkId: string): Promise<Schedule[]> => pendingSchedules(app.store.db, networkId);

/** B5: who must approve which switches in the network (anyone in it may read it: it says whether their switch needs approval). */
export const approvalPolicy = (app: Application, networkId: string): Promise<ApprovalPolicy> => getApprovalPolicy(app.store.db, networkId);

/**
 * B5: the approval requests the caller may see, newest first (every pending one, the latest
 * closed): their tenants', and the For All ones for those who see the network's status.
 */
export async function visibleApprovals(app: Application, scope: Scope): Promise<Approval[]> {
  const all = await listApprovals(app.store.db, scope.networkId);
  return all.filter((a) =>
    a.tenantId === null
      ? continuity.can(scope.actor, 'view_network_status', scope)
      : continuity.can(scope.actor, 'view', { networkId: scope.networkId, tenantId: a.tenantId }),
  );
}

/** One request the caller may see; the same 404 when it is missing or not theirs to see. */
export async function visibleApproval(app: Application, scope: Scope, id: string): Promise<Approval> {
  const found = await getApproval(app.store.db, scope.networkId, id);
  const seen =
    found !== undefined &&
    (found.tenantId === null
      ? continuity.can(scope.actor, 'view_network_status', scope)
      : continuity.can(scope.actor, 'view', { networkId: scope.networkId, tenantId: found.tenantId }));
  if (!seen) throw errors.notFound('approval request', id);
  return found;
}

/** B5 for the operator's command line: a network's requests. */
export const networkApprovals = (app: Application, networkId: string): Promise<Approval[]> => listApprovals(app.store.db, networkId);

export type { Approval, ApprovalPolicy };

/** B5: what a requested switch does, in words ("Turn On For All: 3 tenants on, 1 left off"). */
export function approvalInWords(approval: Approval): string {
  const preview = approval.preview as SwitchPreview;
  const names = (list: readonly { tenantName: string }[]) => list.map((t) => t.tenantName).join(', ');
  const count = (n: number) => `${n} tenant${n === 1 ? '' : 's'}`;
  switch (approval.command) {
    case 'continuity.switch':
      return preview.switchOn.length > 0
        ? `Switch Call Continuity on for ${names(preview.switchOn)}`
        : `Switch Call Continuity off for ${names(preview.switchOff)}`;
    case 'continuity.turn_on_for_all':
      return `Turn On For All: ${count(preview.switchOn.length)} switched on${preview.leftOff.length > 0 ? `, ${preview.leftOff.length} left off (${names(preview.leftOff)})` : ''}`;
    default:
      return `Turn Off For All: ${count(preview.switchOff.length)} switched off`;
  }
}
