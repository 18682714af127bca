/**
 * A tenant's continuity destinations: the default (C4, C5, C6) and each tracking number's
 * exception (C3, C6). A destination that is not external is refused naming what it collides
 * with; nothing is saved that would leave a tenant in continuity without a destination (C9).
 */
import { checkContinuityNumber, defaultDestinationResolves, firstUsableVoiceAgent } from '../../domain/continuity.js';
import type { ContinuityDefault } from '../../domain/model.js';
import { parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import type { NumberOwner } from '../../domain/snapshot.js';
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { findNumberOwner, voiceAgentsByTenant } from '../../store/continuity.repository.js';
import type { Executor } from '../../store/db.js';
import { getTenant, updateTenant } from '../../store/tenants.repository.js';
import { getTrackingNumber, updateContinuityNumber } from '../../store/tracking-numbers.repository.js';
import type { Actor } from '../policies/actor.js';
import * as continuity from '../policies/continuity.policy.js';
import { defineCommand } from './command.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Version = Type.Integer({ minimum: 0, description: 'the version the change was made from (If-Match)' });
const PhoneText = Type.String({ minLength: 1, maxLength: 40 });
const manage = (actor: Actor, networkId: string, { tenantId }: { tenantId: string }) =>
  continuity.can(actor, 'manage', { networkId, tenantId });
const MANAGE = "manage this tenant's Call Continuity (needs forwarding_number_settings and phone_settings)";

export const updateDefaultDestination = defineCommand({
  name: 'continuity.default_destination',
  input: Type.Object(
    {
      tenantId: Id,
      expectedVersion: Version,
      defaultDestination: Type.Union([
        Type.Object({ kind: Type.Literal('voice_agent') }, { additionalProperties: false }),
        Type.Object({ kind: Type.Literal('external_number'), number: PhoneText }, { additionalProperties: false }),
      ]),
    },
    { additionalProperties: false },
  ),
  allowed: manage,
  refusal: MANAGE,
  handle: async (unit, { tenantId, expectedVersion, defaultDestination: input }, networkId) => {
    const current = await getTenant(unit.trx, networkId, tenantId);
    if (current === undefined) throw errors.notFound('tenant', tenantId);
    let destination: ContinuityDefault;
    if (input.kind === 'voice_agent') {
      // C5: only while voice agents are enabled on both sides and the tenant has one.
      const agents = await voiceAgentsByTenant(unit.trx, networkId, [tenantId]);
      const availability = firstUsableVoiceAgent(current.tenant, agents.get(tenantId) ?? []);
      if (!availability.usable) {
        const why =
          availability.why === 'not_enabled_on_both_sides'
            ? 'voice agents are not enabled in both the contact center and the core for this tenant'
            : 'the tenant has no enabled voice agent';
        throw errors.validation(
          'defaultDestination.kind',
          'voice_agent',
          `defaultDestination.kind: "Voice Agent" cannot be chosen: ${why}.`,
          'voice_agent_unavailable',
        );
      }
      destination = { kind: 'voice_agent' };
    } else {
      const number = parsePhoneNumber(input.number, 'defaultDestination.number');
      await requireExternal(unit.trx, networkId, number, 'defaultDestination.number');
      destination = { kind: 'external_number', number };
    }
    const result = await updateTenant(unit.trx, networkId, tenantId, 'continuity', expectedVersion, {
      ...current.tenant,
      continuity: { ...current.tenant.continuity, defaultDestination: destination },
    });
    return {
      result,
      touched: { tenants: [tenantId] },
      audit: {
        action: 'continuity.default_destination',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: current.tenant.continuity.defaultDestination,
        after: destination,
      },
    };
  },
});

/** C3: a tracking number's own continuity number (its exception), or null to use the default. `tenantId` is the number's tenant (the policy's subject). */
export const setExceptionNumber = defineCommand({
  name: 'continuity.exception',
  input: Type.Object(
    { tenantId: Id, trackingNumberId: Id, expectedVersion: Version, continuityNumber: Type.Union([PhoneText, Type.Null()]) },
    { additionalProperties: false },
  ),
  allowed: manage,
  refusal: MANAGE,
  handle: async (unit, { tenantId, trackingNumberId, expectedVersion, continuityNumber: input }, networkId) => {
    const current = await getTrackingNumber(unit.trx, networkId, trackingNumberId);
    if (current === undefined || current.trackingNumber.tenantId !== tenantId) throw errors.notFound('tracking number', trackingNumberId);
    const tn = current.trackingNumber;
    let number: E164 | null = null;
    if (input !== null) {
      number = parsePhoneNumber(input, 'continuityNumber');
      await requireExternal(unit.trx, networkId, number, 'continuityNumber', tn.number);
    } else {
      // C9: removing the exception must not leave a tenant in continuity without a destination.
      const tenant = (await getTenant(unit.trx, networkId, tn.tenantId))!.tenant;
      const agents = await voiceAgentsByTenant(unit.trx, networkId, [tenant.id]);
      if (tenant.continuity.enabled && !defaultDestinationResolves(tenant, firstUsableVoiceAgent(tenant, agents.get(tenant.id) ?? []))) {
        throw errors.conflict(
          'continuity_destination_missing',
          'continuityNumber',
          null,
          `continuityNumber: ${tenant.name} is in Call Continuity and its default destination is not valid, so ${tn.number} needs its own continuity number.`,
        );
      }
    }
    const result = await updateContinuityNumber(unit.trx, networkId, trackingNumberId, expectedVersion, number);
    return {
      result,
      touched: { trackingNumbers: [tn.number] },
      audit: {
        action: 'continuity.exception',
        resourceType: 'tracking_number',
        resourceId: trackingNumberId,
        tenantIds: [tn.tenantId],
        before: { number: tn.number, continuityNumber: tn.continuityNumber },
        after: { number: tn.number, continuityNumber: number },
      },
    };
  },
});

/** C6 across the whole deployment. Another network's number is named only as "in use elsewhere". */
export async function requireExternal(
  db: Executor,
  networkId: string,
  number: E164,
  field: string,
  forTrackingNumber?: E164,
): Promise<void> {
  const owner = await findNumberOwner(db, number);
  const collision = checkContinuityNumber({ ownerOf: (n) => (n === number ? owner : undefined) }, number, forTrackingNumber);
  if (collision === null) return;
  const foreign = owner !== undefined && owner.networkId !== networkId;
  const message = foreign
    ? `${field}: ${number} is already in use in this deployment (a tracking number or a direct line); a continuity number must be an external number.`
    : `${field}: ${collision.message}`;
  throw errors.conflict(collision.code, field, number, message, {
    collidesWith: foreign ? { kind: 'elsewhere' } : describe(collision.collidesWith),
  });
}

function describe(owner: NumberOwner | { kind: 'self' }): Record<string, unknown> {
  switch (owner.kind) {
    case 'self':
      return { kind: 'self' };
    case 'tracking_number':
      return { kind: owner.kind, tenantId: owner.tenantId, tenantName: owner.tenantName, trackingNumberId: owner.trackingNumberId };
    case 'direct_line':
      return { kind: owner.kind, employeeId: owner.employeeId, employeeName: owner.employeeName };
  }
}
