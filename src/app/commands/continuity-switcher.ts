/**
 * Switching Call Continuity on and off: one tenant (C1, C9, C14) or every tenant of the network
 * at once (C10), as commands (command.ts): the runner makes each one transaction with its audit
 * entry (C15) and answers once this node's snapshot holds it (C13).
 */
import { Type } from 'typebox';
import { assessTenant, defaultDestinationResolves, firstUsableVoiceAgent, type SwitchOnAssessment } from '../../domain/continuity.js';
import { errors } from '../../shared/errors.js';
import { numbersWithoutException, voiceAgentsByTenant } from '../../store/continuity.repository.js';
import type { Executor } from '../../store/db.js';
import { listTenants, setTenantContinuity, type TenantRecord } from '../../store/tenants.repository.js';
import * as continuity from '../policies/continuity.policy.js';
import { passApprovalGate } from './approval-gate.js';
import { defineCommand } from './command.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });

/** C9, C10 for the given tenants (all of the network when omitted), from the database as it is now. */
export async function assessTenants(
  db: Executor,
  networkId: string,
  tenantIds?: readonly string[],
): Promise<{ record: TenantRecord; assessment: SwitchOnAssessment }[]> {
  const records = await listTenants(db, networkId, tenantIds);
  const ids = records.map((r) => r.tenant.id);
  const agents = await voiceAgentsByTenant(db, networkId, ids);
  // Only a tenant whose default does not resolve can have numbers without a destination.
  const unresolved = records
    .filter((r) => !defaultDestinationResolves(r.tenant, firstUsableVoiceAgent(r.tenant, agents.get(r.tenant.id) ?? [])))
    .map((r) => r.tenant.id);
  const missing = await numbersWithoutException(db, networkId, unresolved);
  return records.map((record) => ({ record, assessment: assessTenant(record.tenant, missing.get(record.tenant.id) ?? []) }));
}

/** C1/C14 one tenant's switch; C9 refuses to switch on a tenant with numbers lacking a destination. */
export const switchContinuity = defineCommand({
  name: 'continuity.switch',
  input: Type.Object({ tenantId: Id, enabled: Type.Boolean() }, { additionalProperties: false }),
  allowed: (actor, networkId, { tenantId }) => continuity.can(actor, 'switch', { networkId, tenantId }),
  refusal: "switch this tenant's Call Continuity (needs switch_continuity)",
  handle: async (unit, { tenantId, enabled }, networkId, run) => {
    await passApprovalGate(unit, networkId, 'continuity.switch', run);
    const [found] = await assessTenants(unit.trx, networkId, [tenantId]);
    if (found === undefined) throw errors.notFound('tenant', tenantId);
    const { record, assessment } = found;
    if (record.tenant.continuity.enabled === enabled) return { result: record, audit: null, touched: null };
    if (enabled && !assessment.canSwitchOn) {
      const numbers = assessment.problems.flatMap((p) => (p.kind === 'numbers_without_destination' ? p.numbers : []));
      throw errors.conflict(
        'continuity_destination_missing',
        'enabled',
        true,
        `Call Continuity cannot be switched on for ${record.tenant.name}: ${numbers.length} tracking number(s) have no valid continuity destination (${numbers.slice(0, 10).join(', ')}${numbers.length > 10 ? ', ...' : ''}). Set a default destination or an exception for each.`,
        { numbersWithoutDestination: numbers },
      );
    }
    const updated = await setTenantContinuity(unit.trx, networkId, tenantId, record.versions.continuity, enabled);
    return {
      result: updated,
      touched: { tenants: [tenantId] },
      audit: {
        action: enabled ? 'continuity.switch_on' : 'continuity.switch_off',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: { enabled: !enabled },
        after: { enabled },
      },
    };
  },
});

export interface SwitchAllResult {
  readonly switched: readonly string[];
  readonly leftOff: readonly string[];
}

/**
 * C10 Turn On For All: every tenant that is safe, plus the unsafe ones the administrator
 * explicitly included; the others stay off. All or nothing: if an included tenant cannot be
 * switched on (C9), nothing changes.
 */
