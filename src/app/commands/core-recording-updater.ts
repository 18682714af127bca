/** A tenant's core recording settings (L2), its recording consent policy (B7) and its longest pause (B8): each one audited, versioned change. */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { getTenant, updateTenant } from '../../store/tenants.repository.js';
import * as tenants from '../policies/tenant.policy.js';
import { CoreRecordingSchema, Id, Version } from '../schemas.js';
import { defineCommand } from './command.js';
import { MAX_PAUSE_SECONDS } from '../../domain/model.js';

export const updateCoreRecording = defineCommand({
  name: 'tenant.core_recording',
  input: Type.Object({ tenantId: Id, expectedVersion: Version, settings: CoreRecordingSchema }, { additionalProperties: false }),
  allowed: (actor, networkId, { tenantId }) => tenants.can(actor, 'edit_core_recording', { networkId, tenantId }),
  refusal: "change this tenant's core recording settings (needs phone_settings)",
  handle: async (unit, { tenantId, expectedVersion, settings }, networkId) => {
    const before = await getTenant(unit.trx, networkId, tenantId);
    if (before === undefined) throw errors.notFound('tenant', tenantId);
    const result = await updateTenant(unit.trx, networkId, tenantId, 'core_recording', expectedVersion, {
      ...before.tenant,
      coreRecording: settings,
    });
    return {
      result,
      touched: { tenants: [tenantId] },
      audit: {
        action: 'tenant.core_recording',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: before.tenant.coreRecording,
        after: settings,
      },
    };
  },
});

/** B7: whether the tenant announces recording where the caller's law asks, or on every call (stricter). */
export const updateRecordingConsent = defineCommand({
  name: 'tenant.recording_consent',
  input: Type.Object(
    {
      tenantId: Id,
      expectedVersion: Version,
      policy: Type.Union([Type.Literal('by_jurisdiction'), Type.Literal('announce_always')]),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId, { tenantId }) => tenants.can(actor, 'edit_core_recording', { networkId, tenantId }),
  refusal: "change this tenant's recording consent policy (needs phone_settings)",
  handle: async (unit, { tenantId, expectedVersion, policy }, networkId) => {
    const before = await getTenant(unit.trx, networkId, tenantId);
    if (before === undefined) throw errors.notFound('tenant', tenantId);
    const { recordingConsent: _previous, ...rest } = before.tenant;
    const tenant = policy === 'announce_always' ? { ...rest, recordingConsent: policy } : rest;
    const result = await updateTenant(unit.trx, networkId, tenantId, 'core_recording', expectedVersion, tenant);
    return {
      result,
      touched: { tenants: [tenantId] },
      audit: {
        action: 'tenant.recording_consent',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: { policy: before.tenant.recordingConsent ?? 'by_jurisdiction' },
        after: { policy },
      },
    };
  },
});

/** B8: how long a recording of the tenant's calls may stay paused before it resumes by itself. */
export const updateMaxPause = defineCommand({
  name: 'tenant.max_pause',
  input: Type.Object(
    {
      tenantId: Id,
      expectedVersion: Version,
      maxPauseSeconds: Type.Integer({ minimum: MAX_PAUSE_SECONDS.min, maximum: MAX_PAUSE_SECONDS.max }),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId, { tenantId }) => tenants.can(actor, 'edit_core_recording', { networkId, tenantId }),
  refusal: "change how long this tenant's recordings may stay paused (needs phone_settings)",
  handle: async (unit, { tenantId, expectedVersion, maxPauseSeconds }, networkId) => {
    const before = await getTenant(unit.trx, networkId, tenantId);
    if (before === undefined) throw errors.notFound('tenant', tenantId);
    const { maxPauseSeconds: previous, ...rest } = before.tenant;
    const tenant = maxPauseSeconds === MAX_PAUSE_SECONDS.default ? rest : { ...rest, maxPauseSeconds };
    const result = await updateTenant(unit.trx, networkId, tenantId, 'core_recording', expectedVersion, tenant);
    return {
      result,
      touched: { tenants: [tenantId] },
      audit: {
        action: 'tenant.max_pause',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: { maxPauseSeconds: previous ?? MAX_PAUSE_SECONDS.default },
        after: { maxPauseSeconds },
      },
    };
  },
});
