/**
 * B4 on screen: a tenant's continuity drill. While it runs: its test callers and the time left,
 * with End drill; otherwise (continuity off, the person may switch it) a form to start one: the
 * test caller numbers and how long it lasts (it ends by itself then).
 */
import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useEndDrill, useStartDrill } from '../api/continuity';
import { remaining, useNow } from './ContinuitySchedules';
import { formatNumber } from './labels';
import { ErrorAlert, fieldError, formError } from './QueryState';

const DURATIONS = [
  { value: '15', label: '15 minutes' },
  { value: '30', label: '30 minutes' },
  { value: '60', label: '1 hour' },
  { value: '120', label: '2 hours' },
  { value: '240', label: '4 hours' },
];

export function DrillSection({
  tenantId,
  tenantName,
  drill,
  enabled,
  canSwitch,
}: {
  tenantId: string;
  tenantName: string;
  drill: { callers: string[]; endsAt: string } | null;
  /** Continuity is on: every call goes to the destination already, a drill has nothing to add. */
  enabled: boolean;
  canSwitch: boolean;
}) {
  const now = useNow();
  const start = useStartDrill(tenantId);
  const end = useEndDrill(tenantId);
  const [callers, setCallers] = useState('');
  const [minutes, setMinutes] = useState('30');
  const running = drill !== null && Date.parse(drill.endsAt) > now;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = callers
      .split(/[,;\n]/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    start.mutate({ callers: list, minutes: Number(minutes) }, { onSuccess: () => setCallers('') });
  };
  if (running)
    return (
      <Alert color="blue" title="Drill running" data-testid="drill-running">
        <Stack gap="xs">
          <Text size="sm">
            Only calls from {drill.callers.map(formatNumber).join(', ')} reach {tenantName}&apos;s Call Continuity destination; every other
            call follows standard routing. The drill ends by itself {remaining(drill.endsAt, now)}.
          </Text>
          {canSwitch && (
            <Group>
              <Button size="xs" variant="default" loading={end.isPending} onClick={() => end.mutate(undefined)}>
                End drill
              </Button>
            </Group>
          )}
          {end.isError && <ErrorAlert error={end.error} title="The drill was not ended" />}
        </Stack>
      </Alert>
    );
  if (enabled || !canSwitch) return null;
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-label="Drill">
      <Title order={5}>Drill</Title>
      <Text size="sm" c="dimmed">
        Rehearse an outage on live lines: calls from the test callers you list go to the Call Continuity destination, exactly as they would
        with Call Continuity on; every other caller follows standard routing.
      </Text>
      <Group align="flex-start">
        <TextInput
          label="Test caller numbers"
          description="One or more, separated by commas"
          value={callers}
          onChange={(e) => setCallers(e.currentTarget.value)}
          error={
            fieldError(start.error, 'callers') ??
            (fieldError(start.error, 'body.callers') === undefined ? undefined : 'Give 1 to 20 numbers')
          }
          w={{ base: '100%', sm: 320 }}
        />
        <Select
          label="Ends after"
          data={DURATIONS}
          value={minutes}
          onChange={(v) => v !== null && setMinutes(v)}
          allowDeselect={false}
          w={160}
        />
      </Group>
      {formError(start.error, ['callers', 'body.callers']) !== undefined && (
        <ErrorAlert error={start.error} title="The drill was not started" />
      )}
      <Group>
        <Button type="submit" size="xs" variant="light" loading={start.isPending} disabled={callers.trim() === ''}>
          Start drill
        </Button>
      </Group>
    </Stack>
  );
}
