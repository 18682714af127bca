/**
 * A tenant's tracking numbers (phone_settings on the tenant): added with their workflow and
 * optional continuity number (C6), re-routed, removed. `tenantId` names the tenant the number is
 * (to be) of: the policy's subject, checked against the number itself.
 */
import { Type } from 'typebox';
import { parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import { errors } from '../../shared/errors.js';
import { deleteVersioned, insertTrackingNumber, updateWorkflow } from '../../store/directory.repository.js';
import type { Executor } from '../../store/db.js';
import { getTenant } from '../../store/tenants.repository.js';
import { getTrackingNumber, type TrackingNumberRecord } from '../../store/tracking-numbers.repository.js';
import * as directory from '../policies/directory.policy.js';
import { Id, PhoneInput, Version } from '../schemas.js';
import { defineCommand } from './command.js';
import { requireExternal } from './continuity-settings.js';
import { requireFree, resolveWorkflow, WorkflowSchema } from './directory-rules.js';

const manageNumbers = (actor: Parameters<typeof directory.can>[0], networkId: string, { tenantId }: { tenantId: string }) =>
  directory.can(actor, 'manage_numbers', { networkId, tenantId });
const REFUSAL = "manage this tenant's phone numbers (needs phone_settings)";

async function numberOf(db: Executor, networkId: string, tenantId: string, trackingNumberId: string): Promise<TrackingNumberRecord> {
  const current = await getTrackingNumber(db, networkId, trackingNumberId);
  if (current === undefined || current.trackingNumber.tenantId !== tenantId) throw errors.notFound('tracking number', trackingNumberId);
  return current;
}

export const createTrackingNumber = defineCommand({
  name: 'tracking_number.create',
  input: Type.Object(
    { tenantId: Id, number: PhoneInput, workflow: WorkflowSchema, continuityNumber: Type.Optional(Type.Union([PhoneInput, Type.Null()])) },
    { additionalProperties: false },
  ),
  allowed: manageNumbers,
  refusal: REFUSAL,
  handle: async (unit, input, networkId) => {
    const db = unit.trx;
    if ((await getTenant(db, networkId, input.tenantId)) === undefined)
      throw errors.validation('tenantId', input.tenantId, `tenantId: no tenant "${input.tenantId}" in this network.`);
    const number = parsePhoneNumber(input.number, 'number');
    await requireFree(db, networkId, number, 'number');
    const workflow = await resolveWorkflow(db, networkId, input.tenantId, input.workflow);
    let continuityNumber: E164 | null = null;
    if (input.continuityNumber !== undefined && input.continuityNumber !== null) {
      continuityNumber = parsePhoneNumber(input.continuityNumber, 'continuityNumber');
      await requireExternal(db, networkId, continuityNumber, 'continuityNumber', number);
    }
    const created = { tenantId: input.tenantId, number, workflow, continuityNumber };
    const id = await insertTrackingNumber(db, networkId, created);
    return {
      result: { id, version: 1 },
      touched: { trackingNumbers: [number] },
      audit: {
        action: 'tracking_number.create',
        resourceType: 'tracking_number',
        resourceId: id,
        tenantIds: [input.tenantId],
        before: null,
        after: created,
      },
    };
  },
});

export const changeWorkflow = defineCommand({
  name: 'tracking_number.workflow',
  input: Type.Object(
    { tenantId: Id, trackingNumberId: Id, expectedVersion: Version, workflow: WorkflowSchema },
    { additionalProperties: false },
  ),
  allowed: manageNumbers,
  refusal: REFUSAL,
  handle: async (unit, { tenantId, trackingNumberId, expectedVersion, workflow: input }, networkId) => {
    const current = await numberOf(unit.trx, networkId, tenantId, trackingNumberId);
    const workflow = await resolveWorkflow(unit.trx, networkId, tenantId, input);
    const version = await updateWorkflow(unit.trx, networkId, trackingNumberId, expectedVersion, workflow);
    return {
      result: { id: trackingNumberId, version },
      touched: { trackingNumbers: [current.trackingNumber.number] },
      audit: {
        action: 'tracking_number.workflow',
        resourceType: 'tracking_number',
        resourceId: trackingNumberId,
        tenantIds: [tenantId],
        before: current.trackingNumber.workflow,
        after: workflow,
      },
    };
  },
});

export const deleteTrackingNumber = defineCommand({
  name: 'tracking_number.delete',
  input: Type.Object({ tenantId: Id, trackingNumberId: Id, expectedVersion: Version }, { additionalProperties: false }),
  allowed: manageNumbers,
  refusal: REFUSAL,
  handle: async (unit, { tenantId, trackingNumberId, expectedVersion }, networkId) => {
    const current = await numberOf(unit.trx, networkId, tenantId, trackingNumberId);
    await deleteVersioned(unit.trx, 'tracking_numbers', networkId, trackingNumberId, expectedVersion);
    return {
      result: undefined,
      touched: { trackingNumbers: [current.trackingNumber.number] },
      audit: {
        action: 'tracking_number.delete',
        resourceType: 'tracking_number',
        resourceId: trackingNumberId,
        tenantIds: [tenantId],
        before: current.trackingNumber,
        after: null,
      },
    };
  },
});
