/**
 * B1: runs each continuity schedule once, when due, on exactly one node. One node at a time looks
 * (a PostgreSQL advisory lock, as the other single-owner jobs; the one node on SQLite), and a run
 * marks its schedule done in the transaction of the change it makes, so even two runners could
 * not both apply it. It looks at start, so a schedule missed while every node was down runs then,
 * with how late it ran in its audit entry. A scheduled switch runs as the person who set it, with
 * their permissions as they are when it runs; one that cannot run (refused, its tenant gone) is
 * marked failed with why, and audited.
 */
import { AppError } from '../shared/errors.js';
import { claimSchedule, dueSchedules, failSchedule, type Schedule } from '../store/schedules.repository.js';
import { getUser } from '../store/users.repository.js';
import { write } from '../store/unit-of-work.js';
import type { Application } from './application.js';
import type { By } from './commands/command.js';
import { runStored, switchOutcome } from './commands/registry.js';

export const SCHEDULE_TICK_MS = 5_000;
const JOB = 'switchboard:continuity-schedules';
const BATCH = 100;

/** Another runner applied the schedule first: this run's change is rolled back. */
class AlreadyRun extends Error {}

export interface ScheduleRun {
  readonly ran: readonly string[];
  readonly failed: readonly string[];
}

/** Runs every schedule due at `now`, oldest first, once each; nothing when another node holds the job. */
export async function runDueSchedules(app: Application, now = new Date()): Promise<ScheduleRun> {
  const { store } = app;
  if (store.feed.shared && !(await store.feed.tryLock(JOB))) return { ran: [], failed: [] };
  const ran: string[] = [];
  const failed: string[] = [];
  for (const schedule of await dueSchedules(store.db, now.toISOString(), BATCH)) {
    const lateSeconds = Math.max(0, Math.round((now.getTime() - Date.parse(schedule.runAt)) / 1000));
    const note = { scheduledFor: schedule.runAt, lateSeconds, scheduledBy: schedule.requestedBy.name };
    try {
      await runStored(
        app,
        { name: schedule.command, networkId: schedule.networkId, input: schedule.input },
        await runnerOf(app, schedule),
        {
          auditNote: note,
          within: async (unit, result) => {
            if (!(await claimSchedule(unit.trx, schedule.id, now.toISOString(), switchOutcome(result)))) throw new AlreadyRun();
          },
        },
      );
      ran.push(schedule.id);
    } catch (error) {
      if (error instanceof AlreadyRun) continue;
      await recordFailure(app, schedule, now, error, note);
      failed.push(schedule.id);
    }
  }
  return { ran, failed };
}

/**
 * The person who set the schedule, as they are now (a removed person's schedule cannot run); the
 * operator's command line (no person) runs as itself.
 */
async function runnerOf(app: Application, schedule: Schedule): Promise<By> {
  if (schedule.requestedBy.userId === null) return { kind: 'system', name: schedule.requestedBy.name };
  const user = await getUser(app.store.db, schedule.requestedBy.userId);
  if (user === undefined || user.networkId !== schedule.networkId)
    throw new AppError(403, 'scheduler_gone', `${schedule.requestedBy.name}, who set this schedule, can no longer switch Call Continuity.`);
  return { kind: 'person', actor: { ...user, via: 'token', csrfToken: null }, source: 'schedule', address: null };
}

async function recordFailure(
  app: Application,
  schedule: Schedule,
  now: Date,
  error: unknown,
  note: Record<string, unknown>,
): Promise<void> {
  const why =
    error instanceof AppError
      ? { code: error.code, message: error.message }
      : { code: 'internal', message: 'the switch could not be made' };
  await write(app.store, { userId: null, name: 'Call Continuity schedule', source: 'schedule' }, async (unit) => {
    await failSchedule(unit.trx, schedule.id, now.toISOString(), why);
    await unit.audit(schedule.networkId, {
      action: 'continuity.schedule_failed',
      resourceType: schedule.tenantId === null ? 'network' : 'tenant',
      resourceId: schedule.tenantId ?? schedule.networkId,
      tenantIds: schedule.tenantId === null ? [] : [schedule.tenantId],
      before: { enabled: schedule.enabled, runAt: schedule.runAt },
      after: { failed: why.message, ...note },
    });
  });
}

/** Looks now (a schedule missed while every node was down) and every SCHEDULE_TICK_MS until stopped. */
export function startScheduleRunner(app: Application, onError: (error: unknown) => void, every = SCHEDULE_TICK_MS): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    void runDueSchedules(app)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, every);
  timer.unref();
  return () => clearInterval(timer);
}
