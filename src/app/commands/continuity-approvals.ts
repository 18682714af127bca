/**
 * B5: a second approver. A network's approval policy says which switches need another
 * administrator's approval (approval-gate.ts); a person who may make such a switch asks for it: the
 * request keeps the stored command (run unchanged once approved), the preview they saw and the
 * basis it depends on, and expires after the network's set time. Refusing someone's request, or
 * withdrawing one's own, are commands here; approving runs the stored command (../approvals.ts).
 */
import { Type, type Static } from 'typebox';
import type { SwitchOnAssessment } from '../../domain/continuity.js';
import { errors } from '../../shared/errors.js';
import {
  APPROVAL_MODES,
  closeApproval,
  getApproval,
  getApprovalPolicy,
  insertApproval,
  setApprovalPolicy,
  type Approval,
} from '../../store/approvals.repository.js';
import type { Executor } from '../../store/db.js';
import type { Actor } from '../policies/actor.js';
import * as continuity from '../policies/continuity.policy.js';
import { needsApproval } from './approval-gate.js';
import { defineCommand } from './command.js';
import { assessTenants, switchContinuity, turnOffForAll, turnOnForAll } from './continuity-switcher.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const At = Type.String({ format: 'date-time' });

/** The switch a request asks for: one of the switch commands with its input, as it will run. */
export const RequestedSwitch = Type.Union([
  Type.Object({ command: Type.Literal('continuity.switch'), input: switchContinuity.input }, { additionalProperties: false }),
  Type.Object({ command: Type.Literal('continuity.turn_on_for_all'), input: turnOnForAll.input }, { additionalProperties: false }),
  Type.Object({ command: Type.Literal('continuity.turn_off_for_all'), input: turnOffForAll.input }, { additionalProperties: false }),
]);
export type RequestedSwitch = Static<typeof RequestedSwitch>;

/** The tenant a switch is about; null: every tenant. */
export const tenantOf = (requested: RequestedSwitch): string | null =>
  requested.command === 'continuity.switch' ? requested.input.tenantId : null;

/** May this person make (so ask for, or approve) this switch? The switch command's own policy. */
export const mayMake = (actor: Actor, networkId: string, requested: RequestedSwitch): boolean =>
  requested.command === 'continuity.switch'
    ? switchContinuity.allowed(actor, networkId, requested.input)
    : continuity.can(actor, 'switch_all', { networkId });

export interface SwitchPreview {
  /** Tenants the switch turns on, with their C9/C10 assessment. */
  readonly switchOn: readonly SwitchOnAssessment[];
  readonly switchOff: readonly { readonly tenantId: string; readonly tenantName: string }[];
  /** Turn On For All: unsafe tenants left off (C10), with why. */
  readonly leftOff: readonly SwitchOnAssessment[];
}

/**
 * What the switch would do now (the same preview as Turn On For All's), and the basis it rests on:
 * each tenant concerned with its continuity settings' version, whether it is on, and its C9/C10
 * standing. Refused as the switch itself would be (C9, an unknown tenant), or when it changes nothing.
 */
export async function previewSwitch(
  db: Executor,
  networkId: string,
  requested: RequestedSwitch,
): Promise<{ preview: SwitchPreview; basis: unknown }> {
  const tenantId = tenantOf(requested);
  const assessed = await assessTenants(db, networkId, tenantId === null ? undefined : [tenantId]);
  if (tenantId !== null && assessed.length === 0) throw errors.notFound('tenant', tenantId);
  const basis = assessed.map(({ record, assessment }) => [
    record.tenant.id,
    record.versions.continuity,
    record.tenant.continuity.enabled,
    assessment.canSwitchOn,
    assessment.safe,
  ]);
  const off = assessed.filter((a) => !a.record.tenant.continuity.enabled);
  const on = assessed.filter((a) => a.record.tenant.continuity.enabled);
  const named = (a: (typeof assessed)[number]) => ({ tenantId: a.record.tenant.id, tenantName: a.record.tenant.name });
  let preview: SwitchPreview;
  switch (requested.command) {
    case 'continuity.switch': {
      const wanted = requested.input.enabled;
      const [one] = assessed;
      if (wanted && !one!.assessment.canSwitchOn)
        throw errors.conflict(
          'continuity_destination_missing',
          'enabled',
          true,
          `Call Continuity cannot be switched on for ${one!.record.tenant.name}: some tracking numbers have no valid continuity destination.`,
        );
      preview = { switchOn: wanted ? off.map((a) => a.assessment) : [], switchOff: wanted ? [] : on.map(named), leftOff: [] };
      break;
    }
    case 'continuity.turn_on_for_all': {
      const included = new Set(requested.input.includeTenantIds);
      const known = new Set(assessed.map((a) => a.record.tenant.id));
      const stranger = requested.input.includeTenantIds.find((id) => !known.has(id));
      if (stranger !== undefined)
        throw errors.validation(
          'input.includeTenantIds',
          stranger,
          `input.includeTenantIds: no tenant ${JSON.stringify(stranger)} in this network.`,
        );
      const blocked = off.filter((a) => included.has(a.record.tenant.id) && !a.assessment.canSwitchOn);
      if (blocked.length > 0)
        throw errors.conflict(
          'continuity_destination_missing',
          'input.includeTenantIds',
          blocked.map((b) => b.record.tenant.id),
          `${blocked.map((b) => b.record.tenant.name).join(', ')} cannot be switched on (tracking numbers without a continuity destination).`,
        );
      preview = {
        switchOn: off.filter((a) => a.assessment.safe || included.has(a.record.tenant.id)).map((a) => a.assessment),
        switchOff: [],
        leftOff: off.filter((a) => !a.assessment.safe && !included.has(a.record.tenant.id)).map((a) => a.assessment),
      };
      break;
    }
    case 'continuity.turn_off_for_all':
      preview = { switchOn: [], switchOff: on.map(named), leftOff: [] };
  }
  if (preview.switchOn.length === 0 && preview.switchOff.length === 0)
    throw errors.conflict(
      'nothing_to_change',
      'command',
      requested.command,
      'This switch would change nothing now; there is nothing to approve.',
    );
  return { preview, basis };
}

