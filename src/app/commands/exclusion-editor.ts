/** X1, X4: add one entry to the exclusion list, or delete one. Each is audited (C15); R17 guards both. */
import { Type } from 'typebox';
import { parseExclusionEntry } from '../../domain/phone-number.js';
import { errors } from '../../shared/errors.js';
import { addExclusion, removeExclusion } from '../../store/exclusions.repository.js';
import * as recording from '../policies/recording.policy.js';
import { defineCommand } from './command.js';

const EDIT = 'change the exclusion list (needs edit_call_recording_settings)';

export const addExclusionEntry = defineCommand({
  name: 'exclusions.add',
  input: Type.Object({ entry: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
  allowed: (actor, networkId) => recording.can(actor, 'edit', { networkId }),
  refusal: EDIT,
  handle: async (unit, { entry: input }, networkId) => {
    const entry = parseExclusionEntry(input, 'entry');
    const value = entry.kind === 'number' ? entry.number : entry.areaCode;
    if (!(await addExclusion(unit.trx, networkId, entry)))
      throw errors.conflict('exclusion_exists', 'entry', input, `entry: ${value} is already on the exclusion list.`);
    const added = { kind: entry.kind, value };
    return {
      result: added,
      touched: { exclusions: [value] },
      audit: { action: 'exclusions.add', resourceType: 'exclusion', resourceId: value, tenantIds: [], before: null, after: added },
    };
  },
});

export const removeExclusionEntry = defineCommand({
  name: 'exclusions.remove',
  input: Type.Object({ value: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
  allowed: (actor, networkId) => recording.can(actor, 'edit', { networkId }),
  refusal: EDIT,
  handle: async (unit, { value }, networkId) => {
    if (!(await removeExclusion(unit.trx, networkId, value))) throw errors.notFound('exclusion list entry', value);
    return {
      result: undefined,
      touched: { exclusions: [value] },
      audit: { action: 'exclusions.remove', resourceType: 'exclusion', resourceId: value, tenantIds: [], before: { value }, after: null },
    };
  },
});
