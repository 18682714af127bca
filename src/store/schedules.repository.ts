/** B1: continuity switches due at a time, each a stored command run once by one node. */
import type { Selectable } from 'kysely';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { timeOrderedId } from './ids.js';
import type { ContinuitySchedulesTable } from './schema.js';

export type ScheduleStatus = 'pending' | 'done' | 'failed' | 'cancelled';

export interface Schedule {
  readonly id: string;
  readonly networkId: string;
  /** Null: every tenant (Turn On / Off For All). */
  readonly tenantId: string | null;
  readonly enabled: boolean;
  readonly command: string;
  readonly input: unknown;
  readonly runAt: string;
  readonly status: ScheduleStatus;
  readonly requestedBy: { readonly userId: string | null; readonly name: string };
  readonly createdAt: string;
  readonly ranAt: string | null;
  readonly outcome: unknown;
  readonly version: number;
}

/** A schedule as it is set: the rest (id, status, version, when it ran) is the store's. */
export type NewSchedule = Pick<
  Schedule,
  'networkId' | 'tenantId' | 'enabled' | 'command' | 'input' | 'runAt' | 'requestedBy' | 'createdAt'
>;

const toSchedule = (row: Selectable<ContinuitySchedulesTable>): Schedule => ({
  id: row.id,
  networkId: row.network_id,
  tenantId: row.tenant_id,
  enabled: row.enabled === 1,
  command: row.command,
  input: JSON.parse(row.input),
  runAt: row.run_at,
  status: row.status as ScheduleStatus,
  requestedBy: { userId: row.requested_by_user_id, name: row.requested_by_name },
  createdAt: row.created_at,
  ranAt: row.ran_at,
  outcome: row.outcome === null ? null : JSON.parse(row.outcome),
  version: row.version,
});

export async function insertSchedule(db: Executor, schedule: NewSchedule): Promise<Schedule> {
  const row = await db
    .insertInto('continuity_schedules')
    .values({
      id: timeOrderedId(),
      network_id: schedule.networkId,
      tenant_id: schedule.tenantId,
      enabled: schedule.enabled ? 1 : 0,
      command: schedule.command,
      input: JSON.stringify(schedule.input),
      run_at: schedule.runAt,
      status: 'pending',
      requested_by_user_id: schedule.requestedBy.userId,
      requested_by_name: schedule.requestedBy.name,
      created_at: schedule.createdAt,
      ran_at: null,
      outcome: null,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSchedule(row);
}

export async function getSchedule(db: Executor, networkId: string, id: string): Promise<Schedule | undefined> {
  const row = await db
    .selectFrom('continuity_schedules')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toSchedule(row);
}

/** A network's pending schedules, soonest first (of some tenants; `null` in the list: the For All ones). */
export async function pendingSchedules(db: Executor, networkId: string, tenantIds?: readonly (string | null)[]): Promise<Schedule[]> {
  const rows = await db
    .selectFrom('continuity_schedules')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('status', '=', 'pending')
    .orderBy('run_at')
    .orderBy('id')
    .execute();
  const wanted = tenantIds === undefined ? undefined : new Set(tenantIds);
  return rows.map(toSchedule).filter((s) => wanted === undefined || wanted.has(s.tenantId));
}

/** Every network's schedules due at `now`, oldest first. */
export async function dueSchedules(db: Executor, now: string, limit: number): Promise<Schedule[]> {
  const rows = await db
    .selectFrom('continuity_schedules')
    .selectAll()
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toSchedule);
}

/**
 * Marks a pending schedule done, in the transaction of the change it makes: true when this run
 * claimed it, false when another run already did (its change is then rolled back by the caller).
 */
export async function claimSchedule(db: Executor, id: string, ranAt: string, outcome: unknown): Promise<boolean> {
  const result = await db
    .updateTable('continuity_schedules')
    .set((eb) => ({ status: 'done', ran_at: ranAt, outcome: JSON.stringify(outcome), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A pending schedule that could not run (refused, or its tenant gone): failed, with why. */
export async function failSchedule(db: Executor, id: string, ranAt: string, why: unknown): Promise<void> {
  await db
    .updateTable('continuity_schedules')
    .set((eb) => ({ status: 'failed', ran_at: ranAt, outcome: JSON.stringify(why), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Changes a pending schedule's time or cancels it, if its version is still `expectedVersion` (412 otherwise; 404: not pending). */
export async function updatePendingSchedule(
  db: Executor,
  networkId: string,
  id: string,
  expectedVersion: number,
  change: { readonly runAt: string } | { readonly cancelled: true },
): Promise<Schedule> {
  const row = await db
    .updateTable('continuity_schedules')
    .set((eb) => ({
      ...('runAt' in change ? { run_at: change.runAt } : { status: 'cancelled' }),
      version: eb('version', '+', 1),
    }))
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row !== undefined) return toSchedule(row);
  const current = await getSchedule(db, networkId, id);
  if (current === undefined || current.status !== 'pending') throw errors.notFound('pending schedule', id);
  throw errors.stale('schedule', expectedVersion, current.version);
}
