/** An employee's page with their recording settings: the individual defaults, or custom ones (R8). */
import { Anchor, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { SavedNote } from '../../components/SavedNote';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useEmployees, useRecordingDefaults } from '../../api/queries';
import { useEmployeeRecording } from '../../api/recording';
import type { Employee, RecordingDefaults } from '../../api/types';
import { formatNumber } from '../../components/labels';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { CustomSettingFields, InForce, settingWords } from './CustomSettingFields';
import { isStale, StaleNotice } from '../../components/StaleNotice';

export function EmployeeEditPage() {
  const { employeeId = '' } = useParams();
  const employees = useEmployees();
  const defaults = useRecordingDefaults();
  return (
    <Stack maw={860}>
      <Anchor component={Link} to="/recording-defaults/individual" size="sm">
        ← Individual Defaults
      </Anchor>
      <QueryState query={employees}>
        {(data) => {
          const employee = data.employees.find((e) => e.id === employeeId);
          if (employee === undefined) return <ErrorAlert error={new Error('not found')} title={`No employee "${employeeId}"`} />;
          return (
            <EmployeeForm
              key={employee.id}
              employee={employee}
              defaults={defaults.data?.individual}
              editable={defaults.data?.abilities.edit ?? false}
            />
          );
        }}
      </QueryState>
    </Stack>
  );
}

function EmployeeForm({
  employee,
  defaults,
  editable,
}: {
  employee: Employee;
  defaults: RecordingDefaults['individual'] | undefined;
  editable: boolean;
}) {
  const [custom, setCustom] = useState(employee.custom);
  const initial = employee.customRecording ?? defaults ?? employee.effective;
  const [inbound, setInbound] = useState(initial.inbound);
  const [outbound, setOutbound] = useState(initial.outbound);
  const [version, setVersion] = useState(employee.version);
  const save = useEmployeeRecording();
  const employees = useEmployees();
  const [theirs, setTheirs] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { employeeId: employee.id, version, custom: custom ? { inbound, outbound } : null },
      {
        onSuccess: (saved) => {
          setVersion(saved.version);
          setTheirs(null);
        },
      },
    );
  };
  const reload = async () => {
    const fresh = (await employees.refetch()).data?.employees.find((e) => e.id === employee.id);
    if (fresh === undefined) return;
    setVersion(fresh.version);
    save.reset();
    setTheirs(
      `inbound ${settingWords(fresh.custom, fresh.effective.inbound)}; outbound ${settingWords(fresh.custom, fresh.effective.outbound)}`,
    );
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack>
        <Title order={2}>{employee.name}</Title>
        <Text size="sm" c="dimmed">
          {employee.directLine === null ? 'No direct line' : `Direct line ${formatNumber(employee.directLine)}`}
        </Text>
        <Radio.Group label="Call recording" value={custom ? 'custom' : 'default'} onChange={(v) => setCustom(v === 'custom')}>
          <Stack gap="xs" mt="xs">
            <Radio value="default" label="Use the Individual Defaults" disabled={!editable} />
            <Radio
              value="custom"
              label="Custom settings"
              description="Override the defaults, even if the defaults change later."
              disabled={!editable}
            />
          </Stack>
        </Radio.Group>
        {custom && (
          <>
            <CustomSettingFields label="Inbound" value={inbound} onChange={setInbound} disabled={!editable} />
            <CustomSettingFields label="Outbound" value={outbound} onChange={setOutbound} disabled={!editable} />
          </>
        )}
        {!custom && defaults !== undefined && (
          <InForce
            title="Follows the Individual Defaults"
            rows={[
              ['Inbound', defaults.inbound],
              ['Outbound', defaults.outbound],
            ]}
          />
        )}
        {save.isError && !isStale(save.error) && <ErrorAlert error={save.error} title="Not saved" />}
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