export const turnOnForAll = defineCommand({
  name: 'continuity.turn_on_for_all',
  input: Type.Object({ includeTenantIds: Type.Array(Id, { maxItems: 100_000 }) }, { additionalProperties: false }),
  allowed: (actor, networkId) => continuity.can(actor, 'switch_all', { networkId }),
  refusal: 'switch Call Continuity for all tenants',
  handle: async (unit, { includeTenantIds }, networkId, run) => {
    await passApprovalGate(unit, networkId, 'continuity.turn_on_for_all', run);
    const assessed = await assessTenants(unit.trx, networkId);
    const known = new Set(assessed.map((a) => a.record.tenant.id));
    const stranger = includeTenantIds.find((id) => !known.has(id));
    if (stranger !== undefined)
      throw errors.validation('includeTenantIds', stranger, `includeTenantIds: no tenant ${JSON.stringify(stranger)} in this network.`);
    const included = new Set(includeTenantIds);
    const blocked = assessed.filter((a) => included.has(a.record.tenant.id) && !a.assessment.canSwitchOn);
    if (blocked.length > 0) {
      throw errors.conflict(
        'continuity_destination_missing',
        'includeTenantIds',
        blocked.map((b) => b.record.tenant.id),
        `Nothing was switched: ${blocked.map((b) => b.record.tenant.name).join(', ')} cannot be switched on (tracking numbers without a continuity destination).`,
        { tenants: blocked.map((b) => b.assessment) },
      );
    }
    const switched = assessed
      .filter((a) => (a.assessment.safe || included.has(a.record.tenant.id)) && !a.record.tenant.continuity.enabled)
      .map((a) => a.record.tenant.id);
    const leftOff = assessed
      .filter((a) => !a.assessment.safe && !included.has(a.record.tenant.id) && !a.record.tenant.continuity.enabled)
      .map((a) => a.record.tenant.id);
    await setEnabled(unit.trx, networkId, switched, true);
    const result: SwitchAllResult = { switched, leftOff };
    return {
      result,
      touched: { tenants: switched },
      audit:
        switched.length === 0
          ? null
          : {
              action: 'continuity.turn_on_for_all',
              resourceType: 'network',
              resourceId: networkId,
              tenantIds: switched,
              before: { enabled: false },
              after: { enabled: true, leftOff },
            },
    };
  },
});

/** C10 Turn Off For All: every tenant back to its normal workflow (C14). */
export const turnOffForAll = defineCommand({
  name: 'continuity.turn_off_for_all',
  input: Type.Object({}, { additionalProperties: false }),
  allowed: (actor, networkId) => continuity.can(actor, 'switch_all', { networkId }),
  refusal: 'switch Call Continuity for all tenants',
  handle: async (unit, _input, networkId, run) => {
    await passApprovalGate(unit, networkId, 'continuity.turn_off_for_all', run);
    const on = (await listTenants(unit.trx, networkId)).filter((r) => r.tenant.continuity.enabled).map((r) => r.tenant.id);
    await setEnabled(unit.trx, networkId, on, false);
    const result: SwitchAllResult = { switched: on, leftOff: [] };
    return {
      result,
      touched: { tenants: on },
      audit:
        on.length === 0
          ? null
          : {
              action: 'continuity.turn_off_for_all',
              resourceType: 'network',
              resourceId: networkId,
              tenantIds: on,
              before: { enabled: true },
              after: { enabled: false },
            },
    };
  },
});

async function setEnabled(db: Executor, networkId: string, tenantIds: readonly string[], enabled: boolean): Promise<void> {
  // One statement per 500 tenants keeps within every database's parameter limit.
  for (let i = 0; i < tenantIds.length; i += 500) {
    await db
      .updateTable('tenants')
      .set({ continuity_enabled: enabled ? 1 : 0 })
      .where('network_id', '=', networkId)
      .where('id', 'in', tenantIds.slice(i, i + 500))
      .execute();
  }
}
