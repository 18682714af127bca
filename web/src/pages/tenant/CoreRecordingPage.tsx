/**
 * Tenant › Core recording settings (L2, L3): how the tenant's core platform records calls. Unless
 * both directions are Automatic, contact-center recordings do not sync into the core records.
 */
import { Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { SavedNote } from '../../components/SavedNote';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, ifMatch, unwrap } from '../../api/client';
import { useTenant, useWrite } from '../../api/queries';
import type { Tenant } from '../../api/types';
import { CORE_RECORDING_LABELS } from '../../components/labels';
import { StaleNotice, isStale } from '../../components/StaleNotice';
import { ErrorAlert, fieldError, formError, QueryState } from '../../components/QueryState';
import { TenantHeader } from './TenantHeader';

type CoreMode = keyof typeof CORE_RECORDING_LABELS;
const OPTIONS = Object.entries(CORE_RECORDING_LABELS).map(([value, label]) => ({ value, label }));

export function CoreRecordingPage() {
  const { tenantId = '' } = useParams();
  const tenant = useTenant(tenantId);
  return (
    <Stack maw={860}>
      <TenantHeader tenantId={tenantId} tab="core-recording">
        <QueryState query={tenant}>{(data) => <CoreRecordingForm tenant={data} />}</QueryState>
      </TenantHeader>
    </Stack>
  );
}

function CoreRecordingForm({ tenant }: { tenant: Tenant }) {
  const [inbound, setInbound] = useState<CoreMode>(tenant.coreRecording.inbound);
  const [outbound, setOutbound] = useState<CoreMode>(tenant.coreRecording.outbound);
  const [version, setVersion] = useState(tenant.versions.coreRecording);
  const current = useTenant(tenant.id);
  const [theirs, setTheirs] = useState<string | null>(null);
  const save = useWrite((networkId, input: { inbound: CoreMode; outbound: CoreMode }) =>
    unwrap(
      api.PUT('/api/networks/{networkId}/tenants/{tenantId}/core-recording', {
        params: { path: { networkId, tenantId: tenant.id } },
        headers: ifMatch(version),
        body: input,
      }),
    ),
  );
  const editable = tenant.abilities.editCoreRecording;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { inbound, outbound },
      {
        onSuccess: (saved) => {
          setVersion(saved.versions.coreRecording);
          setTheirs(null);
        },
      },
    );
  };
  const reload = async () => {
    const fresh = (await current.refetch()).data!;
    setVersion(fresh.versions.coreRecording);
    save.reset();
    const saved = `inbound ${CORE_RECORDING_LABELS[fresh.coreRecording.inbound]}, outbound ${CORE_RECORDING_LABELS[fresh.coreRecording.outbound]}`;
    setTheirs(saved);
    return saved;
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack>
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
        {formError(save.error, ['inbound', 'outbound']) !== undefined && !isStale(save.error) && (
          <ErrorAlert error={save.error} title="Not saved" />
        )}
        <StaleNotice error={save.error} onReload={reload} theirs={theirs} />
        <SavedNote shown={save.isSuccess && !save.isPending} />
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
