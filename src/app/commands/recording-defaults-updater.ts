/** R1-R9: the network's recording defaults, changed in one audited, versioned step (R17). */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { getRecordingDefaults, updateRecordingDefaults } from '../../store/recording-defaults.repository.js';
import * as recording from '../policies/recording.policy.js';
import { RecordingDefaultsSchema, Version } from '../schemas.js';
import { defineCommand } from './command.js';

export const changeRecordingDefaults = defineCommand({
  name: 'recording_defaults.update',
  input: Type.Object({ expectedVersion: Version, defaults: RecordingDefaultsSchema }, { additionalProperties: false }),
  allowed: (actor, networkId) => recording.can(actor, 'edit', { networkId }),
  refusal: 'change recording settings (needs edit_call_recording_settings)',
  handle: async (unit, { expectedVersion, defaults }, networkId) => {
    const before = await getRecordingDefaults(unit.trx, networkId);
    if (before === undefined) throw errors.notFound('network', networkId);
    const result = await updateRecordingDefaults(unit.trx, networkId, expectedVersion, defaults);
    return {
      result,
      touched: { defaults: true },
      audit: {
        action: 'recording_defaults.update',
        resourceType: 'recording_defaults',
        resourceId: networkId,
        tenantIds: [],
        before: before.defaults,
        after: defaults,
      },
    };
  },
});
