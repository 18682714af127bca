/**
 * B10: how long a tenant keeps each kind of recording, legal holds placed and lifted, and every
 * listen or download of a recording: each one audited (who, and from where: the audit entry's
 * client address).
 */
import { Type } from 'typebox';
import { RETENTION_DAYS, type RecordingRetention } from '../../domain/retention.js';
import { parsePhoneNumber } from '../../domain/phone-number.js';
import { errors } from '../../shared/errors.js';
import { auditedSince } from '../../store/audit.repository.js';
import { insertHold, liftHold } from '../../store/legal-holds.repository.js';
import { getTenant, updateTenant } from '../../store/tenants.repository.js';
import { isNetworkAdmin, inNetwork } from '../policies/actor.js';
import * as tenants from '../policies/tenant.policy.js';
import { Id, Version } from '../schemas.js';
import { defineCommand } from './command.js';

const Days = Type.Union([Type.Integer({ minimum: RETENTION_DAYS.min, maximum: RETENTION_DAYS.max }), Type.Null()], {
  description: 'days kept; null: for ever',
});
export const RetentionSchema = Type.Object(
  { queue: Days, individual: Days, voice_agent: Days, continuity: Days },
  { additionalProperties: false },
);
const Reason = Type.String({ minLength: 1, maxLength: 500 });

export const updateRetention = defineCommand({
  name: 'tenant.recording_retention',
  input: Type.Object({ tenantId: Id, expectedVersion: Version, retention: RetentionSchema }, { additionalProperties: false }),
  allowed: (actor, networkId, { tenantId }) => tenants.can(actor, 'edit_core_recording', { networkId, tenantId }),
  refusal: "change how long this tenant's recordings are kept (needs phone_settings)",
  handle: async (unit, { tenantId, expectedVersion, retention }, networkId) => {
    const before = await getTenant(unit.trx, networkId, tenantId);
    if (before === undefined) throw errors.notFound('tenant', tenantId);
    const { recordingRetention: previous, ...rest } = before.tenant;
    const forever = Object.values(retention).every((days) => days === null);
    const tenant = forever ? rest : { ...rest, recordingRetention: retention as RecordingRetention };
    const result = await updateTenant(unit.trx, networkId, tenantId, 'core_recording', expectedVersion, tenant);
    return {
      result,
      touched: { tenants: [tenantId] },
      audit: {
        action: 'tenant.recording_retention',
        resourceType: 'tenant',
        resourceId: tenantId,
        tenantIds: [tenantId],
        before: previous ?? null,
        after: retention,
      },
    };
  },
});

const HOLD_REFUSAL = 'place or lift legal holds (network administrators only)';

export const placeHold = defineCommand({
  name: 'legal_hold.place',
  input: Type.Object(
    {
      kind: Type.Union([Type.Literal('call'), Type.Literal('caller'), Type.Literal('tenant')]),
      value: Type.String({ minLength: 1, maxLength: 200, description: "the call log entry's id, the caller's number, or the tenant's id" }),
      reason: Reason,
      placedBy: Type.String({ minLength: 1, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => isNetworkAdmin(actor, networkId),
  refusal: HOLD_REFUSAL,
  handle: async (unit, { kind, value, reason, placedBy }, networkId) => {
    let held = value;
    if (kind === 'caller') held = parsePhoneNumber(value, 'value');
    if (kind === 'tenant' && (await getTenant(unit.trx, networkId, value)) === undefined)
      throw errors.validation('value', value, `value: no tenant "${value}" in this network.`);
    if (kind === 'call') {
      const call = await unit.trx
        .selectFrom('call_log')
        .select('id')
        .where('network_id', '=', networkId)
        .where('id', '=', value)
        .executeTakeFirst();
      if (call === undefined) throw errors.validation('value', value, `value: no call "${value}" in this network's call log.`);
    }
    const hold = await insertHold(unit.trx, networkId, { kind, value: held, reason, placedBy });
    return {
      result: hold,
      touched: null,
      audit: {
        action: 'legal_hold.place',
        resourceType: 'legal_hold',
        resourceId: hold.id,
        tenantIds: kind === 'tenant' ? [held] : [],
        before: null,
        after: { kind, value: held, reason },
      },
    };
  },
});

export const liftLegalHold = defineCommand({
  name: 'legal_hold.lift',
  input: Type.Object(
    { holdId: Type.String({ minLength: 1, maxLength: 60 }), reason: Reason, liftedBy: Type.String({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => isNetworkAdmin(actor, networkId),
  refusal: HOLD_REFUSAL,
  handle: async (unit, { holdId, reason, liftedBy }, networkId) => {
    const hold = await liftHold(unit.trx, networkId, holdId, { by: liftedBy, reason });
    if (hold === undefined) throw errors.notFound('legal hold in force', holdId);
    return {
      result: hold,
      touched: null,
      audit: {
        action: 'legal_hold.lift',
        resourceType: 'legal_hold',
        resourceId: hold.id,
        tenantIds: hold.kind === 'tenant' ? [hold.value] : [],
        before: { kind: hold.kind, value: hold.value, reason: hold.reason },
        after: { reason },
      },
    };
  },
});

/** A player's further requests within this long of a listen (or a download) are that listen, not another. */
export const SAME_LISTEN_MINUTES = 10;

/**
 * B10: a recording listened to or downloaded: who, and from where (the entry's client address).
 * Nothing changes. `continued`: the request asks for the audio past its start (a player resuming
 * or seeking): not another entry when the same person already has one on it from the last
 * minutes; audited like any other otherwise (the rest of a recording is never had unaudited).
 */
export const recordRecordingAccess = defineCommand({
  name: 'recording.access',
  input: Type.Object(
    {
      recordingId: Type.String({ minLength: 1, maxLength: 60 }),
      tenantId: Type.Union([Type.String(), Type.Null()]),
      how: Type.Union([Type.Literal('listen'), Type.Literal('download')]),
      continued: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  // Whether the caller may hear it was decided on the recording itself, before this runs.
  allowed: (actor, networkId) => inNetwork(actor, networkId),
  refusal: 'listen to recordings',
  handle: async (unit, { recordingId, tenantId, how, continued }, networkId) => {
    const action = how === 'listen' ? 'recording.listened' : 'recording.downloaded';
    const userId = unit.actor.userId;
    if (
      continued === true &&
      userId !== null &&
      (await auditedSince(unit.trx, networkId, { userId, action, resourceId: recordingId }, Date.now() - SAME_LISTEN_MINUTES * 60_000))
    )
      return { result: null, touched: null, audit: null };
    return {
      result: null,
      touched: null,
      audit: {
        action,
        resourceType: 'recording',
        resourceId: recordingId,
        tenantIds: tenantId === null ? [] : [tenantId],
        before: null,
        after: null,
      },
    };
  },
});
