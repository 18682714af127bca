/**
 * One setting as the product pages show it: its current value and an Edit button; editing offers
 * the options, and Confirm saves. A refused save keeps the choice on screen with the server's message.
 */
import { Button, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys, useNetworkId } from '../api/queries';
import { ErrorAlert } from './QueryState';
import { isStale, StaleNotice } from './StaleNotice';

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
  const client = useQueryClient();
  // After a refused save (someone else saved first) and a Reload: what is saved now, beside the choice kept.
  const [reloaded, setReloaded] = useState(false);
  const networkId = useNetworkId();
  const reload = async () => {
    // The network's settings, not every query of the app (the session, other networks' nothing).
    await client.invalidateQueries({ queryKey: keys.all(networkId) });
    setError(null);
    setReloaded(true);
  };
  const slug = title.toLowerCase().replace(/\W+/g, '-');

  const confirm = async () => {
    setSaving(true);
    setError(null);
    try {
      await onConfirm(choice);
      setEditing(false);
      setReloaded(false);
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
          {error !== null && !isStale(error) && <ErrorAlert error={error} title="Not saved" />}
          <StaleNotice error={error} onReload={reload} theirs={reloaded ? (current?.label ?? value) : null} />
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
