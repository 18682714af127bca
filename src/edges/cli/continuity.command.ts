/**
 * B1 from the operator's command line: `continuity schedule`, `continuity schedules` and
 * `continuity unschedule`. The same commands as the API's; a schedule made here runs as the
 * command line (audited as such) when it is due.
 */
import { changeSchedule, scheduleContinuity } from '../../app/commands/continuity-schedules.js';
import { networkIdOf } from '../../app/admin.js';
import { networkSchedules } from '../../app/queries/continuity.queries.js';
import type { By } from '../../app/commands/command.js';
import type { ParsedArgs } from './args.js';
import { withApp } from './admin.commands.js';
import { UsageError } from './usage-error.js';

const CLI: By = { kind: 'system', name: 'command line' };

/** A time as given (ISO 8601, with an offset or Z) as an instant; a clear usage error otherwise. */
function instant(args: ParsedArgs, name: string): string | undefined {
  const value = args.value(name);
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/[zZ]|[+-]\d\d:?\d\d$/.test(value.trim()))
    throw new UsageError(
      `--${name} ${JSON.stringify(value)}: give a time with its offset, e.g. 2026-12-24T18:00:00-08:00 or 2026-12-25T02:00:00Z`,
    );
  return new Date(at).toISOString();
}

function network(args: ParsedArgs): string {
  const value = args.value('network');
  if (value === undefined || value.trim() === '') throw new UsageError('--network is required');
  return value.trim();
}

/** `continuity schedule --network ID (--tenant ID | --all) [--on TIME] [--off TIME]` */
export async function scheduleCommand(args: ParsedArgs): Promise<string> {
  const tenant = args.value('tenant');
  const all = args.flag('all');
  if ((tenant === undefined) === !all) throw new UsageError('give one of --tenant ID or --all (every tenant, as Turn On / Off For All)');
  const onAt = instant(args, 'on');
  const offAt = instant(args, 'off');
  if (onAt === undefined && offAt === undefined) throw new UsageError('give --on TIME, --off TIME, or both');
  return withApp(async (app) => {
    const networkId = await networkIdOf(app, network(args));
    const made = await app.commands.run(scheduleContinuity, networkId, CLI, {
      tenantId: all ? null : tenant!.trim(),
      ...(onAt === undefined ? {} : { onAt }),
      ...(offAt === undefined ? {} : { offAt }),
      requestedAt: new Date().toISOString(),
    });
    return made
      .map((s) => `Scheduled ${s.id}: Call Continuity ${s.enabled ? 'on' : 'off'} for ${s.tenantId ?? 'all tenants'} at ${s.runAt}.`)
      .join('\n');
  });
}

/** `continuity schedules --network ID`: the pending schedules, soonest first. */
export async function schedulesCommand(args: ParsedArgs): Promise<string> {
  return withApp(async (app) => {
    const schedules = await networkSchedules(app, await networkIdOf(app, network(args)));
    if (schedules.length === 0) return 'No pending schedules.';
    return schedules
      .map((s) => `${s.id}  ${s.runAt}  ${s.enabled ? 'on ' : 'off'}  ${s.tenantId ?? 'all tenants'}  (set by ${s.requestedBy.name})`)
      .join('\n');
  });
}

/** `continuity unschedule --network ID SCHEDULE_ID`: cancels a pending schedule. */
export async function unscheduleCommand(args: ParsedArgs): Promise<string> {
  const [scheduleId, ...extra] = args.positional;
  if (scheduleId === undefined || extra.length > 0)
    throw new UsageError('usage: switchboard continuity unschedule --network ID SCHEDULE_ID (ids from continuity schedules)');
  return withApp(async (app) => {
    const networkId = await networkIdOf(app, network(args));
    const schedule = (await networkSchedules(app, networkId)).find((s) => s.id === scheduleId);
    if (schedule === undefined) throw new UsageError(`no pending schedule ${JSON.stringify(scheduleId)} in network ${networkId}`);
    await app.commands.run(changeSchedule, networkId, CLI, {
      scheduleId,
      tenantId: schedule.tenantId,
      expectedVersion: schedule.version,
      cancel: true,
      requestedAt: new Date().toISOString(),
    });
    return `Cancelled ${scheduleId} (Call Continuity ${schedule.enabled ? 'on' : 'off'} for ${schedule.tenantId ?? 'all tenants'} at ${schedule.runAt}).`;
  });
}
