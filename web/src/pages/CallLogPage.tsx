/**
 * Call log (L5): each call, where it was logged, what was recorded, and every rule that decided it.
 * B10: a recorded call can be listened to or downloaded (each audited), with how long it is kept.
 */
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ScrollTable } from '../components/ScrollTable';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, unwrap } from '../api/client';
import { keys, useNames, useNetworkId } from '../api/queries';
import { useSession } from '../api/session';
import { formatNumber } from '../components/labels';
import { describeAttempts, describeConsent, describeRoute, Reasons } from '../components/PlanView';
import { EmptyState, ErrorAlert } from '../components/QueryState';
import { TenantSelect } from '../components/TenantSelect';

export function CallLogPage() {
  const networkId = useNetworkId();
  const me = useSession().data!;
  const names = useNames();
  const [tenantId, setTenantId] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [listening, setListening] = useState<string | null>(null);
  const audioOf = (recordingId: string) => `/api/networks/${networkId}/recordings/${encodeURIComponent(recordingId)}/audio`;
  const log = useInfiniteQuery({
    queryKey: keys.of(networkId, 'calls', tenantId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/networks/{networkId}/calls', {
          params: {
            path: { networkId },
            query: { ...(tenantId === null ? {} : { tenantId }), ...(pageParam === undefined ? {} : { before: pageParam }) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const calls = log.data?.pages.flatMap((page) => page.calls) ?? [];
  const tenantName = (id: string | null) => (id === null ? 'No tenant' : (me.tenants.find((t) => t.id === id)?.name ?? id));

  return (
    <Stack>
      <Title order={2}>Call log</Title>
      <Group>
        <TenantSelect value={tenantId} onChange={setTenantId} />
      </Group>
      {log.isError && <ErrorAlert error={log.error} />}
      {log.isPending ? (
        <Text c="dimmed">Loading…</Text>
      ) : calls.length === 0 ? (
        <EmptyState>
          No calls yet. Calls appear here as the telephony edges (or the agent console&apos;s simulated calls) handle them.
        </EmptyState>
      ) : (
        <ScrollTable label="Call log">
          <Table aria-label="Call log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Tenant</Table.Th>
                <Table.Th>Call</Table.Th>
                <Table.Th>Route</Table.Th>
                <Table.Th>Recorded</Table.Th>
                <Table.Th>Logged in</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calls.map((call) => (
                <Fragment key={call.id}>
                  <Table.Tr data-testid={`call-${call.id}`}>
                    <Table.Td>{new Date(call.startedAt).toLocaleString()}</Table.Td>
                    <Table.Td>{tenantName(call.tenantId)}</Table.Td>
                    <Table.Td>
                      {call.direction} {formatNumber(call.from)} → {formatNumber(call.to)}
                    </Table.Td>
                    <Table.Td>
                      {describeRoute(call.route, names)}
                      {call.attempts.length > 0 && (
                        <Text size="xs" c="dimmed" data-testid={`attempts-${call.id}`}>
                          Tried first: {describeAttempts(call.attempts, names)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {call.segments.length === 0 ? 'No' : call.segments.map((s) => `${s.start}s–${s.end ?? '…'}s`).join(', ')}
                      {call.recordings.map((recording, n) => {
                        const which = `${call.recordings.length > 1 ? `recording ${n + 1}` : 'the recording'} of the call from ${formatNumber(call.from)}`;
                        return (
                          <Stack gap={0} mt={4} key={recording.id}>
                            <Group gap={4} wrap="nowrap">
                              <Button
                                size="compact-xs"
                                variant="light"
                                onClick={() => setListening(listening === recording.id ? null : recording.id)}
                                aria-expanded={listening === recording.id}
                                aria-label={`Listen to ${which}`}
                              >
                                Listen
                              </Button>
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                component="a"
                                href={`${audioOf(recording.id)}?as=download`}
                                aria-label={`Download ${which}`}
                              >
                                Download
                              </Button>
                            </Group>
                            <Text size="xs" c="dimmed" data-testid={`kept-${recording.id}`}>
                              {recording.held
                                ? 'On legal hold: kept until the hold is lifted'
                                : recording.keptUntil === null
                                  ? 'Kept for ever'
                                  : `Kept until ${new Date(recording.keptUntil).toLocaleDateString()}`}
                            </Text>
                          </Stack>
                        );
                      })}
                      {call.consent !== null && (
                        <Text size="xs" c="dimmed" data-testid={`consent-${call.id}`}>
                          Consent: {describeConsent(call.consent)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {call.loggedIn.map((place) => place.replace('_', ' ')).join(', ')}
                      {call.synced ? ' (synced)' : ''}
                    </Table.Td>
                    <Table.Td>
                      {call.source === 'simulated' ? (
                        <Badge variant="light" color="gray">
                          simulated
                        </Badge>
                      ) : (
                        call.source
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setOpen(open === call.id ? null : call.id)}
                        aria-expanded={open === call.id}
                      >
                        Reasons
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {call.recordings
                    .filter((recording) => recording.id === listening)
                    .map((recording) => (
                      <Table.Tr key={`listen-${recording.id}`}>
                        <Table.Td colSpan={8}>
                          <Text size="xs" c="dimmed">
                            Each listen and download is recorded in the audit log, with your name and address.
                          </Text>
                          <audio
                            controls
                            preload="none"
                            src={`${audioOf(recording.id)}?as=listen`}
                            aria-label={`Recording of the call from ${formatNumber(call.from)}`}
                            style={{ width: '100%', maxWidth: 480 }}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  {open === call.id && (
                    <Table.Tr>
                      <Table.Td colSpan={8}>
                        <Reasons reasons={call.reasons} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {log.hasNextPage && (
        <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Stack>
  );
}