const auditOf = (approval: Approval, action: string, after: unknown) => ({
  action,
  resourceType: approval.tenantId === null ? 'network' : 'tenant',
  resourceId: approval.tenantId ?? approval.networkId,
  tenantIds: approval.tenantId === null ? [] : [approval.tenantId],
  before: null,
  after: { approvalId: approval.id, command: approval.command, requestedBy: approval.requestedBy.name, ...(after as object) },
});

/** The network's approval policy (network administrators only; audited). */
export const setContinuityApprovalPolicy = defineCommand({
  name: 'continuity.approval_policy',
  input: Type.Object(
    {
      mode: Type.Union(
        APPROVAL_MODES.map((m) => Type.Literal(m)),
        { description: 'none; turn_on_for_all: Turn On For All needs a second administrator; every_switch: every switch does' },
      ),
      expiryMinutes: Type.Integer({ minimum: 5, maximum: 24 * 60, description: 'how long a request waits for its approver' }),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => continuity.can(actor, 'switch_all', { networkId }),
  refusal: 'set who must approve Call Continuity switches (network administrators only)',
  handle: async (unit, policy, networkId) => {
    const before = await getApprovalPolicy(unit.trx, networkId);
    if (before.mode === policy.mode && before.expiryMinutes === policy.expiryMinutes) return { result: policy, audit: null, touched: null };
    await setApprovalPolicy(unit.trx, networkId, policy);
    return {
      result: policy,
      touched: null,
      audit: { action: 'continuity.approval_policy', resourceType: 'network', resourceId: networkId, tenantIds: [], before, after: policy },
    };
  },
});

/** Asks a second administrator to approve a switch that needs it. */
export const requestApproval = defineCommand({
  name: 'continuity.approval_request',
  input: Type.Object({ switch: RequestedSwitch, requestedAt: At }, { additionalProperties: false }),
  allowed: (actor, networkId, input) => mayMake(actor, networkId, input.switch),
  refusal: 'ask for this switch (needs the permission to make it)',
  handle: async (unit, { switch: requested, requestedAt }, networkId) => {
    const policy = await getApprovalPolicy(unit.trx, networkId);
    if (!needsApproval(policy.mode, requested.command))
      throw errors.conflict(
        'approval_not_needed',
        'switch.command',
        requested.command,
        'switch.command: this switch needs no approval in this network; make it directly.',
      );
    const { preview, basis } = await previewSwitch(unit.trx, networkId, requested);
    const by = unit.actor;
    const approval = await insertApproval(unit.trx, {
      networkId,
      tenantId: tenantOf(requested),
      command: requested.command,
      input: requested.input,
      preview,
      basis,
      requestedBy: { userId: by.userId, name: by.name },
      requestedAt,
      expiresAt: new Date(Date.parse(requestedAt) + policy.expiryMinutes * 60_000).toISOString(),
    });
    // Touches nothing of the snapshot, but is a change of the network: its change record tells every
    // administrator's page (C12's stream) that a request waits, without a reload.
    return { result: approval, touched: {}, audit: auditOf(approval, 'continuity.approval_request', { expiresAt: approval.expiresAt }) };
  },
});

/**
 * Refuses someone else's request (an administrator who could approve it), or withdraws one's own.
 * `tenantId` is the request's tenant as the caller saw it: the policy is checked on it.
 */
export const closeApprovalRequest = defineCommand({
  name: 'continuity.approval_close',
  input: Type.Object(
    {
      approvalId: Id,
      expectedVersion: Type.Integer({ minimum: 1 }),
      tenantId: Type.Union([Id, Type.Null()]),
      decision: Type.Union([Type.Literal('refuse'), Type.Literal('withdraw')]),
      reason: Type.Optional(Type.String({ maxLength: 500 })),
      decidedAt: At,
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId, { tenantId }) =>
    tenantId === null ? continuity.can(actor, 'switch_all', { networkId }) : continuity.can(actor, 'switch', { networkId, tenantId }),
  refusal: 'refuse or withdraw this request (needs the permission to make the switch)',
  handle: async (unit, { approvalId, expectedVersion, tenantId, decision, reason, decidedAt }, networkId) => {
    const current = await getApproval(unit.trx, networkId, approvalId);
    if (current === undefined || current.tenantId !== tenantId) throw errors.notFound('approval request', approvalId);
    const own = current.requestedBy.userId !== null && current.requestedBy.userId === unit.actor.userId;
    if (decision === 'withdraw' && !own)
      throw errors.validation('decision', decision, 'decision: only the person who asked may withdraw a request; refuse it instead.');
    if (decision === 'refuse' && own)
      throw errors.validation('decision', decision, 'decision: this is your own request; withdraw it instead.');
    const closed = await closeApproval(unit.trx, networkId, approvalId, expectedVersion, {
      status: decision === 'refuse' ? 'refused' : 'withdrawn',
      by: { userId: unit.actor.userId, name: unit.actor.name },
      at: decidedAt,
      outcome: reason === undefined ? null : { reason },
    });
    return {
      result: closed,
      touched: {},
      audit: auditOf(closed, decision === 'refuse' ? 'continuity.approval_refuse' : 'continuity.approval_withdraw', {
        ...(reason === undefined ? {} : { reason }),
      }),
    };
  },
});
