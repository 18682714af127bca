/**
 * Agent console: the C12 banner (in the shell), and the current call with its record button
 * following the plan (R4, R12, R13), the announcement tooltip, and the Charge Credit Card screen
 * that pauses the recording while open (R15). Until the telephony edges feed live calls, the call
 * is simulated: every action is sent to the server, which decides with the real decision core.
 */
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { Dialog } from '../components/Dialog';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { useAgentNumbers, useEmployees, useNames, useNetworkId } from '../api/queries';
import { useSession } from '../api/session';
import type { Plan, ScenarioEvent } from '../api/types';
import { formatNumber } from '../components/labels';
import { describeRoute, Reasons } from '../components/PlanView';
import { ErrorAlert } from '../components/QueryState';

type Kind = 'tracking' | 'direct' | 'keypad';

const RECORDING_LABELS: Record<string, string> = { on: 'Recording', off: 'Not recording', paused: 'Paused' };

export function AgentConsolePage() {
  const me = useSession().data!;
  const employees = useEmployees();
  const numbers = useAgentNumbers();
  const agents = (employees.data?.employees ?? []).filter((e) => e.contactCenterUser);
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('tracking');
  const [to, setTo] = useState<string | null>(null);
  const [other, setOther] = useState('(415) 867-2200');
  const me_ = agents.find((e) => e.id === employeeId) ?? agents.find((e) => e.name === me.user.name) ?? agents[0];
  const trackingNumbers = numbers.data?.numbers ?? [];
  const target = to ?? trackingNumbers[0]?.number ?? null;

  const call: Record<string, string> | null =
    me_ === undefined
      ? null
      : kind === 'tracking'
        ? { direction: 'inbound', from: other, to: target ?? '' }
        : kind === 'direct'
          ? { direction: 'inbound', from: other, to: me_.directLine ?? '' }
          : { direction: 'outbound', employeeId: me_.id, to: other, via: 'contact_center' };

  return (
    <Stack maw={900}>
      <Title order={2}>Agent console</Title>
      <Paper withBorder p="md">
        <Stack>
          <Title order={4}>Simulate a call</Title>
          <Text size="sm" c="dimmed">
            Until the telephony edges feed your live calls here, place a simulated one: it is decided by the same rules as a real call and
            logged as simulated.
          </Text>
          <Group align="flex-end">
            <Select
              label="You are"
              data={agents.map((e) => ({ value: e.id, label: e.name }))}
              value={me_?.id ?? null}
              onChange={setEmployeeId}
              allowDeselect={false}
            />
            <Select
              label="Call"
              allowDeselect={false}
              value={kind}
              onChange={(v) => v !== null && setKind(v as Kind)}
              data={[
                { value: 'tracking', label: 'Inbound to a tracking number' },
                { value: 'direct', label: 'Inbound to your direct line', disabled: me_?.directLine === null },
                { value: 'keypad', label: 'Outbound from the keypad' },
              ]}
            />
            {kind === 'tracking' && (
              <Select
                label="Tracking number"
                allowDeselect={false}
                value={target}
                onChange={setTo}
                data={trackingNumbers.map((n) => ({ value: n.number, label: `${formatNumber(n.number)} (${n.tenantName})` }))}
              />
            )}
            <TextInput
              label={kind === 'keypad' ? 'Number to dial' : 'Caller'}
              value={other}
              onChange={(e) => setOther(e.currentTarget.value)}
            />
          </Group>
        </Stack>
      </Paper>
      <LiveCalls />
      {call !== null && me_ !== undefined && <CurrentCall key={JSON.stringify(call)} call={call} employeeId={me_.id} />}
    </Stack>
  );
}

/**
 * Real calls in progress on the SIP edge: the record button and the payment screen act on the
 * live call (rtpengine starts and stops recording as the plan says). An agent sees the calls they
 * answered; a network administrator every call, with who answered it.
 */
