/** Audit log (C15): who changed what, when, from where; filtered, paged, exported as CSV. */
import { Anchor, Button, Code, Group, List, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ScrollTable } from '../components/ScrollTable';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { keys, useNetworkId } from '../api/queries';
import { useSession } from '../api/session';
import { ProblemPage } from '../components/ProblemPage';
import { EmptyState, ErrorAlert } from '../components/QueryState';
import { TenantSelect } from '../components/TenantSelect';

interface Filters {
  tenantId: string | null;
  action: string;
  source: 'api' | 'ui' | 'cli' | null;
  from: string;
  to: string;
}

const SOURCES: Record<string, string> = { ui: 'Web UI', api: 'API', cli: 'Command line', schedule: 'Schedule' };

/** The changes the log records, in words, for the filter. */
const ACTIONS = [
  { value: 'continuity.switch_on', label: 'Call Continuity turned on' },
  { value: 'continuity.switch_off', label: 'Call Continuity turned off' },
  { value: 'continuity.turn_on_for_all', label: 'Turn On For All' },
  { value: 'continuity.turn_off_for_all', label: 'Turn Off For All' },
  { value: 'continuity.schedule', label: 'Call Continuity scheduled' },
  { value: 'continuity.schedule_change', label: 'Call Continuity schedule moved' },
  { value: 'continuity.schedule_cancel', label: 'Call Continuity schedule cancelled' },
  { value: 'continuity.schedule_failed', label: 'Call Continuity schedule failed' },
  { value: 'continuity.default_destination', label: 'Default continuity destination' },
  { value: 'continuity.chain', label: 'Continuity chain' },
  { value: 'continuity.exception', label: 'Continuity number of a tracking number' },
  { value: 'recording_defaults.update', label: 'Recording defaults' },
  { value: 'queue.recording_custom', label: 'Queue custom recording settings' },
  { value: 'queue.recording_reset', label: 'Queue reset to defaults' },
  { value: 'employee.recording_custom', label: 'Employee custom recording settings' },
  { value: 'employee.recording_reset', label: 'Employee reset to defaults' },
  { value: 'exclusions.add', label: 'Exclusion List: number added' },
  { value: 'exclusions.remove', label: 'Exclusion List: number removed' },
  { value: 'exclusions.import', label: 'Exclusion List: file imported' },
  { value: 'tenant.core_recording', label: 'Core platform recording settings' },
  { value: 'tenant.create', label: 'Tenant added' },
  { value: 'tenant.update', label: 'Tenant changed' },
  { value: 'tracking_number.create', label: 'Tracking number added' },
  { value: 'tracking_number.workflow', label: 'Tracking number workflow' },
  { value: 'tracking_number.delete', label: 'Tracking number removed' },
  { value: 'queue.create', label: 'Queue added' },
  { value: 'queue.rename', label: 'Queue renamed' },
  { value: 'queue.delete', label: 'Queue removed' },
  { value: 'employee.create', label: 'Employee added' },
  { value: 'employee.update', label: 'Employee changed' },
  { value: 'employee.delete', label: 'Employee removed' },
  { value: 'voice_agent.create', label: 'Voice agent added' },
  { value: 'voice_agent.update', label: 'Voice agent changed' },
  { value: 'voice_agent.delete', label: 'Voice agent removed' },
  { value: 'token.create', label: 'API token created' },
  { value: 'token.revoke', label: 'API token revoked' },
  { value: 'tenant.recording_consent', label: 'Recording consent announcement (B7)' },
  { value: 'tenant.max_pause', label: 'Longest recording pause (B8)' },
  { value: 'call.recording_paused', label: 'Recording paused through the API (B8)' },
  { value: 'call.recording_resumed', label: 'Recording resumed through the API (B8)' },
  { value: 'tenant.recording_retention', label: 'Recording retention (B10)' },
  { value: 'legal_hold.place', label: 'Legal hold placed (B10)' },
  { value: 'legal_hold.lift', label: 'Legal hold lifted (B10)' },
  { value: 'recording.deleted', label: 'Recording deleted, past its retention (B10)' },
  { value: 'recording.listened', label: 'Recording listened to (B10)' },
  { value: 'recording.downloaded', label: 'Recording downloaded (B10)' },
  { value: 'twilio.account.set', label: 'Twilio account' },
];

const NONE: Filters = { tenantId: null, action: '', source: null, from: '', to: '' };

