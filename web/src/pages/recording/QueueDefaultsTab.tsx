/** Queue Recording Defaults (R4, R5, R6): mode and announcement for every queue without custom settings. */
import { Anchor, Button, Stack, Table, Title } from '@mantine/core';
import { ScrollTable } from '../../components/ScrollTable';
import { Link } from 'react-router';
import { useQueues } from '../../api/queries';
import { useQueueRecording, useSaveDefaults } from '../../api/recording';
import type { RecordingDefaults } from '../../api/types';
import { EditableSetting } from '../../components/EditableSetting';
import { ANNOUNCEMENT_LABELS, MODE_LABELS } from '../../components/labels';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
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
      <Title order={4}>Queues with Custom Settings</Title>
      {reset.isError && <ErrorAlert error={reset.error} title="Not reset" />}
      <QueryState query={queues}>
        {(data) => {
          const custom = data.queues.filter((q) => q.custom);
          if (custom.length === 0) return <EmptyState>No queue has custom settings: every queue uses the defaults.</EmptyState>;
          return (
            <ScrollTable label="Queues with Custom Settings">
              <Table aria-label="Queues with Custom Settings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Queue</Table.Th>
                    <Table.Th>Call Recording</Table.Th>
                    <Table.Th>Announcement</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {custom.map((q) => (
                    <Table.Tr key={q.id} data-testid={`custom-queue-${q.id}`}>
                      <Table.Td>
                        <Anchor component={Link} to={`/queues/${q.id}`}>
                          {q.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{MODE_LABELS[q.effective.mode]}</Table.Td>
                      <Table.Td>{ANNOUNCEMENT_LABELS[q.effective.announcement]}</Table.Td>
                      <Table.Td>
                        {editable && (
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={`Reset ${q.name} to Default`}
                            onClick={() => reset.mutate({ queueId: q.id, version: q.version, custom: null })}
                          >
                            Reset to Default
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          );
        }}
      </QueryState>
    </Stack>
  );
}
