/**
 * Webhooks (B3): network administrators subscribe receivers to what happens in the network
 * (continuity changes, schedules and approvals, calls, recordings). Each delivery is signed as the
 * Standard Webhooks convention says, with a secret shown once; every delivery is listed with its
 * attempts, and one given up can be tried again.
 */
import { Badge, Button, Checkbox, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { keys, useNetworkId, useWrite } from '../api/queries';
import { EmptyState, ErrorAlert, fieldError, formError, QueryState } from '../components/QueryState';
import { ShownOnce } from '../components/ShownOnce';
import { WebhookDeliveries } from './WebhookDeliveries';
import type { Webhook, WebhookEventType } from '../api/types';

type EventType = WebhookEventType;
type EventName = EventType['type'];

export function WebhooksPage() {
  const networkId = useNetworkId();
  const list = useQuery({
    queryKey: keys.of(networkId, 'webhooks'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/webhooks', { params: { path: { networkId } } })),
  });
  return (
    <Stack maw={1100}>
      <Title order={2}>Webhooks</Title>
      <Text c="dimmed" size="sm">
        Switchboard tells your systems what happens in this network. Each delivery is a signed POST (the Standard Webhooks headers{' '}
        <Code>webhook-id</Code>, <Code>webhook-timestamp</Code>, <Code>webhook-signature</Code>): check the signature with the
        receiver&apos;s secret, and use <Code>webhook-id</Code> to take each event once. Deliveries are tried again with a growing wait
        until the receiver answers, in order.
      </Text>
      <QueryState query={list}>
        {(data) => (
          <>
            <AddWebhookForm eventTypes={data.eventTypes} />
            {data.webhooks.length === 0 ? (
              <EmptyState>No receivers yet.</EmptyState>
            ) : (
              <Stack>
                {data.webhooks.map((webhook) => (
                  <WebhookCard key={webhook.id} webhook={webhook} eventTypes={data.eventTypes} />
                ))}
              </Stack>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function EventTypesField({
  eventTypes,
  value,
  onChange,
  error,
}: {
  eventTypes: EventType[];
  value: EventName[];
  onChange: (value: EventName[]) => void;
  error?: string | undefined;
}) {
  return (
    <Checkbox.Group label="Events" value={value} onChange={(v) => onChange(v as EventName[])} error={error}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
        {eventTypes.map((t) => (
          <Checkbox key={t.type} value={t.type} label={t.label} description={t.type} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

function AddWebhookForm({ eventTypes }: { eventTypes: EventType[] }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<EventName[]>(['continuity.changed']);
  const [secret, setSecret] = useState<string | null>(null);
  const add = useWrite((networkId, body: { url: string; description: string; eventTypes: EventName[] }) =>
    unwrap(api.POST('/api/networks/{networkId}/webhooks', { params: { path: { networkId } }, body })),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    add.mutate(
      { url, description, eventTypes: types },
      {
        onSuccess: (made) => {
          setSecret(made.secret);
          setUrl('');
          setDescription('');
        },
      },
    );
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="add-webhook-title">
      <Stack>
        <Title order={4} id="add-webhook-title">
          Add a receiver
        </Title>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Address"
            placeholder="https://crm.example.com/hooks/switchboard"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={fieldError(add.error, 'url')}
            w={{ base: '100%', sm: 420 }}
          />
          <TextInput
            label="What it is"
            placeholder="CRM"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(add.error, 'description')}
            w={{ base: '100%', sm: 240 }}
          />
        </Group>
        <EventTypesField eventTypes={eventTypes} value={types} onChange={setTypes} error={fieldError(add.error, 'eventTypes')} />
        {formError(add.error, ['url', 'description', 'eventTypes']) !== undefined && <ErrorAlert error={add.error} title="Not added" />}
        {secret !== null && (
          <ShownOnce
            title="Receiver added: copy its secret now"
            note="It signs every delivery to this receiver and is not shown again."
            value={secret}
            testId="webhook-secret"
          />
        )}
        <Group>
          <Button type="submit" loading={add.isPending} disabled={types.length === 0}>
            Add receiver
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function WebhookCard({ webhook, eventTypes }: { webhook: Webhook; eventTypes: EventType[] }) {
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const change = useWrite((networkId, body: Omit<Webhook, 'id' | 'createdAt'>) =>
    unwrap(
      api.PUT('/api/networks/{networkId}/webhooks/{webhookId}', {
        params: { path: { networkId, webhookId: webhook.id } },
        body,
      }),
    ),
  );
  const remove = useWrite((networkId, _: null) =>
    unwrap(api.DELETE('/api/networks/{networkId}/webhooks/{webhookId}', { params: { path: { networkId, webhookId: webhook.id } } })),
  );
  const label = webhook.description === '' ? webhook.url : `${webhook.description} (${webhook.url})`;
  return (
    <Paper withBorder p="md" aria-label={`Receiver ${label}`} component="section">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={0}>
            <Text fw={600}>{webhook.description === '' ? 'Receiver' : webhook.description}</Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {webhook.url}
            </Text>
          </Stack>
          <Badge color={webhook.enabled ? 'green' : 'gray'} variant="light">
            {webhook.enabled ? 'Sending' : 'Paused'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Events: {webhook.eventTypes.join(', ')}
        </Text>
        {editing ? (
          <EditWebhook webhook={webhook} eventTypes={eventTypes} onDone={() => setEditing(false)} />
        ) : (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setShowDeliveries(!showDeliveries)} aria-expanded={showDeliveries}>
              Deliveries
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button
              size="xs"
              variant="default"
              loading={change.isPending}
              onClick={() =>
                change.mutate({
                  url: webhook.url,
                  description: webhook.description,
                  eventTypes: webhook.eventTypes,
                  enabled: !webhook.enabled,
                })
              }
            >
              {webhook.enabled ? 'Pause' : 'Resume'}
            </Button>
            {removing ? (
              <>
                <Text size="sm">Remove it and its deliveries?</Text>
                <Button size="xs" color="red" loading={remove.isPending} onClick={() => remove.mutate(null)}>
                  Remove
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setRemoving(false)}>
                  Keep
                </Button>
              </>
            ) : (
              <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(true)}>
                Remove…
              </Button>
            )}
          </Group>
        )}
        {change.isError && <ErrorAlert error={change.error} title="Not changed" />}
        {remove.isError && <ErrorAlert error={remove.error} title="Not removed" />}
        {showDeliveries && <WebhookDeliveries webhookId={webhook.id} />}
      </Stack>
    </Paper>
  );
}

function EditWebhook({ webhook, eventTypes, onDone }: { webhook: Webhook; eventTypes: EventType[]; onDone: () => void }) {
  const [url, setUrl] = useState(webhook.url);
  const [description, setDescription] = useState(webhook.description);
  const [types, setTypes] = useState(webhook.eventTypes);
  const save = useWrite((networkId, body: Omit<Webhook, 'id' | 'createdAt'>) =>
    unwrap(
      api.PUT('/api/networks/{networkId}/webhooks/{webhookId}', {
        params: { path: { networkId, webhookId: webhook.id } },
        body,
      }),
    ),
  );
  return (
    <Stack
      component="form"
      gap="xs"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        save.mutate({ url, description, eventTypes: types, enabled: webhook.enabled }, { onSuccess: onDone });
      }}
    >
      <TextInput label="Address" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(save.error, 'url')} />
      <TextInput label="What it is" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      <EventTypesField eventTypes={eventTypes} value={types} onChange={setTypes} error={fieldError(save.error, 'eventTypes')} />
      {formError(save.error, ['url', 'eventTypes']) !== undefined && <ErrorAlert error={save.error} title="Not saved" />}
      <Group gap="xs">
        <Button size="xs" type="submit" loading={save.isPending} disabled={types.length === 0}>
          Save
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
