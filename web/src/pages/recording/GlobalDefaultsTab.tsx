/**
 * Global Recording Defaults (R1-R3, R9, R14): On Call Answered uses the queue and individual
 * defaults; On Call Connected records from connect and hides them (after a confirmation).
 */
import { Alert, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { Dialog } from '../../components/Dialog';
import { useState } from 'react';
import { useSaveDefaults } from '../../api/recording';
import type { RecordingDefaults } from '../../api/types';
import { EditableSetting } from '../../components/EditableSetting';
import { CONNECTED_MODE_LABELS, MODE_HELP, TRANSFER_LABELS } from '../../components/labels';
import { ErrorAlert } from '../../components/QueryState';

const transferOptions = (Object.keys(TRANSFER_LABELS) as (keyof typeof TRANSFER_LABELS)[]).map((value) => ({
  value,
  label: TRANSFER_LABELS[value],
}));
const connectedOptions = (Object.keys(CONNECTED_MODE_LABELS) as (keyof typeof CONNECTED_MODE_LABELS)[]).map((value) => ({
  value,
  label: CONNECTED_MODE_LABELS[value],
  description: MODE_HELP[value],
}));

export function GlobalDefaultsTab({ defaults }: { defaults: RecordingDefaults }) {
  const save = useSaveDefaults();
  const [confirming, setConfirming] = useState(false);
  const editable = defaults.abilities.edit;
  const change = (patch: Parameters<typeof save.mutateAsync>[0]['change']) => save.mutateAsync({ current: defaults, change: patch });

  const chooseTrigger = (value: string) => {
    if (value === defaults.trigger) return;
    if (value === 'on_call_connected') setConfirming(true);
    else save.mutate({ current: defaults, change: { trigger: 'on_call_answered' } });
  };

  return (
    <Stack>
      <Paper withBorder p="md">
        <Radio.Group label="Global Recording Defaults" value={defaults.trigger} onChange={chooseTrigger}>
          <Stack gap="xs" mt="xs">
            <Radio
              value="on_call_answered"
              disabled={!editable}
              label="On Call Answered"
              description="Records only after an employee or agent answers the call. Uses the Queue and Individual defaults."
            />
            <Radio
              value="on_call_connected"
              disabled={!editable}
              label="On Call Connected"
              description="Records from the moment the call connects. Queue and Individual defaults are hidden and ignored; only the Exclusion List applies."
            />
          </Stack>
        </Radio.Group>
        {save.isError && !confirming && <ErrorAlert error={save.error} title="Not saved" />}
      </Paper>
      {defaults.trigger === 'on_call_connected' ? (
        <Stack>
          <Title order={4}>Call Recording Defaults</Title>
          <EditableSetting
            title="Call Recording Default"
            value={defaults.connectedMode}
            options={connectedOptions}
            editable={editable}
            onConfirm={(connectedMode) => change({ connectedMode })}
          />
        </Stack>
      ) : (
        <Stack>
          <Title order={4}>Transfer Recording Defaults</Title>
          <EditableSetting
            title="Transfer to a Queue"
            value={defaults.transfer.toQueue}
            options={transferOptions}
            editable={editable}
            onConfirm={(toQueue) => change({ transfer: { ...defaults.transfer, toQueue } })}
          />
          <EditableSetting
            title="Transfer to an Employee"
            value={defaults.transfer.toEmployee}
            options={transferOptions}
            editable={editable}
            onConfirm={(toEmployee) => change({ transfer: { ...defaults.transfer, toEmployee } })}
          />
        </Stack>
      )}
      <Paper withBorder p="md" data-testid="forward-recording">
        <Title order={4}>Forward Recording Settings</Title>
        <Text size="sm" mt="xs">
          All calls forwarded to external numbers will be recorded.
        </Text>
        <Text size="xs" c="dimmed">
          This rule cannot be changed.
        </Text>
      </Paper>
      <Dialog opened={confirming} onClose={() => setConfirming(false)} title="Switch to On Call Connected?">
        <Stack>
          <Alert color="yellow">
            Calls will be recorded from the moment they connect. Custom Queue and Individual defaults are hidden and ignored; only the
            Exclusion List settings are applied.
          </Alert>
          {save.isError && <ErrorAlert error={save.error} title="Not saved" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate({ current: defaults, change: { trigger: 'on_call_connected' } }, { onSuccess: () => setConfirming(false) })
              }
            >
              Switch to On Call Connected
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  );
}
