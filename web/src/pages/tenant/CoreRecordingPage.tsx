/**
 * Tenant › Core recording settings (L2, L3): how the tenant's core platform records calls. Unless
 * both directions are Automatic, contact-center recordings do not sync into the core records.
 * B7: when callers hear that the call is recorded (where their law asks, or always); B8: how long a
 * recording may stay paused; B10: how long recordings are kept. The forms save parts of one section
 * (its version): each follows the others' saves.
 */
import { Alert, Group, List, NumberInput, Paper, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTenant } from '../../api/queries';
import type { Tenant } from '../../api/types';
import { CORE_RECORDING_LABELS } from '../../components/labels';
import { FormFooter } from '../../components/FormFooter';
import { fieldError, QueryState } from '../../components/QueryState';
import { useSectionPart } from './useSectionPart';
import { TenantHeader } from './TenantHeader';

type CoreMode = keyof typeof CORE_RECORDING_LABELS;
const OPTIONS = Object.entries(CORE_RECORDING_LABELS).map(([value, label]) => ({ value, label }));

export function CoreRecordingPage() {
  const { tenantId = '' } = useParams();
  const tenant = useTenant(tenantId);
  return (
    <Stack maw={860}>
      <TenantHeader tenantId={tenantId} tab="core-recording">
        <QueryState query={tenant}>
          {(data) => (
            <>
              <CoreRecordingForm tenant={data} />
              <ConsentForm tenant={data} />
              <PauseForm tenant={data} />
              <RetentionForm tenant={data} />
            </>
          )}
        </QueryState>
      </TenantHeader>
    </Stack>
  );
}

function CoreRecordingForm({ tenant }: { tenant: Tenant }) {
  const [inbound, setInbound] = useState<CoreMode>(tenant.coreRecording.inbound);
  const [outbound, setOutbound] = useState<CoreMode>(tenant.coreRecording.outbound);
  const { save, submit, reload, theirs, editable } = useSectionPart<{ inbound: CoreMode; outbound: CoreMode }>(
    tenant,
    '/api/networks/{networkId}/tenants/{tenantId}/core-recording',
    (t) => JSON.stringify(modesOf(t)),
    (t) => `inbound ${CORE_RECORDING_LABELS[t.coreRecording.inbound]}, outbound ${CORE_RECORDING_LABELS[t.coreRecording.outbound]}`,
  );
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit({ inbound, outbound });
      }}
      aria-labelledby="core-recording-title"
    >
      <Stack>
        <Title order={4} id="core-recording-title">
          Core recording settings
        </Title>
        <Text c="dimmed" size="sm">
          How the tenant&apos;s core platform records its calls. Calls logged only in the core follow these settings (L1).
        </Text>
        <Group>
          <Select
            label="Inbound calls"
            data={OPTIONS}
            value={inbound}
            onChange={(v) => v !== null && setInbound(v as CoreMode)}
            disabled={!editable}
            allowDeselect={false}
            error={fieldError(save.error, 'inbound')}
          />
          <Select
            label="Outbound calls"
            data={OPTIONS}
            value={outbound}
            onChange={(v) => v !== null && setOutbound(v as CoreMode)}
            disabled={!editable}
            allowDeselect={false}
            error={fieldError(save.error, 'outbound')}
          />
        </Group>
        {tenant.coreRecording.warning !== null && (
          <Alert color="yellow" role="status" data-testid="sync-warning" title="Recordings will not sync">
            {tenant.coreRecording.warning}
          </Alert>
        )}
        <FormFooter save={save} fields={['inbound', 'outbound']} onReload={reload} theirs={theirs} editable={editable} />
      </Stack>
    </Paper>
  );
}

const modesOf = (tenant: Tenant) => ({ inbound: tenant.coreRecording.inbound, outbound: tenant.coreRecording.outbound });

type ConsentPolicy = Tenant['recordingConsent'];
const CONSENT_WORDS: Record<ConsentPolicy, string> = {
  by_jurisdiction: "Where the caller's law asks for it",
  announce_always: 'On every recorded call',
};

/** B7: when callers hear the consent announcement before a call is recorded. */
function ConsentForm({ tenant }: { tenant: Tenant }) {
  const [policy, setPolicy] = useState<ConsentPolicy>(tenant.recordingConsent);
  const { save, submit, reload, theirs, editable } = useSectionPart<{ policy: ConsentPolicy }>(
    tenant,
    '/api/networks/{networkId}/tenants/{tenantId}/recording-consent',
    (t) => t.recordingConsent,
    (t) => CONSENT_WORDS[t.recordingConsent],
  );
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit({ policy });
      }}
      aria-labelledby="consent-title"
      data-testid="recording-consent"
    >
      <Stack>
        <Title order={4} id="consent-title">
          Recording consent announcement
        </Title>
        <Text c="dimmed" size="sm">
          Before a call is recorded, the caller hears that it is recorded, and recording starts only once they have heard it. This comes in
          addition to any announcement a workflow plays, and whatever a queue&apos;s or an employee&apos;s announcement option says.
        </Text>
        <Radio.Group
          label="Play the announcement"
          value={policy}
          onChange={(value) => setPolicy(value as ConsentPolicy)}
          error={fieldError(save.error, 'policy')}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="by_jurisdiction" label={CONSENT_WORDS.by_jurisdiction} disabled={!editable} />
            <Radio value="announce_always" label={CONSENT_WORDS.announce_always} disabled={!editable} />
          </Stack>
        </Radio.Group>
        {policy === 'by_jurisdiction' && (
          <List size="sm" c="dimmed">
            <List.Item>
              Callers from states where every party must consent: California, Delaware, Florida, Illinois, Maryland, Massachusetts, Montana,
              Nevada, New Hampshire, Pennsylvania and Washington.
            </List.Item>
            <List.Item>Callers from Canada (businesses must tell callers).</List.Item>
            <List.Item>Callers whose place cannot be told from their number (other countries, unknown area codes).</List.Item>
          </List>
        )}
        <FormFooter save={save} fields={['policy']} onReload={reload} theirs={theirs} editable={editable} />
      </Stack>
    </Paper>
  );
}

