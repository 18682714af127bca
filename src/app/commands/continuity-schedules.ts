/**
 * B1: Call Continuity switched at a time, and off again at a time ("valid until"), for one tenant
 * or all of them. A schedule is a stored command (continuity.switch, or Turn On / Off For All),
 * kept with who asked, and run once when due by one node (../schedules/schedule-runner.ts) through
 * the same runner as a switch made now. Scheduling, changing and cancelling are commands too,
 * audited, and need the permission the switch itself needs.
 */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { getTenant } from '../../store/tenants.repository.js';
import { getSchedule, insertSchedule, updatePendingSchedule, type Schedule } from '../../store/schedules.repository.js';
import { getApprovalPolicy } from '../../store/approvals.repository.js';
import type { Actor } from '../policies/actor.js';
import { needsApproval } from './approval-gate.js';
import * as continuity from '../policies/continuity.policy.js';
import { defineCommand } from './command.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const At = Type.String({ format: 'date-time', description: 'an instant, ISO 8601 with its offset (the UI sends the tenant’s local time)' });

/** How far in the past a time may be and still be taken as "now" (a clock a little behind, a slow form). */
const PAST_TOLERANCE_MS = 60_000;

const mayScheduleFor = (actor: Actor, networkId: string, tenantId: string | null): boolean =>
  tenantId === null ? continuity.can(actor, 'switch_all', { networkId }) : continuity.can(actor, 'switch', { networkId, tenantId });

/** The stored command a schedule runs: one tenant's switch, or Turn On / Off For All (unsafe tenants left off, C11). */
function storedCommand(tenantId: string | null, enabled: boolean): { command: string; input: unknown } {
  if (tenantId !== null) return { command: 'continuity.switch', input: { tenantId, enabled } };
  return enabled
    ? { command: 'continuity.turn_on_for_all', input: { includeTenantIds: [] } }
    : { command: 'continuity.turn_off_for_all', input: {} };
}

export const scheduleContinuity = defineCommand({
  name: 'continuity.schedule',
  input: Type.Object(
    {
      tenantId: Type.Union([Id, Type.Null()], { description: 'null: every tenant (Turn On / Off For All)' }),
      onAt: Type.Optional(At),
      offAt: Type.Optional(At),
      /** When the request was made (set by the edge): times before it are refused. */
      requestedAt: At,
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId, { tenantId }) => mayScheduleFor(actor, networkId, tenantId),
  refusal: 'schedule Call Continuity (needs the permission to switch it)',
  handle: async (unit, { tenantId, onAt, offAt, requestedAt }, networkId) => {
    if (onAt === undefined && offAt === undefined)
      throw errors.validation('onAt', undefined, 'onAt: give a time to switch on (onAt), off (offAt), or both.');
    const now = Date.parse(requestedAt);
    for (const [field, at] of [
      ['onAt', onAt],
      ['offAt', offAt],
    ] as const) {
      if (at !== undefined && Date.parse(at) < now - PAST_TOLERANCE_MS)
        throw errors.validation(field, at, `${field}: ${at} is in the past; switch now instead, or choose a later time.`);
    }
    if (onAt !== undefined && offAt !== undefined && Date.parse(offAt) <= Date.parse(onAt))
      throw errors.validation('offAt', offAt, `offAt: ${offAt} is not after the time to switch on (${onAt}).`);
    if (tenantId !== null && (await getTenant(unit.trx, networkId, tenantId)) === undefined) throw errors.notFound('tenant', tenantId);
    // B5: a switch that needs a second approver is not scheduled around it (decision 0123).
    const { mode } = await getApprovalPolicy(unit.trx, networkId);
    for (const [enabled, at] of [
      [true, onAt],
      [false, offAt],
    ] as const) {
      if (at !== undefined && unit.actor.source !== 'cli' && needsApproval(mode, storedCommand(tenantId, enabled).command))
        throw errors.conflict(
          'approval_required',
          enabled ? 'onAt' : 'offAt',
          at,
          `${enabled ? 'onAt' : 'offAt'}: this switch needs a second administrator's approval in this network, so it cannot be scheduled; ask for approval when it is due.`,
        );
    }
    const by = unit.actor;
    const made: Schedule[] = [];
    for (const [enabled, at] of [
      [true, onAt],
      [false, offAt],
    ] as const) {
      if (at === undefined) continue;
      made.push(
        await insertSchedule(unit.trx, {
          networkId,
          tenantId,
          enabled,
          ...storedCommand(tenantId, enabled),
          runAt: new Date(Date.parse(at)).toISOString(),
          requestedBy: { userId: by.userId, name: by.name },
          createdAt: new Date(now).toISOString(),
        }),
      );
    }
    return {
      result: made,
      touched: null,
      audit: {
        action: 'continuity.schedule',
        resourceType: tenantId === null ? 'network' : 'tenant',
        resourceId: tenantId ?? networkId,
        tenantIds: tenantId === null ? [] : [tenantId],
        before: null,
        after: { onAt: made.find((s) => s.enabled)?.runAt ?? null, offAt: made.find((s) => !s.enabled)?.runAt ?? null },
      },
    };
  },
});

/** Moves a pending schedule to another time, or cancels it (If-Match: its version). */
export const changeSchedule = defineCommand({
  name: 'continuity.schedule_change',
  input: Type.Object(
    {
      scheduleId: Id,
      expectedVersion: Type.Integer({ minimum: 1 }),
      tenantId: Type.Union([Id, Type.Null()], { description: 'the schedule’s tenant, as the caller saw it (the policy is checked on it)' }),
      runAt: Type.Optional(At),
      cancel: Type.Optional(Type.Literal(true)),
      requestedAt: At,
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId, { tenantId }) => mayScheduleFor(actor, networkId, tenantId),
  refusal: 'change a Call Continuity schedule (needs the permission to switch it)',
  handle: async (unit, { scheduleId, expectedVersion, tenantId, runAt, cancel, requestedAt }, networkId) => {
    const current = await getSchedule(unit.trx, networkId, scheduleId);
    // The tenant the policy was checked on must be the schedule's: another's is not found.
    if (current === undefined || current.tenantId !== tenantId) throw errors.notFound('schedule', scheduleId);
    if ((runAt === undefined) === (cancel === undefined))
      throw errors.validation('runAt', runAt, 'runAt: give either a new time (runAt) or cancel: true.');
    if (runAt !== undefined && Date.parse(runAt) < Date.parse(requestedAt) - PAST_TOLERANCE_MS)
      throw errors.validation('runAt', runAt, `runAt: ${runAt} is in the past; choose a later time.`);
    const updated = await updatePendingSchedule(
      unit.trx,
      networkId,
      scheduleId,
      expectedVersion,
      runAt === undefined ? { cancelled: true } : { runAt: new Date(Date.parse(runAt)).toISOString() },
    );
    return {
      result: updated,
      touched: null,
      audit: {
        action: cancel ? 'continuity.schedule_cancel' : 'continuity.schedule_change',
        resourceType: tenantId === null ? 'network' : 'tenant',
        resourceId: tenantId ?? networkId,
        tenantIds: tenantId === null ? [] : [tenantId],
        before: { enabled: current.enabled, runAt: current.runAt },
        after: cancel ? null : { enabled: updated.enabled, runAt: updated.runAt },
      },
    };
  },
});
