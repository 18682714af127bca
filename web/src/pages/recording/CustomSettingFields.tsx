/** Mode and announcement pickers for a queue's or employee's custom recording settings, and the values in force when it has none. */
import { Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import type { Announcement, ModeSetting, RecordingMode } from '../../api/types';
import { ANNOUNCEMENT_LABELS, MODE_LABELS } from '../../components/labels';
import { ANNOUNCEMENT_OPTIONS, MODE_OPTIONS } from './mode-options';

export function CustomSettingFields({
  label,
  value,
  onChange,
  disabled,
}: {
  label: string;
  value: ModeSetting;
  onChange: (value: ModeSetting) => void;
  disabled: boolean;
}) {
  return (
    <Group align="flex-end">
      <Select
        label={`${label} Call Recording`}
        data={MODE_OPTIONS.map(({ value: v, label: l }) => ({ value: v, label: l }))}
        value={value.mode}
        allowDeselect={false}
        onChange={(mode) => mode !== null && onChange({ ...value, mode: mode as RecordingMode })}
        disabled={disabled}
      />
      <Select
        label={`${label} Announcement`}
        data={ANNOUNCEMENT_OPTIONS.map(({ value: v, label: l }) => ({ value: v, label: l }))}
        value={value.announcement}
        allowDeselect={false}
        w={{ base: '100%', sm: 360 }}
        onChange={(announcement) => announcement !== null && onChange({ ...value, announcement: announcement as Announcement })}
        disabled={disabled}
      />
    </Group>
  );
}

/** What a queue or employee without custom settings follows, with the values (R5, R8). */
export function InForce({ title, rows }: { title: string; rows: readonly (readonly [string, ModeSetting])[] }) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={title} data-testid="in-force">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {rows.map(([label, setting]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" fw={400} c="dimmed">
                  {label}
                </Table.Th>
                <Table.Td>{MODE_LABELS[setting.mode]}</Table.Td>
                <Table.Td>{ANNOUNCEMENT_LABELS[setting.announcement]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** A queue's or employee's setting in words: "custom: Always Record, never announce" or "the defaults: …". */
export function settingWords(custom: boolean, setting: ModeSetting): string {
  return `${custom ? 'custom settings' : 'the defaults'}: ${MODE_LABELS[setting.mode]}, ${ANNOUNCEMENT_LABELS[setting.announcement].toLowerCase()}`;
}