/** The filters as query parameters; a date filter covers whole days in the viewer's time zone. */
function toQuery(filters: Filters) {
  return {
    ...(filters.tenantId === null ? {} : { tenantId: filters.tenantId }),
    ...(filters.action.trim() === '' ? {} : { action: filters.action.trim() }),
    ...(filters.source === null ? {} : { source: filters.source }),
    ...(filters.from === '' ? {} : { from: new Date(`${filters.from}T00:00:00`).toISOString() }),
    ...(filters.to === '' ? {} : { to: new Date(`${filters.to}T23:59:59.999`).toISOString() }),
  };
}

export function AuditLogPage() {
  const networkId = useNetworkId();
  const me = useSession().data!;
  const [filters, setFilters] = useState<Filters>(NONE);
  const query = toQuery(filters);
  const log = useInfiniteQuery({
    queryKey: keys.of(networkId, 'audit', query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/networks/{networkId}/audit', {
          params: { path: { networkId }, query: { ...query, ...(pageParam === undefined ? {} : { before: pageParam }) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const csv = `/api/networks/${encodeURIComponent(networkId)}/audit?${new URLSearchParams({ ...query, format: 'csv', limit: '500' }).toString()}`;
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  // Not the person's page: one clear page, not the filters and the export around a refusal.
  if (!me.abilities.network.viewAuditLog || (log.error instanceof ApiError && log.error.status === 403))
    return <ProblemPage kind="no_access" />;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Audit log</Title>
        <Anchor href={csv} download="audit-log.csv">
          Export CSV
        </Anchor>
      </Group>
      <Group align="flex-end">
        <TenantSelect value={filters.tenantId} onChange={(tenantId) => setFilters({ ...filters, tenantId })} />
        <Select
          label="Change"
          placeholder="Any change"
          clearable
          searchable
          data={ACTIONS}
          value={filters.action === '' ? null : filters.action}
          onChange={(action) => setFilters({ ...filters, action: action ?? '' })}
        />
        <Select
          label="Source"
          placeholder="Any"
          clearable
          data={[
            { value: 'ui', label: 'Web UI' },
            { value: 'api', label: 'API' },
            { value: 'cli', label: 'CLI' },
            { value: 'schedule', label: 'Schedule' },
          ]}
          value={filters.source}
          onChange={(source) => setFilters({ ...filters, source: source as Filters['source'] })}
        />
        <TextInput
          label="From"
          type="date"
          value={filters.from}
          onChange={(e) => setFilters({ ...filters, from: e.currentTarget.value })}
        />
        <TextInput label="To" type="date" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.currentTarget.value })} />
        <Button variant="default" onClick={() => setFilters(NONE)}>
          Clear
        </Button>
      </Group>
      {log.isError && <ErrorAlert error={log.error} />}
      {log.isPending ? (
        <Text c="dimmed">Loading…</Text>
      ) : entries.length === 0 ? (
        <EmptyState>No changes match these filters.</EmptyState>
      ) : (
        <ScrollTable label="Audit log">
          <Table striped aria-label="Audit log" layout="fixed" miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>When</Table.Th>
                <Table.Th>What changed</Table.Th>
                <Table.Th w={110}>From</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id} data-testid={`audit-${entry.id}`}>
                  <Table.Td>{new Date(entry.at).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm">{entry.summary}</Text>
                      {entry.changes.length > 0 && (
                        <List size="sm" spacing={2} aria-label="Changes">
                          {entry.changes.map((change) => (
                            <List.Item key={change.field}>
                              <Text span size="sm" c="dimmed">
                                {change.field}:
                              </Text>{' '}
                              <Text span size="sm" td="line-through" c="dimmed" aria-label={`was ${change.before}`}>
                                {change.before}
                              </Text>{' '}
                              →{' '}
                              <Text span size="sm">
                                {change.after}
                              </Text>
                            </List.Item>
                          ))}
                        </List>
                      )}
                      <details>
                        <summary>
                          <Text span size="xs" c="dimmed">
                            Details
                          </Text>
                        </summary>
                        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                          {JSON.stringify(
                            {
                              action: entry.action,
                              resource: `${entry.resourceType} ${entry.resourceId ?? ''}`.trim(),
                              before: entry.before,
                              after: entry.after,
                            },
                            null,
                            2,
                          )}
                        </Code>
                      </details>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {SOURCES[entry.source] ?? entry.source}
                    {entry.address !== null && (
                      <Text size="xs" c="dimmed">
                        {entry.address}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
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
