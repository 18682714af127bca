/** Queue Recording Defaults (R4, R5, R6): mode and announcement for every queue without custom settings, and every queue with what it follows. */
import { Stack, Text, Title } from '@mantine/core';
import { SubjectList } from '../../components/SubjectList';
import { useQueues } from '../../api/queries';
import { useQueueRecording, useSaveDefaults } from '../../api/recording';
import type { RecordingDefaults } from '../../api/types';
import { EditableSetting } from '../../components/EditableSetting';
import { ANNOUNCEMENT_LABELS, MODE_LABELS } from '../../components/labels';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { ANNOUNCEMENT_OPTIONS, MODE_OPTIONS } from './mode-options';
import { OnCallConnectedNote } from './OnCallConnectedNote';

export function QueueDefaultsTab({ defaults }: { defaults: RecordingDefaults }) {
  const save = useSaveDefaults();
  const queues = useQueues();
  const reset = useQueueRecording();
  const editable = defaults.abilities.edit;
  if (defaults.trigger === 'on_call_connected') return <OnCallConnectedNote />;
  return (
    <Stack>
      <Title order={4}>Inbound Call Recording Defaults</Title>
      <EditableSetting
        title="Call Recording Default"
        value={defaults.queue.mode}
        options={MODE_OPTIONS}
        editable={editable}
        onConfirm={(mode) => save.mutateAsync({ current: defaults, change: { queue: { ...defaults.queue, mode } } })}
      />
      <EditableSetting
        title="Call Recording Announcement"
        value={defaults.queue.announcement}
        options={ANNOUNCEMENT_OPTIONS}
        editable={editable}
        onConfirm={(announcement) => save.mutateAsync({ current: defaults, change: { queue: { ...defaults.queue, announcement } } })}
      />
      <Text size="sm" c="dimmed">
        If a queue call is redirected to another queue, the settings of the queue that answers the call apply.
      </Text>
      <Title order={4}>Queues</Title>
      <Text size="sm" c="dimmed">
        Custom settings are set on the queue&apos;s page; they override the defaults, even if the defaults change later.
      </Text>
      {reset.isError && <ErrorAlert error={reset.error} title="Not reset" />}
      <QueryState query={queues}>
        {(data) => (
          <SubjectList
            label="Queues"
            testId="queue"
            rows={data.queues}
            pageOf={(q) => `/queues/${q.id}`}
            columns={[
              { header: 'Call Recording', cell: (q) => MODE_LABELS[q.effective.mode] },
              { header: 'Announcement', cell: (q) => ANNOUNCEMENT_LABELS[q.effective.announcement] },
            ]}
            onReset={editable ? (q) => reset.mutate({ queueId: q.id, version: q.version, custom: null }) : undefined}
          />
        )}
      </QueryState>
    </Stack>
  );
}
