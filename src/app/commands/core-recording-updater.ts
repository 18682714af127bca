/** A tenant's core recording settings (L2): one audited, versioned change. */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { getTenant, updateTenant } from '../../store/tenants.repository.js';
import * as tenants from '../policies/tenant.policy.js';
import { CoreRecordingSchema, Id, Version } from '../schemas.js';
import { defineCommand } from './command.js';

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
