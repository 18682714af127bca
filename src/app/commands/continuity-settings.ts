/**
 * A tenant's continuity destinations: the default (C4, C5, C6) and each tracking number's
 * exception (C3, C6). A destination that is not external is refused naming what it collides
 * with; nothing is saved that would leave a tenant in continuity without a destination (C9).
 */
import { checkContinuityNumber, defaultDestinationResolves, firstUsableVoiceAgent } from '../../domain/continuity.js';
import { MAX_CHAIN_LINKS, NO_ANSWER_SECONDS, type ChainLink, type ContinuityDefault, type Tenant } from '../../domain/model.js';
import { parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import type { NumberOwner } from '../../domain/snapshot.js';
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { findNumberOwner, numbersWithoutException, voiceAgentsByTenant } from '../../store/continuity.repository.js';
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
      await requireVoiceAgent(unit.trx, networkId, current.tenant, 'defaultDestination.kind');
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

/**
 * B6: the destinations a continuity call tries after its first (the number's exception or the
 * default), in order, and how long each rings; a recorded message is always the last resort. C6
 * holds for every external number of the chain; a voice agent link needs a usable voice agent
 * (C5), as the default does. An empty chain leaves the first destination and the message.
 */
export const updateChain = defineCommand({
  name: 'continuity.chain',
  input: Type.Object(
    {
      tenantId: Id,
      expectedVersion: Version,
      then: Type.Array(
        Type.Union([
          Type.Object({ kind: Type.Literal('voice_agent') }, { additionalProperties: false }),
          Type.Object({ kind: Type.Literal('external_number'), number: PhoneText }, { additionalProperties: false }),
        ]),
        { maxItems: MAX_CHAIN_LINKS, description: 'tried in order after the first destination' },
      ),
      noAnswerSeconds: Type.Integer({
        minimum: NO_ANSWER_SECONDS.min,
        maximum: NO_ANSWER_SECONDS.max,
        description: 'how long each destination rings before the next is tried',
      }),
    },
    { additionalProperties: false },
  ),
  allowed: manage,
  refusal: MANAGE,
  handle: async (unit, { tenantId, expectedVersion, then: input, noAnswerSeconds }, networkId) => {
    const current = await getTenant(unit.trx, networkId, tenantId);
    if (current === undefined) throw errors.notFound('tenant', tenantId);
    const then: ChainLink[] = [];
    for (const [i, link] of input.entries()) {
      if (link.kind === 'voice_agent') {
        if (then.some((other) => other.kind === 'voice_agent'))
          throw errors.validation(`then.${i}.kind`, 'voice_agent', `then.${i}.kind: the voice agent is already in the chain.`);
        await requireVoiceAgent(unit.trx, networkId, current.tenant, `then.${i}.kind`);
        then.push({ kind: 'voice_agent' });
      } else {
        const number = parsePhoneNumber(link.number, `then.${i}.number`);
        if (then.some((other) => other.kind === 'external_number' && other.number === number))
          throw errors.validation(`then.${i}.number`, link.number, `then.${i}.number: ${number} is already in the chain.`);
        await requireExternal(unit.trx, networkId, number, `then.${i}.number`);
        then.push({ kind: 'external_number', number });
      }
    }
    const chain = { then, noAnswerSeconds };
    const tenant = { ...current.tenant, continuity: { ...current.tenant.continuity, chain } };
    // C9: a tenant in continuity keeps a destination for every number.
    if (tenant.continuity.enabled) {
      const agents = await voiceAgentsByTenant(unit.trx, networkId, [tenantId]);
      const missing = defaultDestinationResolves(tenant, firstUsableVoiceAgent(tenant, agents.get(tenantId) ?? []))
        ? []
        : ((await numbersWithoutException(unit.trx, networkId, [tenantId])).get(tenantId) ?? []);
      if (missing.length > 0)
        throw errors.conflict(
          'continuity_destination_missing',
          'then',
          input,
          `then: ${tenant.name} is in Call Continuity, and without this chain ${missing.length} tracking number(s) would have no destination (${missing.slice(0, 5).join(', ')}).`,
        );
    }
    const result = await updateTenant(unit.trx, networkId, tenantId, 'continuity', expectedVersion, tenant);
    return {
      result,
      touched: { tenants: [tenantId] },
      audit: {
        action: 'continuity.chain',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: current.tenant.continuity.chain ?? { then: [], noAnswerSeconds: NO_ANSWER_SECONDS.default },
        after: chain,
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

/** C5: "Voice Agent" only while voice agents are enabled on both sides and the tenant has one. */
async function requireVoiceAgent(db: Executor, networkId: string, tenant: Tenant, field: string): Promise<void> {
  const agents = await voiceAgentsByTenant(db, networkId, [tenant.id]);
  const availability = firstUsableVoiceAgent(tenant, agents.get(tenant.id) ?? []);
  if (availability.usable) return;
  const why =
    availability.why === 'not_enabled_on_both_sides'
      ? 'voice agents are not enabled in both the contact center and the core for this tenant'
      : 'the tenant has no enabled voice agent';
  throw errors.validation(field, 'voice_agent', `${field}: "Voice Agent" cannot be chosen: ${why}.`, 'voice_agent_unavailable');
}

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
