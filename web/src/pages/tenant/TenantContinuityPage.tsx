/**
 * Tenant › Call Continuity (C3-C7, C9, C14, C16, B6): the default destination, what is tried when
 * it does not answer, the Enable Call Continuity toggle with its warning, and a test call to see
 * where a call goes now.
 */
import { Alert, Button, Group, List, Paper, Radio, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { SavedNote } from '../../components/SavedNote';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useSchedules, useSetDefaultDestination, useSwitchTenant, type DefaultDestination } from '../../api/continuity';
import { ScheduleDialog, ScheduledList } from '../../components/ContinuitySchedules';
import { needsApproval, useApprovalPolicy, type RequestedSwitch } from '../../api/approvals';
import { ApprovalRequests, AskApprovalDialog } from '../../components/ContinuityApprovals';
import { DrillSection } from '../../components/ContinuityDrill';
import { ChainSection } from '../../components/ContinuityChain';
import { useFollowVersion } from '../../components/useFollowVersion';
import { useTenantContinuity } from '../../api/queries';
import type { TenantContinuity } from '../../api/types';
import { formatNumber } from '../../components/labels';
import { StaleNotice, isStale } from '../../components/StaleNotice';
import { ErrorAlert, fieldError, formError, QueryState } from '../../components/QueryState';
import { TenantHeader } from './TenantHeader';
import { TestCallPanel } from './TestCallPanel';

export function TenantContinuityPage() {
  const { tenantId = '' } = useParams();
  const continuity = useTenantContinuity(tenantId);
  return (
    <Stack maw={860}>
      <TenantHeader tenantId={tenantId} tab="continuity">
        <QueryState query={continuity}>
          {(data) => (
            <>
              <DefaultDestinationForm data={data} />
              <ChainSection data={data} />
              <StatusSection data={data} />
              {data.tenant.abilities.testCall && <TestCallPanel id={tenantId} numbers={data.numbers} />}
            </>
          )}
        </QueryState>
      </TenantHeader>
    </Stack>
  );
}

