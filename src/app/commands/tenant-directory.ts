/** Tenants of the network, the network administrator's: created (C1: continuity off, no destination yet) and changed. */
import { Type } from 'typebox';
import { parseTimeZone } from '../../domain/time-zone.js';
import type { ContinuityDefault } from '../../domain/model.js';
import { errors } from '../../shared/errors.js';
import { insertTenant } from '../../store/directory.repository.js';
import { getTenant, updateTenant } from '../../store/tenants.repository.js';
import * as directory from '../policies/directory.policy.js';
import { CoreRecordingSchema, Id, Name, Version } from '../schemas.js';
import { defineCommand } from './command.js';

const VoiceAgentsEnabled = Type.Object({ contactCenter: Type.Boolean(), core: Type.Boolean() }, { additionalProperties: false });

export const createTenant = defineCommand({
  name: 'tenant.create',
  input: Type.Object(
    {
      name: Name,
      contactCenterActive: Type.Optional(Type.Boolean()),
      timeZone: Type.Optional(Type.String({ maxLength: 64 })),
      voiceAgentsEnabled: Type.Optional(VoiceAgentsEnabled),
      coreRecording: Type.Optional(CoreRecordingSchema),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => directory.can(actor, 'manage_tenants', { networkId }),
  refusal: 'create tenants',
  handle: async (unit, input, networkId) => {
    const tenant = {
      name: input.name.trim(),
      contactCenterActive: input.contactCenterActive ?? true,
      ...(input.timeZone === undefined ? {} : { timeZone: parseTimeZone(input.timeZone, 'timeZone') }),
      voiceAgentsEnabled: input.voiceAgentsEnabled ?? { contactCenter: false, core: false },
      coreRecording: input.coreRecording ?? { inbound: 'automatic', outbound: 'automatic' },
      // C1: off, and no destination until an administrator picks one.
      continuity: { enabled: false, defaultDestination: null as ContinuityDefault | null },
    } as const;
    const id = await insertTenant(unit.trx, networkId, tenant);
    return {
      result: { id, version: 1 },
      touched: { tenants: [id] },
      audit: { action: 'tenant.create', resourceType: 'tenant', resourceId: id, tenantIds: [id], before: null, after: tenant },
    };
  },
});

export const updateTenantDetails = defineCommand({
  name: 'tenant.update',
  input: Type.Object(
    {
      tenantId: Id,
      expectedVersion: Version,
      name: Type.Optional(Name),
      contactCenterActive: Type.Optional(Type.Boolean()),
      timeZone: Type.Optional(Type.String({ maxLength: 64 })),
      voiceAgentsEnabled: Type.Optional(VoiceAgentsEnabled),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => directory.can(actor, 'manage_tenants', { networkId }),
  refusal: 'change tenants',
  handle: async (unit, { tenantId, expectedVersion, ...patch }, networkId) => {
    const current = await getTenant(unit.trx, networkId, tenantId);
    if (current === undefined) throw errors.notFound('tenant', tenantId);
    const next = {
      ...current.tenant,
      ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
      ...(patch.contactCenterActive === undefined ? {} : { contactCenterActive: patch.contactCenterActive }),
      ...(patch.timeZone === undefined ? {} : { timeZone: parseTimeZone(patch.timeZone, 'timeZone') }),
      ...(patch.voiceAgentsEnabled === undefined ? {} : { voiceAgentsEnabled: patch.voiceAgentsEnabled }),
    };
    const updated = await updateTenant(unit.trx, networkId, tenantId, 'details', expectedVersion, next);
    return {
      result: { id: tenantId, version: updated.version },
      touched: { tenants: [tenantId] },
      audit: {
        action: 'tenant.update',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: current.tenant,
        after: next,
      },
    };
  },
});
