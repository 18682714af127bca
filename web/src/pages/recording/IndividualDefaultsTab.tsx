/** Individual Recording Defaults (R7, R8, R10, R11): inbound and outbound calls of employees' direct lines. */
import { Alert, Anchor, Button, Stack, Table, Title } from '@mantine/core';
import { ScrollTable } from '../../components/ScrollTable';
import { Link } from 'react-router';
import { useEmployees } from '../../api/queries';
import { useEmployeeRecording, useSaveDefaults } from '../../api/recording';
import type { RecordingDefaults } from '../../api/types';
import { EditableSetting } from '../../components/EditableSetting';
import { MODE_LABELS } from '../../components/labels';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { ANNOUNCEMENT_OPTIONS, MODE_OPTIONS } from './mode-options';
import { OnCallConnectedNote } from './OnCallConnectedNote';

export function IndividualDefaultsTab({ defaults }: { defaults: RecordingDefaults }) {
  const save = useSaveDefaults();
  const employees = useEmployees();
  const reset = useEmployeeRecording();
  const editable = defaults.abilities.edit;
  if (defaults.trigger === 'on_call_connected') return <OnCallConnectedNote />;
  const { inbound, outbound } = defaults.individual;
  const setIndividual = (change: Partial<RecordingDefaults['individual']>) =>
    save.mutateAsync({ current: defaults, change: { individual: { ...defaults.individual, ...change } } });
  return (
    <Stack>
      <Title order={4}>Inbound Call Recording Defaults</Title>
      <EditableSetting
        title="Inbound Call Recording Default"
        value={inbound.mode}
        options={MODE_OPTIONS}
        editable={editable}
        onConfirm={(mode) => setIndividual({ inbound: { ...inbound, mode } })}
      />
      <EditableSetting
        title="Inbound Call Recording Announcement"
        value={inbound.announcement}
        options={ANNOUNCEMENT_OPTIONS}
        editable={editable}
        onConfirm={(announcement) => setIndividual({ inbound: { ...inbound, announcement } })}
      />
      <Title order={4}>Outbound Call Recording Defaults</Title>
      <EditableSetting
        title="Outbound Call Recording Default"
        value={outbound.mode}
        options={MODE_OPTIONS}
        editable={editable}
        onConfirm={(mode) => setIndividual({ outbound: { ...outbound, mode } })}
      />
      <EditableSetting
        title="Outbound Call Recording Announcement"
        value={outbound.announcement}
        options={ANNOUNCEMENT_OPTIONS}
        editable={editable}
        onConfirm={(announcement) => setIndividual({ outbound: { ...outbound, announcement } })}
      />
      <Alert color="yellow" title="Pause manually on calls without a tenant">
        Recordings cannot be paused automatically on calls without a linked tenant, such as direct employee calls and outbound calls made
        through the keypad. Employees must pause those recordings manually when taking sensitive information.
      </Alert>
      <Title order={4}>Employees with Custom Settings</Title>
      {reset.isError && <ErrorAlert error={reset.error} title="Not reset" />}
      <QueryState query={employees}>
        {(data) => {
          const custom = data.employees.filter((e) => e.custom);
          if (custom.length === 0) return <EmptyState>No employee has custom settings: everyone uses the defaults.</EmptyState>;
          return (
            <ScrollTable label="Employees with Custom Settings">
              <Table aria-label="Employees with Custom Settings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Employee</Table.Th>
                    <Table.Th>Inbound</Table.Th>
                    <Table.Th>Outbound</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {custom.map((e) => (
                    <Table.Tr key={e.id} data-testid={`custom-employee-${e.id}`}>
                      <Table.Td>
                        <Anchor component={Link} to={`/employees/${e.id}`}>
                          {e.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{MODE_LABELS[e.effective.inbound.mode]}</Table.Td>
                      <Table.Td>{MODE_LABELS[e.effective.outbound.mode]}</Table.Td>
                      <Table.Td>
                        {editable && (
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={`Reset ${e.name} to Default`}
                            onClick={() => reset.mutate({ employeeId: e.id, version: e.version, custom: null })}
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
