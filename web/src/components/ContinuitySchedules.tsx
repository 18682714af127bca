/**
 * B1 on screen: what is scheduled for a tenant (or for every tenant) with the time remaining, a
 * way to cancel it, and the dialog that schedules Call Continuity on at a time and off at a time
 * ("valid until"). A tenant's times are entered and shown in the tenant's time zone; those for
 * every tenant in the browser's.
 */
import { Anchor, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { useCancelSchedule, useMoveSchedule, useSchedule, type ContinuitySchedule } from '../api/continuity';
import { Dialog } from './Dialog';
import { ErrorAlert, fieldError, formError } from './QueryState';

/** "in 2 h 10 min", "in 5 min", "due now". */
export function remaining(runAt: string, now: number): string {
  const minutes = Math.round((Date.parse(runAt) - now) / 60_000);
  if (minutes <= 0) return 'due now';
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `in ${minutes} min`;
  if (hours < 48) return `in ${hours} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
  return `in ${Math.round(hours / 24)} days`;
}

/** The browser's own time zone (the For All schedules are read in it). */
export const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const when = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString([], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - (ms - (ms % 1000));
}

/** A wall-clock time typed for `timeZone` (a datetime-local value) as an instant (ISO 8601, UTC). */
export function zonedInstant(local: string, timeZone: string): string {
  const [date = '', time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Twice: the offset at the first guess may differ across a daylight-saving change.
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone)).toISOString();
}

/** The clock the "time remaining" follows, a minute at a time. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  const interval = useInterval(() => setNow(Date.now()), 30_000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  return now;
}

export function ScheduledList({
  schedules,
  label,
  canChange,
  timeZone,
}: {
  schedules: readonly ContinuitySchedule[];
  /** Whose schedules, for the list's name ("Sunrise Plumbing", "all tenants"). */
  label: string;
  canChange: boolean;
  /** The zone the times are shown in (the tenant's). */
  timeZone: string;
}) {
  const now = useNow();
  const cancel = useCancelSchedule();
  const [moving, setMoving] = useState<ContinuitySchedule | null>(null);
  if (schedules.length === 0) return null;
  return (
    <Stack gap={2}>
      <List size="xs" spacing={2} aria-label={`Scheduled for ${label}`} data-testid="scheduled">
        {schedules.map((s) => (
          <List.Item key={s.id}>
            <Text span size="xs">
              {s.enabled ? 'On' : 'Off'} at {when(s.runAt, timeZone)} ({remaining(s.runAt, now)})
            </Text>{' '}
            {canChange && (
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => cancel.mutate(s)}
                aria-label={`Cancel: ${s.enabled ? 'on' : 'off'} at ${when(s.runAt, timeZone)} for ${label}`}
              >
                Cancel
              </Anchor>
            )}{' '}
            {canChange && (
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => setMoving(s)}
                aria-label={`Move: ${s.enabled ? 'on' : 'off'} at ${when(s.runAt, timeZone)} for ${label}`}
              >
                Move
              </Anchor>
            )}
          </List.Item>
        ))}
      </List>
      {cancel.isError && <ErrorAlert error={cancel.error} title="Not cancelled" />}
      <MoveDialog schedule={moving} onClose={() => setMoving(null)} label={label} timeZone={timeZone} />
    </Stack>
  );
}

export function ScheduleDialog({
  opened,
  onClose,
  tenantId,
  label,
  timeZone,
}: {
  opened: boolean;
  onClose: () => void;
  /** Null: every tenant (Turn On / Off For All at a time). */
  tenantId: string | null;
  label: string;
  /** The zone the times are typed in (the tenant's). */
  timeZone: string;
}) {
  const [onAt, setOnAt] = useState('');
  const [offAt, setOffAt] = useState('');
  const save = useSchedule();
  const close = () => {
    setOnAt('');
    setOffAt('');
    save.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const on = onAt === '' ? undefined : zonedInstant(onAt, timeZone);
    const off = offAt === '' ? undefined : zonedInstant(offAt, timeZone);
    save.mutate(
      { tenantId, ...(on === undefined ? {} : { onAt: on }), ...(off === undefined ? {} : { offAt: off }) },
      { onSuccess: close },
    );
  };
  return (
    <Dialog opened={opened} onClose={close} title={`Schedule Call Continuity for ${label}`}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">
            Switch on at a time, off at a time (&quot;valid until&quot;), or both. Leave one empty to schedule only the other; a tenant
            already on can be given only an end.
            {tenantId === null && ' Tenants that are not safe to switch on stay off, as with Turn On For All.'}
          </Text>
          <Text size="sm" c="dimmed" data-testid="schedule-time-zone">
            Times in {timeZone}
            {tenantId === null ? ' (this browser’s time zone)' : ` (${label}’s time zone)`}.
          </Text>
          <TextInput
            type="datetime-local"
            label="Switch on at"
            value={onAt}
            onChange={(e) => setOnAt(e.currentTarget.value)}
            error={fieldError(save.error, 'onAt')}
          />
          <TextInput
            type="datetime-local"
            label="Switch off at (valid until)"
            value={offAt}
            onChange={(e) => setOffAt(e.currentTarget.value)}
            error={fieldError(save.error, 'offAt')}
          />
          {formError(save.error, ['onAt', 'offAt']) !== undefined && <ErrorAlert error={save.error} title="Not scheduled" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={onAt === '' && offAt === ''}>
              Schedule
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** Moves a pending schedule to another time, typed in the same zone. */
function MoveDialog({
  schedule,
  onClose,
  label,
  timeZone,
}: {
  schedule: ContinuitySchedule | null;
  onClose: () => void;
  label: string;
  timeZone: string;
}) {
  const [at, setAt] = useState('');
  const move = useMoveSchedule();
  const close = () => {
    setAt('');
    move.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (schedule !== null && at !== '') move.mutate({ schedule, runAt: zonedInstant(at, timeZone) }, { onSuccess: close });
  };
  return (
    <Dialog
      opened={schedule !== null}
      onClose={close}
      title={`Move: Call Continuity ${schedule?.enabled === false ? 'off' : 'on'} for ${label}`}
    >
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">
            Now {schedule === null ? '' : when(schedule.runAt, timeZone)}. Times in {timeZone}.
          </Text>
          <TextInput
            type="datetime-local"
            label="New time"
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
            error={fieldError(move.error, 'runAt')}
          />
          {formError(move.error, ['runAt']) !== undefined && <ErrorAlert error={move.error} title="Not moved" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={move.isPending} disabled={at === ''}>
              Move
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