function DefaultDestinationForm({ data }: { data: TenantContinuity }) {
  const current = data.tenant.continuity.defaultDestination;
  const [kind, setKind] = useState<'voice_agent' | 'external_number'>(current?.kind ?? 'external_number');
  const [number, setNumber] = useState(current?.kind === 'external_number' ? formatNumber(current.number) : '');
  // The version the form was filled from: a save over someone else's change is refused (412), not silent.
  const [version, setVersion] = useState(data.tenant.versions.continuity);
  const save = useSetDefaultDestination(data.tenant.id);
  const continuity = useTenantContinuity(data.tenant.id);
  const [theirs, setTheirs] = useState<string | null>(null);
  const reload = async () => {
    const fresh = (await continuity.refetch()).data!.tenant;
    setVersion(fresh.versions.continuity);
    settled(JSON.stringify(fresh.continuity.defaultDestination));
    save.reset();
    const saved = destinationWords(fresh.continuity.defaultDestination);
    setTheirs(saved);
    return saved;
  };
  // The chain shares the version: its save leaves the default as loaded, so the form follows it.
  const settled = useFollowVersion(data.tenant.versions.continuity, JSON.stringify(current), setVersion);
  const editable = data.tenant.abilities.manageContinuity;
  const voiceAgent = data.voiceAgentOption;
  // C9: numbers whose calls would have nowhere to go in continuity, said where it can be fixed.
  const stranded = data.assessment.problems.flatMap((problem) =>
    problem.kind === 'numbers_without_destination' && 'numbers' in problem ? problem.numbers : [],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const destination: DefaultDestination = kind === 'voice_agent' ? { kind } : { kind, number };
    save.mutate(
      { destination, version },
      {
        onSuccess: (tenant) => {
          settled(JSON.stringify(tenant.continuity.defaultDestination));
          setVersion(tenant.versions.continuity);
          setTheirs(null);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="default-destination-title">
      <Stack>
        <Title order={4} id="default-destination-title">
          Default Call Continuity Number
        </Title>
        <Radio.Group value={kind} onChange={(value) => setKind(value as typeof kind)} aria-label="Destination">
          <Stack gap="xs">
            <Radio
              value="voice_agent"
              label="Voice Agent Number"
              description={
                voiceAgent.available
                  ? "Calls go to the tenant's first (oldest) Voice Agent, which answers, transcribes and books them."
                  : voiceAgent.reason
              }
              disabled={!editable || !voiceAgent.available}
            />
            <Radio
              value="external_number"
              label="External Number"
              description="A third-party answering service, voice agent or backup telephony."
              disabled={!editable}
            />
          </Stack>
        </Radio.Group>
        {stranded.length > 0 && (
          <Alert color="red" role="alert" data-testid="no-destination" title="Calls would have nowhere to go">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                In Call Continuity, calls to {stranded.map(formatNumber).join(', ')} have no destination
                {current?.kind === 'voice_agent' && !voiceAgent.available && voiceAgent.reason !== null
                  ? `: ${voiceAgent.reason}`
                  : '.'}{' '}
                Choose an External Number, or give those numbers a custom number under Phone Numbers.
              </Text>
              {editable && kind !== 'external_number' && (
                <Button size="xs" variant="light" color="red" onClick={() => setKind('external_number')}>
                  Use an External Number
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        {kind === 'external_number' && (
          <TextInput
            label="Phone Number"
            placeholder="(619) 867-5309"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={fieldError(save.error, 'number')}
            disabled={!editable}
            maw={280}
          />
        )}
        {formError(save.error, ['number']) !== undefined && !isStale(save.error) && <ErrorAlert error={save.error} title="Not saved" />}
        <StaleNotice error={save.error} onReload={reload} theirs={theirs} />
        <SavedNote shown={save.isSuccess} />
        {editable && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function destinationWords(destination: TenantContinuity['tenant']['continuity']['defaultDestination']): string {
  if (destination === null) return 'no destination';
  return destination.kind === 'voice_agent' ? 'Voice Agent Number' : `External Number ${formatNumber(destination.number)}`;
}

function StatusSection({ data }: { data: TenantContinuity }) {
  const switchTenant = useSwitchTenant();
  const schedules = (useSchedules().data?.schedules ?? []).filter((s) => s.tenantId === data.tenant.id);
  const [scheduling, setScheduling] = useState(false);
  // B5: where every switch needs a second administrator, the switch asks for approval instead.
  const policy = useApprovalPolicy().data;
  const [asking, setAsking] = useState<RequestedSwitch | null>(null);
  // B5: switching (now or on a schedule) is its own permission, apart from editing the settings.
  const canSwitch = data.tenant.abilities.switchContinuity;
  const enabled = data.tenant.continuity.enabled;
  const refusal = switchTenant.error instanceof ApiError ? switchTenant.error : null;
  const missing = Array.isArray(refusal?.details.numbersWithoutDestination) ? (refusal.details.numbersWithoutDestination as string[]) : [];
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>Status</Title>
        <Switch
          label="Enable Call Continuity"
          checked={enabled}
          // Not disabled while the switch is under way: a disabled control loses the keyboard's focus.
          disabled={!canSwitch}
          aria-busy={switchTenant.isPending}
          onChange={(event) => {
            const wanted = { tenantId: data.tenant.id, enabled: event.currentTarget.checked };
            if (needsApproval(policy, 'continuity.switch')) setAsking({ command: 'continuity.switch', input: wanted });
            else if (!switchTenant.isPending) switchTenant.mutate(wanted);
          }}
        />
        <AskApprovalDialog
          requested={asking}
          what={`Switching Call Continuity ${enabled ? 'off' : 'on'} for ${data.tenant.name}`}
          onClose={() => setAsking(null)}
        />
        <ApprovalRequests tenantId={data.tenant.id} />
        <DrillSection
          tenantId={data.tenant.id}
          tenantName={data.tenant.name}
          drill={data.tenant.continuity.drill}
          enabled={enabled}
          canSwitch={canSwitch}
        />
        <ScheduledList schedules={schedules} label={data.tenant.name} canChange={canSwitch} timeZone={data.tenant.timeZone} />
        {canSwitch && (
          <Group>
            <Button size="xs" variant="light" onClick={() => setScheduling(true)}>
              Schedule…
            </Button>
          </Group>
        )}
        <ScheduleDialog
          opened={scheduling}
          onClose={() => setScheduling(false)}
          tenantId={data.tenant.id}
          label={data.tenant.name}
          timeZone={data.tenant.timeZone}
        />
        {enabled && (
          <Alert color="orange" role="status" data-testid="routing-bypassed" title="Standard routing is bypassed">
            All incoming calls for this tenant bypass the standard contact center workflows and go to the Call Continuity destination. Place
            a test call to one of your tracking numbers to confirm calls reach it.
          </Alert>
        )}
        {switchTenant.isError && (
          <Alert color="red" role="alert" title="Call Continuity was not switched">
            {switchTenant.error.message}
            {missing.length > 0 && (
              <List size="sm" mt="xs">
                {missing.map((n) => (
                  <List.Item key={n}>{formatNumber(n)}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
