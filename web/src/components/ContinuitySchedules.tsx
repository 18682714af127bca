/**
 * B1 on screen: what is scheduled for a tenant (or for every tenant) with the time remaining, a
 * way to cancel it, and the dialog that schedules Call Continuity on at a time and off at a time
 * ("valid until"). Times are entered and shown in the browser's time zone.
 */
import { Anchor, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { useCancelSchedule, useSchedule, type ContinuitySchedule } from '../api/continuity';
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

const when = (iso: string) =>
  new Date(iso).toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** The clock the "time remaining" follows, a minute at a time. */
function useNow(): number {
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
}: {
  schedules: readonly ContinuitySchedule[];
  /** Whose schedules, for the list's name ("Sunrise Plumbing", "all tenants"). */
  label: string;
  canChange: boolean;
}) {
  const now = useNow();
  const cancel = useCancelSchedule();
  if (schedules.length === 0) return null;
  return (
    <Stack gap={2}>
      <List size="xs" spacing={2} aria-label={`Scheduled for ${label}`} data-testid="scheduled">
        {schedules.map((s) => (
          <List.Item key={s.id}>
            <Text span size="xs">
              {s.enabled ? 'On' : 'Off'} at {when(s.runAt)} ({remaining(s.runAt, now)})
            </Text>{' '}
            {canChange && (
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => cancel.mutate(s)}
                aria-label={`Cancel: ${s.enabled ? 'on' : 'off'} at ${when(s.runAt)} for ${label}`}
              >
                Cancel
              </Anchor>
            )}
          </List.Item>
        ))}
      </List>
      {cancel.isError && <ErrorAlert error={cancel.error} title="Not cancelled" />}
    </Stack>
  );
}

/** A datetime-local value (the browser's time) as an instant, or undefined when empty. */
const instant = (local: string): string | undefined => (local === '' ? undefined : new Date(local).toISOString());

export function ScheduleDialog({
  opened,
  onClose,
  tenantId,
  label,
}: {
  opened: boolean;
  onClose: () => void;
  /** Null: every tenant (Turn On / Off For All at a time). */
  tenantId: string | null;
  label: string;
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
    const on = instant(onAt);
    const off = instant(offAt);
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
