/** Mode and announcement pickers for a queue's or employee's custom recording settings. */
import { Group, Select } from '@mantine/core';
import type { Announcement, ModeSetting, RecordingMode } from '../../api/types';
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
        data={ANNOUNCEMENT_OPTIONS}
        value={value.announcement}
        allowDeselect={false}
        w={360}
        onChange={(announcement) => announcement !== null && onChange({ ...value, announcement: announcement as Announcement })}
        disabled={disabled}
      />
    </Group>
  );
}
