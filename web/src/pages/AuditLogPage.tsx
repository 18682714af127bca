/** Audit log (C15): who changed what, when, from where; filtered, paged, exported as CSV. */
import { Anchor, Button, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ScrollTable } from '../components/ScrollTable';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { keys, useNetworkId } from '../api/queries';
import { useSession } from '../api/session';
import { ProblemPage } from '../components/ProblemPage';
import { EmptyState, ErrorAlert } from '../components/QueryState';

interface Filters {
  tenantId: string | null;
  action: string;
  source: 'api' | 'ui' | 'cli' | null;
  from: string;
  to: string;
}

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
        <Select
          label="Tenant"
          placeholder="All tenants"
          clearable
          data={me.tenants.map((t) => ({ value: t.id, label: t.name }))}
          value={filters.tenantId}
          onChange={(tenantId) => setFilters({ ...filters, tenantId })}
        />
        <TextInput
          label="Action"
          placeholder="e.g. continuity.switch_on"
          value={filters.action}
          onChange={(e) => setFilters({ ...filters, action: e.currentTarget.value })}
        />
        <Select
          label="Source"
          placeholder="Any"
          clearable
          data={[
            { value: 'ui', label: 'Web UI' },
            { value: 'api', label: 'API' },
            { value: 'cli', label: 'CLI' },
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
          <Table striped aria-label="Audit log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{new Date(entry.at).toLocaleString()}</Table.Td>
                  <Table.Td>{entry.actor.name}</Table.Td>
                  <Table.Td>{entry.source}</Table.Td>
                  <Table.Td>{entry.action}</Table.Td>
                  <Table.Td>
                    {entry.resourceType} {entry.resourceId}
                  </Table.Td>
                  <Table.Td>
                    <Code>{JSON.stringify(entry.before)}</Code> → <Code>{JSON.stringify(entry.after)}</Code>
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
