/**
 * B4: a continuity drill. While a tenant's continuity is off, calls from a few listed test
 * callers go to its continuity destination, exactly as in an outage, and every other call follows
 * the workflow; the drill ends by itself at its set time (B1's "valid until", read by the route
 * decision: no job has to run for it to end) or when ended. Starting and ending are commands,
 * audited, and need the permission to switch the tenant (B5); neither is gated by the approval
 * policy: a drill moves no customer's call (decision 0124).
 */
import { Type } from 'typebox';
import type { ContinuityDrill } from '../../domain/model.js';
import { parsePhoneNumber } from '../../domain/phone-number.js';
import { errors } from '../../shared/errors.js';
import { setTenantDrill } from '../../store/tenants.repository.js';
import * as continuity from '../policies/continuity.policy.js';
import { defineCommand } from './command.js';
import { assessTenants } from './continuity-switcher.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });

/** A drill as the audit log keeps it: its end as a time people read. */
const inWords = (drill: ContinuityDrill) => ({ callers: drill.callers, endsAt: new Date(drill.endsAt).toISOString() });

export const startDrill = defineCommand({
  name: 'continuity.drill_start',
  input: Type.Object(
    {
      tenantId: Id,
      callers: Type.Array(Type.String({ maxLength: 40 }), {
        minItems: 1,
        maxItems: 20,
        description: 'the test callers whose calls go to the continuity destination',
      }),
      minutes: Type.Integer({ minimum: 5, maximum: 24 * 60, description: 'how long the drill lasts; it ends by itself then' }),
      requestedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId, { tenantId }) => continuity.can(actor, 'switch', { networkId, tenantId }),
  refusal: 'run a Call Continuity drill for this tenant (needs switch_continuity)',
  handle: async (unit, { tenantId, callers, minutes, requestedAt }, networkId) => {
    const numbers = [...new Set(callers.map((caller, i) => parsePhoneNumber(caller, `callers.${i}`)))];
    const [found] = await assessTenants(unit.trx, networkId, [tenantId]);
    if (found === undefined) throw errors.notFound('tenant', tenantId);
    const { record, assessment } = found;
    if (record.tenant.continuity.enabled)
      throw errors.conflict(
        'continuity_on',
        'tenantId',
        tenantId,
        `Call Continuity is on for ${record.tenant.name}: every call already goes to its continuity destination. A drill is for when it is off.`,
      );
    if (!assessment.canSwitchOn)
      throw errors.conflict(
        'continuity_destination_missing',
        'tenantId',
        tenantId,
        `${record.tenant.name} has tracking numbers without a valid continuity destination: set a default destination or an exception for each before a drill.`,
      );
    const drill = { callers: numbers, endsAt: Date.parse(requestedAt) + minutes * 60_000 };
    const before = record.tenant.continuity.drill ?? null;
    const updated = await setTenantDrill(unit.trx, networkId, tenantId, record.versions.continuity, drill);
    return {
      result: updated,
      touched: { tenants: [tenantId] },
      audit: {
        action: 'continuity.drill_start',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: before === null ? null : inWords(before),
        after: inWords(drill),
      },
    };
  },
});

export const endDrill = defineCommand({
  name: 'continuity.drill_end',
  input: Type.Object({ tenantId: Id }, { additionalProperties: false }),
  allowed: (actor, networkId, { tenantId }) => continuity.can(actor, 'switch', { networkId, tenantId }),
  refusal: "end this tenant's Call Continuity drill (needs switch_continuity)",
  handle: async (unit, { tenantId }, networkId) => {
    const [found] = await assessTenants(unit.trx, networkId, [tenantId]);
    if (found === undefined) throw errors.notFound('tenant', tenantId);
    const drill = found.record.tenant.continuity.drill ?? null;
    if (drill === null) return { result: found.record, audit: null, touched: null };
    const updated = await setTenantDrill(unit.trx, networkId, tenantId, found.record.versions.continuity, null);
    return {
      result: updated,
      touched: { tenants: [tenantId] },
      audit: {
        action: 'continuity.drill_end',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: inWords(drill),
        after: null,
      },
    };
  },
});
