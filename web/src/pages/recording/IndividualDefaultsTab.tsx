/** Individual Recording Defaults (R7, R8, R10, R11): inbound and outbound calls of employees' direct lines. */
import { Alert, Stack, Text, Title } from '@mantine/core';
import { SubjectList } from '../../components/SubjectList';
import { useEmployees } from '../../api/queries';
import { useEmployeeRecording, useSaveDefaults } from '../../api/recording';
import type { RecordingDefaults } from '../../api/types';
import { EditableSetting } from '../../components/EditableSetting';
import { formatNumber, MODE_LABELS } from '../../components/labels';
import { ErrorAlert, QueryState } from '../../components/QueryState';
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
      <Text size="sm" c="dimmed">
        These settings apply to all calls to or from an employee&apos;s direct line. They do not apply to inbound calls through
        click-to-call.
      </Text>
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
        note="Only for additional announcements: it does not change the recording announcement in the workflows."
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
        note="Only for additional announcements: it does not change the recording announcement in the workflows."
        value={outbound.announcement}
        options={ANNOUNCEMENT_OPTIONS}
        editable={editable}
        onConfirm={(announcement) => setIndividual({ outbound: { ...outbound, announcement } })}
      />
      <Alert color="yellow" title="Pause manually on calls without a tenant">
        Recordings cannot be paused automatically on calls without a linked tenant, such as direct employee calls and outbound calls made
        through the keypad. Employees must pause those recordings manually when taking sensitive information.
      </Alert>
      <Title order={4}>Employees</Title>
      <Text size="sm" c="dimmed">
        Custom settings are set on the employee&apos;s page (User Management); they override the defaults, even if the defaults change
        later.
      </Text>
      {reset.isError && <ErrorAlert error={reset.error} title="Not reset" />}
      <QueryState query={employees}>
        {(data) => (
          <SubjectList
            label="Employees"
            testId="employee"
            rows={data.employees}
            pageOf={(e) => `/employees/${e.id}`}
            columns={[
              { header: 'Direct line', cell: (e) => (e.directLine === null ? 'None' : formatNumber(e.directLine)) },
              { header: 'Inbound', cell: (e) => MODE_LABELS[e.effective.inbound.mode] },
              { header: 'Outbound', cell: (e) => MODE_LABELS[e.effective.outbound.mode] },
            ]}
            onReset={editable ? (e) => reset.mutate({ employeeId: e.id, version: e.version, custom: null }) : undefined}
          />
        )}
      </QueryState>
    </Stack>
  );
}
