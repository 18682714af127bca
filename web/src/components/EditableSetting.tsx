/**
 * One setting as the product pages show it: its current value and an Edit button; editing offers
 * the options, and Confirm saves. A refused save keeps the choice on screen with the server's message.
 */
import { Button, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from './QueryState';

export interface SettingOption<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly description?: string;
}

interface Props<T extends string> {
  readonly title: string;
  readonly value: T;
  readonly options: readonly SettingOption<T>[];
  readonly editable: boolean;
  readonly onConfirm: (value: T) => Promise<unknown>;
  /** What the setting does and does not cover, shown under its value (the product pages' notes). */
  readonly note?: string;
}

export function EditableSetting<T extends string>({ title, value, options, editable, onConfirm, note }: Props<T>) {
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<T>(value);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const current = options.find((o) => o.value === value);
  const slug = title.toLowerCase().replace(/\W+/g, '-');

  const confirm = async () => {
    setSaving(true);
    setError(null);
    try {
      await onConfirm(choice);
      setEditing(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="sm" data-testid={`setting-${slug}`} role="group" aria-label={title}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>{title}</Text>
          {!editing && (
            <Text size="sm" data-testid="setting-value">
              {current?.label ?? value}
            </Text>
          )}
          {note !== undefined && (
            <Text size="xs" c="dimmed">
              {note}
            </Text>
          )}
        </Stack>
        {editable && !editing && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setChoice(value);
              setEditing(true);
            }}
            aria-label={`Edit ${title}`}
          >
            Edit
          </Button>
        )}
      </Group>
      {editing && (
        <Stack mt="sm">
          <Radio.Group value={choice} onChange={(v) => setChoice(v as T)} aria-label={title}>
            <Stack gap="xs">
              {options.map((o) => (
                <Radio key={o.value} value={o.value} label={o.label} description={o.description} />
              ))}
            </Stack>
          </Radio.Group>
          {error !== null && <ErrorAlert error={error} title="Not saved" />}
          <Group>
            <Button size="xs" onClick={() => void confirm()} loading={saving}>
              Confirm
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