function LiveCalls() {
  const networkId = useNetworkId();
  const names = useNames();
  const live = useQuery({
    queryKey: ['network', networkId, 'live-calls'],
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/live-calls', { params: { path: { networkId } } })),
    refetchInterval: 1000,
  });
  const [payingOn, setPayingOn] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: ({ callId, type }: { callId: string; type: 'payment_opened' | 'payment_closed' | 'agent_start' | 'agent_stop' }) =>
      unwrap(api.POST('/api/networks/{networkId}/live-calls/{callId}/events', { params: { path: { networkId, callId } }, body: { type } })),
    onSuccess: () => live.refetch(),
  });
  const calls = live.data?.calls ?? [];
  if (calls.length === 0) return null;
  return (
    <Paper withBorder p="md" aria-label="Live calls">
      <Stack>
        <Title order={4}>Live calls</Title>
        {act.isError && <ErrorAlert error={act.error} title="The call did not take the action" />}
        {calls.map((call) => {
          const now = call.plan.moments.at(-1);
          return (
            <Stack key={call.callId} gap="xs" data-testid="live-call">
              <Group justify="space-between">
                <Text size="sm">
                  {formatNumber(call.from)} → {formatNumber(call.to)} · {describeRoute(call.plan.route, names)}
                  {call.answeredBy !== null && ` · answered by ${names.get(call.answeredBy) ?? call.answeredBy}`}
                </Text>
                {now !== undefined && (
                  <Badge color={now.recording === 'on' ? 'red' : now.recording === 'paused' ? 'yellow' : 'gray'}>
                    {RECORDING_LABELS[now.recording] ?? now.recording}
                  </Badge>
                )}
              </Group>
              {call.plan.pauseEndsAt !== undefined && call.plan.pauseEndsAt !== null && (
                <PauseEnds endsAt={Date.parse(call.startedAt) + call.plan.pauseEndsAt * 1000} />
              )}
              <Group>
                <RecordButton plan={call.plan} busy={act.isPending} onPress={(type) => act.mutate({ callId: call.callId, type })} />
                <Button
                  variant="default"
                  onClick={() => {
                    setPayingOn(call.callId);
                    act.mutate({ callId: call.callId, type: 'payment_opened' });
                  }}
                >
                  Charge Credit Card
                </Button>
              </Group>
              <PaymentScreen
                opened={payingOn === call.callId}
                plan={call.plan}
                onClose={() => {
                  setPayingOn(null);
                  act.mutate({ callId: call.callId, type: 'payment_closed' });
                }}
              />
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}

function CurrentCall({ call, employeeId }: { call: Record<string, string>; employeeId: string }) {
  const networkId = useNetworkId();
  const names = useNames();
  const tenantNames = new Map((useAgentNumbers().data?.numbers ?? []).map((n) => [n.tenantId, n.tenantName]));
  const started = useRef(0);
  const [events, setEvents] = useState<ScenarioEvent[]>([]);
  const [paymentOpen, setPaymentOpen] = useState(false);
  const decide = useMutation({
    mutationFn: (next: ScenarioEvent[]) =>
      unwrap(api.POST('/api/networks/{networkId}/agent/simulated-call', { params: { path: { networkId } }, body: { call, events: next } })),
  });

  const send = (...added: Omit<ScenarioEvent, 'at'>[]) => {
    const elapsed = events.length === 0 ? 0 : Math.max(Math.round((Date.now() - started.current) / 1000), events.at(-1)!.at);
    const next = [...events, ...added.map((event) => ({ ...event, at: elapsed }) as ScenarioEvent)];
    decide.mutate(next, { onSuccess: () => setEvents(next) });
  };
  const answer = () => {
    started.current = Date.now();
    send(
      { type: 'connected' },
      call.direction === 'outbound'
        ? { type: 'answered' }
        : { type: 'answered', ...(call.direction === 'inbound' && isTracking(call) ? { employeeId } : {}) },
    );
  };

  const plan: Plan | undefined = decide.data?.plan;
  const live = plan !== undefined && !plan.ended;
  const now = plan?.moments.at(-1);

  return (
    <Paper withBorder p="md" aria-label="Current call">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>Current call</Title>
          {now !== undefined && (
            <Badge color={now.recording === 'on' ? 'red' : now.recording === 'paused' ? 'yellow' : 'gray'} data-testid="recording-state">
              {RECORDING_LABELS[now.recording] ?? now.recording}
            </Badge>
          )}
        </Group>
        {decide.isError && <ErrorAlert error={decide.error} title="The call could not be placed" />}
        {plan === undefined && (
          <Group>
            <Button onClick={answer} loading={decide.isPending}>
              {call.direction === 'outbound' ? 'Dial' : 'Answer'}
            </Button>
          </Group>
        )}
        {plan !== undefined && (
          <>
            <Text size="sm">
              {plan.route === null ? `Outbound call to ${formatNumber(call.to)}` : describeRoute(plan.route, names)}
              {plan.linkedTenantId === null ? ' · no linked tenant' : ` · for ${tenantNames.get(plan.linkedTenantId) ?? 'a tenant'}`}
            </Text>
            {live && (
              <Group>
                <RecordButton plan={plan} busy={decide.isPending} onPress={(type) => send({ type })} />
                <Button
                  variant="default"
                  onClick={() => {
                    setPaymentOpen(true);
                    send({ type: 'payment_opened' });
                  }}
                >
                  Charge Credit Card
                </Button>
                <Button color="red" variant="light" onClick={() => send({ type: 'hangup' })}>
                  Hang up
                </Button>
              </Group>
            )}
            {!live && (
              <Alert color="gray" role="status">
                Call ended{decide.data?.loggedCallId ? ' and logged in the call log' : ''}. Recorded:{' '}
                {plan.segments.length === 0 ? 'nothing' : plan.segments.map((s) => `${s.start}s–${s.end ?? ''}s`).join(', ')}.
              </Alert>
            )}
            <Text fw={600} size="sm">
              Why
            </Text>
            <Reasons reasons={now === undefined ? plan.reasons : [now.why, ...plan.warnings]} codes="behind" />
          </>
        )}
        <PaymentScreen
          opened={paymentOpen && live}
          plan={plan}
          onClose={() => {
            setPaymentOpen(false);
            send({ type: 'payment_closed' });
          }}
        />
      </Stack>
    </Paper>
  );
}

const isTracking = (call: Record<string, string>) => call.direction === 'inbound';

/** The record button: what the agent may do now, disabled with the reason when they may not (R12), and the R4 tooltip. */
function RecordButton({ plan, busy, onPress }: { plan: Plan; busy: boolean; onPress: (type: 'agent_start' | 'agent_stop') => void }) {
  const now = plan.moments.at(-1)!;
  const may = plan.agentMay;
  const label = may === 'stop' ? 'Stop recording' : now.recording === 'on' ? 'Recording' : 'Start recording';
  const tooltip =
    may === 'nothing'
      ? now.why.text
      : plan.announcement === 'prompt_agent'
        ? 'A recording announcement may be legally required: tell the caller whether the call is recorded.'
        : null;
  const button = (
    <Button
      color="red"
      variant={now.recording === 'on' ? 'filled' : 'outline'}
      disabled={may === 'nothing'}
      loading={busy}
      onClick={() => onPress(may === 'stop' ? 'agent_stop' : 'agent_start')}
      data-testid="record-button"
      aria-describedby={may === 'nothing' ? 'record-disabled-reason' : undefined}
    >
      {label}
    </Button>
  );
  return (
    <Group gap="xs">
      {tooltip === null ? (
        button
      ) : (
        <Tooltip label={tooltip} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
          <span>{button}</span>
        </Tooltip>
      )}
      {may === 'nothing' && (
        <Text size="xs" c="dimmed" id="record-disabled-reason" data-testid="record-disabled-reason">
          {now.why.text}
        </Text>
      )}
    </Group>
  );
}

/**
 * R15: recording pauses while this screen is open; on a call without a tenant the agent must pause
 * it by hand; a call that is not being recorded has nothing to pause, and the screen says so.
 */
function PaymentScreen({ opened, plan, onClose }: { opened: boolean; plan: Plan | undefined; onClose: () => void }) {
  const manual = plan?.warnings.find((w) => w.rule === 'R15');
  const now = plan?.moments.at(-1)?.recording;
  // Opening the screen pauses a recording (the plan says `paused`); one still `on` is being paused.
  const recorded = now === 'on' || now === 'paused';
  return (
    <Dialog opened={opened} onClose={onClose} title="Charge Credit Card">
      <Stack>
        {manual !== undefined ? (
          <Alert color="red" role="alert" data-testid="pause-manually" title="Pause the recording manually">
            {manual.text}
          </Alert>
        ) : recorded ? (
          <Alert color="yellow" role="status" data-testid="auto-paused">
            The call recording is paused while this screen is open.
          </Alert>
        ) : (
          <Alert color="gray" role="status" data-testid="not-recorded">
            This call is not being recorded: there is nothing to pause.
          </Alert>
        )}
        <TextInput label="Card number" placeholder="•••• •••• •••• ••••" autoComplete="off" />
        <Group justify="flex-end">
          <Button onClick={onClose}>Close</Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/**
 * B8: a paused recording resumes by itself at the tenant's maximum pause; the agent sees when, and
 * is warned (an alert read out) in its last minute, to finish what must not be recorded.
 */
function PauseEnds({ endsAt }: { endsAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((endsAt - now) / 1000));
  const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  const soon = left <= PAUSE_WARNING_SECONDS;
  return (
    <Alert
      color={soon ? 'orange' : 'gray'}
      variant="light"
      role={soon ? 'alert' : 'status'}
      data-testid="pause-ends"
      title={soon ? 'The recording resumes in less than a minute' : undefined}
    >
      {soon
        ? `Recording resumes by itself in ${clock}: finish taking the card details, or they will be recorded.`
        : `Recording paused. It resumes by itself in ${clock} (the longest pause allowed).`}
    </Alert>
  );
}

/** B8: the agent is warned this long before a paused recording resumes by itself. */
const PAUSE_WARNING_SECONDS = 60;
