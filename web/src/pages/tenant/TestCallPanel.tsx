/**
 * C16: a test call to one of the tenant's (or, on the network's screen, any tenant's) tracking numbers, decided on the stored settings exactly
 * as a real call. The call is answered where it is routed (by the chosen employee for a queue)
 * and lasts a minute, so the panel shows whether and what it records.
 */
import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useEmployees, useNetworkId } from '../../api/queries';
import type { Plan, Route, ScenarioEvent } from '../../api/types';
import { formatNumber } from '../../components/labels';
import { PlanSummary } from '../../components/PlanView';
import { ErrorAlert, fieldError } from '../../components/QueryState';

const CALL_SECONDS = 60;

/**
 * What happens on the call after it connects, given where it was routed: an employee or a queue's
 * agent answers. A voice agent or an external number takes the call by itself (the decision core
 * knows that from the route), so those calls need no answer.
 */
export function eventsFor(route: Route, answeredBy: string | null): ScenarioEvent[] {
  const events: ScenarioEvent[] = [{ type: 'connected', at: 0 }];
  const target = route.kind === 'workflow' ? route.target : undefined;
  if (route.kind === 'direct_line' || target?.kind === 'employee') events.push({ type: 'answered', at: 5 });
  else if (target?.kind === 'queue' && answeredBy !== null) events.push({ type: 'answered', at: 5, employeeId: answeredBy });
  events.push({ type: 'hangup', at: CALL_SECONDS });
  return events;
}

/** A number the test call can dial; on the network's screen its label names the tenant too. */
export interface TestCallNumber {
  readonly number: string;
  readonly label?: string;
}

export function TestCallPanel({ id, numbers }: { id: string; numbers: readonly TestCallNumber[] }) {
  const networkId = useNetworkId();
  const employees = useEmployees();
  const [to, setTo] = useState<string | null>(numbers[0]?.number ?? null);
  const [from, setFrom] = useState('(415) 867-2200');
  const [answeredBy, setAnsweredBy] = useState<string | null>(null);
  const agents = (employees.data?.employees ?? []).filter((e) => e.contactCenterUser);
  const answerer = answeredBy ?? agents[0]?.id ?? null;

  const run = useMutation({
    mutationFn: async (): Promise<Plan> => {
      const call = { direction: 'inbound', from, to: to ?? '' };
      const path = { params: { path: { networkId } } };
      const routed = await unwrap(api.POST('/api/networks/{networkId}/test-call', { ...path, body: { call, decide: 'route' } }));
      const decided = await unwrap(
        api.POST('/api/networks/{networkId}/test-call', { ...path, body: { call, events: eventsFor(routed.route!, answerer) } }),
      );
      return decided.plan!;
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate();
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby={`test-call-${id}`}>
      <Stack>
        <Title order={4} id={`test-call-${id}`}>
          Test call
        </Title>
        <Group align="flex-start">
          <Select
            label="Tracking number"
            data={numbers.map((n) => ({ value: n.number, label: n.label ?? formatNumber(n.number) }))}
            searchable
            value={to}
            onChange={setTo}
            allowDeselect={false}
            error={fieldError(run.error, 'to')}
          />
          <TextInput label="Caller" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={fieldError(run.error, 'from')} />
          <Select
            label="Answered by (queue calls)"
            data={agents.map((e) => ({ value: e.id, label: e.name }))}
            value={answerer}
            onChange={setAnsweredBy}
            allowDeselect={false}
          />
        </Group>
        <Group>
          <Button type="submit" loading={run.isPending} disabled={to === null}>
            Place test call
          </Button>
        </Group>
        {run.isError && fieldError(run.error, 'from') === undefined && fieldError(run.error, 'to') === undefined && (
          <ErrorAlert error={run.error} title="The test call failed" />
        )}
        {run.data !== undefined && <PlanSummary plan={run.data} />}
      </Stack>
    </Paper>
  );
}
