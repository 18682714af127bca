/**
 * B3: one webhook subscription's deliveries, newest first: status, attempts, the receiver's last
 * answer, each attempt on demand, and Try again for one given up.
 */
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, unwrap } from '../api/client';
import { keys, useNetworkId, useWrite } from '../api/queries';
import { EmptyState, ErrorAlert, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';

const STATUS_COLORS = { pending: 'orange', delivered: 'green', failed: 'red' } as const;

export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const networkId = useNetworkId();
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useQuery({
    queryKey: keys.of(networkId, 'webhooks', webhookId, 'deliveries'),
    queryFn: () =>
      unwrap(
        api.GET('/api/networks/{networkId}/webhooks/{webhookId}/deliveries', { params: { path: { networkId, webhookId }, query: {} } }),
      ),
    refetchInterval: 5000,
  });
  return (
    <QueryState query={deliveries}>
      {(data) =>
        data.deliveries.length === 0 ? (
          <EmptyState>Nothing sent yet: events appear here as they happen.</EmptyState>
        ) : (
          <ScrollTable label="Deliveries, scrolls sideways">
            <Table aria-label="Deliveries" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Last answer</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.deliveries.map((d) => (
                  <Fragment key={d.id}>
                    <Table.Tr data-testid={`delivery-${d.eventId}`}>
                      <Table.Td>
                        <Text size="sm">{d.type}</Text>
                        <Text size="xs" c="dimmed">
                          {d.eventId}, {new Date(d.createdAt).toLocaleString()}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLORS[d.status]} variant="light">
                          {d.status === 'failed' ? 'given up' : d.status}
                        </Badge>
                        {d.status === 'pending' && d.nextAttemptAt !== null && d.attempts > 0 && (
                          <Text size="xs" c="dimmed">
                            next try {new Date(d.nextAttemptAt).toLocaleTimeString()}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{d.attempts}</Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {d.lastError ?? (d.deliveredAt === null ? '—' : `delivered ${new Date(d.deliveredAt).toLocaleString()}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          {d.history.length > 0 && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              onClick={() => setOpen(open === d.id ? null : d.id)}
                              aria-expanded={open === d.id}
                            >
                              Attempts
                            </Button>
                          )}
                          {d.status === 'failed' && <RetryButton webhookId={webhookId} deliveryId={d.id} />}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {open === d.id && (
                      <Table.Tr>
                        <Table.Td colSpan={5}>
                          <Stack gap={2}>
                            {d.history.map((a, i) => (
                              <Text size="xs" key={`${a.at}-${i}`}>
                                {new Date(a.at).toLocaleString()}: {a.statusCode === null ? 'no answer' : `HTTP ${a.statusCode}`}
                                {a.error !== null && a.statusCode === null ? ` (${a.error})` : ''}, {a.durationMs} ms
                              </Text>
                            ))}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )
      }
    </QueryState>
  );
}

function RetryButton({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) {
  const retry = useWrite((networkId, _: null) =>
    unwrap(
      api.POST('/api/networks/{networkId}/webhooks/{webhookId}/deliveries/{deliveryId}/retry', {
        params: { path: { networkId, webhookId, deliveryId } },
      }),
    ),
  );
  return (
    <Stack gap={2}>
      <Button size="compact-xs" variant="light" loading={retry.isPending} onClick={() => retry.mutate(null)}>
        Try again
      </Button>
      {retry.isError && <ErrorAlert error={retry.error} title="Not tried again" />}
    </Stack>
  );
}