/** B8: the longest a recording of the tenant's calls stays paused (the payment screen, an integration) before it resumes by itself. */
function PauseForm({ tenant }: { tenant: Tenant }) {
  const [seconds, setSeconds] = useState<number | string>(tenant.maxPauseSeconds);
  const { save, submit, reload, theirs, editable } = useSectionPart<{ maxPauseSeconds: number }>(
    tenant,
    '/api/networks/{networkId}/tenants/{tenantId}/recording-pause',
    (t) => String(t.maxPauseSeconds),
    (t) => `${t.maxPauseSeconds} seconds`,
  );
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit({ maxPauseSeconds: Number(seconds) });
      }}
      aria-labelledby="pause-title"
    >
      <Stack>
        <Title order={4} id="pause-title">
          Paused recordings
        </Title>
        <Text c="dimmed" size="sm">
          A recording paused for card details (or by an integration) resumes by itself after this long, so a pause never silently turns off
          the recording. The agent is warned a minute before.
        </Text>
        <NumberInput
          label="Longest pause (seconds)"
          description="600 seconds is 10 minutes; from 5 to 3600."
          min={5}
          max={3600}
          value={seconds}
          onChange={setSeconds}
          error={fieldError(save.error, 'maxPauseSeconds')}
          disabled={!editable}
          maw={280}
        />
        <FormFooter save={save} fields={['maxPauseSeconds']} onReload={reload} theirs={theirs} editable={editable} />
      </Stack>
    </Paper>
  );
}

type Retention = Tenant['recordingRetention'];
type RetentionKind = keyof Retention;
const RETENTION_KINDS: { kind: RetentionKind; label: string }[] = [
  { kind: 'queue', label: 'Queue calls' },
  { kind: 'individual', label: 'Individual calls (direct lines, calls agents place)' },
  { kind: 'voice_agent', label: 'Voice agent calls' },
  { kind: 'continuity', label: 'Call Continuity calls' },
];
const retentionWords = (retention: Retention) =>
  RETENTION_KINDS.map(({ kind, label }) => `${label}: ${retention[kind] === null ? 'for ever' : `${retention[kind]} days`}`).join('; ');

/** B10: how many days each kind of the tenant's recordings is kept (empty: for ever); older ones are deleted, unless held. */
function RetentionForm({ tenant }: { tenant: Tenant }) {
  const [days, setDays] = useState<Record<RetentionKind, number | string>>(() => {
    const r = tenant.recordingRetention;
    return { queue: r.queue ?? '', individual: r.individual ?? '', voice_agent: r.voice_agent ?? '', continuity: r.continuity ?? '' };
  });
  const { save, submit, reload, theirs, editable } = useSectionPart<Retention>(
    tenant,
    '/api/networks/{networkId}/tenants/{tenantId}/recording-retention',
    (t) => JSON.stringify(t.recordingRetention),
    (t) => retentionWords(t.recordingRetention),
  );
  const value = (kind: RetentionKind) => (days[kind] === '' ? null : Number(days[kind]));
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit({
          queue: value('queue'),
          individual: value('individual'),
          voice_agent: value('voice_agent'),
          continuity: value('continuity'),
        });
      }}
      aria-labelledby="retention-title"
    >
      <Stack>
        <Title order={4} id="retention-title">
          How long recordings are kept
        </Title>
        <Text c="dimmed" size="sm">
          Recordings older than this are deleted (each deletion is in the audit log), unless a legal hold keeps them. Leave a kind empty to
          keep its recordings for ever.
        </Text>
        <Group align="flex-start" wrap="wrap">
          {RETENTION_KINDS.map(({ kind, label }) => (
            <NumberInput
              key={kind}
              label={label}
              description="Days"
              placeholder="For ever"
              min={1}
              max={36500}
              value={days[kind]}
              onChange={(value) => setDays({ ...days, [kind]: value })}
              error={fieldError(save.error, kind)}
              disabled={!editable}
              w={200}
            />
          ))}
        </Group>
        <FormFooter save={save} fields={RETENTION_KINDS.map(({ kind }) => kind)} onReload={reload} theirs={theirs} editable={editable} />
      </Stack>
    </Paper>
  );
}
