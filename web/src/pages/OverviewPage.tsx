/**
 * Overview (issue 15): inbound calls per 5 minutes over the last hours by where they went (the
 * normal workflow, Call Continuity, the failsafe) and the recordings made and paused, for the
 * network or one tenant, with each continuity switch marked where it happened. During an outage
 * an administrator sees at once how many calls went to the backup, and whether the switch took
 * effect: after its mark, the calls move from one colour to the other.
 */
import { BarChart, LineChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { keys, useNetworkId } from '../api/queries';
import { useSession } from '../api/session';
import { QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { TenantSelect } from '../components/TenantSelect';

type Overview = Awaited<ReturnType<typeof fetchOverview>>;

const fetchOverview = (networkId: string, tenantId: string | null, hours: number) =>
  unwrap(
    api.GET('/api/networks/{networkId}/overview', {
      params: { path: { networkId }, query: { hours, ...(tenantId === null ? {} : { tenantId }) } },
    }),
  );

const SERIES = [
  { name: 'workflow', label: 'Normal workflow', color: 'blue.7' },
  { name: 'continuity', label: 'Call Continuity', color: 'orange.7' },
  { name: 'failsafe', label: 'Failsafe', color: 'red.8' },
];

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function OverviewPage() {
  const networkId = useNetworkId();
  const me = useSession().data!;
  // The tenant and the window are part of the address: a link to "Sunrise Plumbing, last hour" shows that.
  const [params, setParams] = useSearchParams();
  const tenantId = params.get('tenant');
  const hours = Number(params.get('hours') ?? '24') || 24;
  const set = (next: { tenant?: string | null; hours?: number }) => {
    const tenant = next.tenant === undefined ? tenantId : next.tenant;
    const window = next.hours ?? hours;
    setParams({ ...(tenant === null ? {} : { tenant }), ...(window === 24 ? {} : { hours: String(window) }) }, { replace: true });
  };
  const overview = useQuery({
    queryKey: keys.of(networkId, 'overview', tenantId ?? 'all', hours),
    queryFn: () => fetchOverview(networkId, tenantId, hours),
    // Calls keep coming: the picture follows them without a reload.
    refetchInterval: 30_000,
  });
  const names = new Map(me.tenants.map((t) => [t.id, t.name]));

  return (
    <Stack>
      <Title order={2}>Overview</Title>
      <Group align="flex-end">
        <TenantSelect value={tenantId} onChange={(tenant) => set({ tenant })} />
        <SegmentedControl
          aria-label="Window"
          value={String(hours)}
          onChange={(value) => set({ hours: Number(value) })}
          data={[
            { value: '1', label: 'Last hour' },
            { value: '6', label: '6 hours' },
            { value: '24', label: '24 hours' },
          ]}
        />
      </Group>
      <QueryState query={overview}>{(data) => <Charts data={data} names={names} hours={hours} />}</QueryState>
    </Stack>
  );
}

function Charts({ data, names, hours }: { data: Overview; names: ReadonlyMap<string, string>; hours: number }) {
  const rows = data.buckets.map((b) => ({ ...b, time: time(b.at) }));
  const calls = data.totals.workflow + data.totals.continuity + data.totals.failsafe;
  // The last 15 minutes say whether a switch made just now took effect.
  const recent = data.buckets
    .slice(-3)
    .reduce((sum, b) => ({ continuity: sum.continuity + b.continuity, all: sum.all + b.workflow + b.continuity + b.failsafe }), {
      continuity: 0,
      all: 0,
    });
  const bucketOf = (iso: string) => time(new Date(Math.floor(Date.parse(iso) / 300_000) * 300_000).toISOString());
  const switchLines = data.switches.map((s) => ({
    x: bucketOf(s.at),
    label: `${s.enabled ? 'On' : 'Off'}: ${s.forAll ? 'all' : s.tenantIds.map((id) => names.get(id) ?? id).join(', ')}`,
    color: s.enabled ? 'orange.9' : 'gray.7',
  }));
  const window = hours === 1 ? 'the last hour' : `the last ${hours} hours`;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="overview-totals">
        <Stat label="Normal workflow" value={data.totals.workflow} />
        <Stat label="Call Continuity" value={data.totals.continuity} />
        <Stat label="Failsafe" value={data.totals.failsafe} />
        <Stat label="Recorded" value={data.totals.recorded} />
        <Stat label="Paused" value={data.totals.paused} />
      </SimpleGrid>
      <Text size="sm" data-testid="overview-summary">
        {calls === 0
          ? `No inbound calls in ${window}.`
          : `${calls} inbound calls in ${window}: ${data.totals.continuity} went to Call Continuity, ${data.totals.failsafe} to the failsafe.`}{' '}
        In the last 15 minutes, {recent.continuity} of {recent.all} went to Call Continuity.
        {data.switches.length > 0 &&
          ` Last switch: ${switchLines.at(-1)!.label} at ${time(data.switches.at(-1)!.at)} by ${data.switches.at(-1)!.actor}.`}
      </Text>
      <Paper withBorder p="md">
        <Title order={4} id="calls-chart">
          Calls per 5 minutes, by where they went
        </Title>
        <BarChart
          h={260}
          mt="sm"
          data={rows}
          dataKey="time"
          type="stacked"
          series={SERIES}
          withLegend
          referenceLines={switchLines}
          aria-labelledby="calls-chart"
          role="img"
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} id="recordings-chart">
          Recordings made and paused per 5 minutes
        </Title>
        <LineChart
          h={200}
          mt="sm"
          data={rows}
          dataKey="time"
          series={[
            { name: 'recorded', label: 'Recorded', color: 'teal.8' },
            { name: 'paused', label: 'Paused', color: 'grape.8' },
          ]}
          withLegend
          curveType="step"
          withDots={false}
          aria-labelledby="recordings-chart"
          role="img"
        />
      </Paper>
      <details>
        <summary>
          <Text span size="sm">
            The figures as a table
          </Text>
        </summary>
        <ScrollTable label="Calls per 5 minutes">
          <Table aria-label="Calls per 5 minutes" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>From</Table.Th>
                {SERIES.map((s) => (
                  <Table.Th key={s.name}>{s.label}</Table.Th>
                ))}
                <Table.Th>Recorded</Table.Th>
                <Table.Th>Paused</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows
                .filter((r) => r.workflow + r.continuity + r.failsafe > 0)
                .map((r) => (
                  <Table.Tr key={r.at}>
                    <Table.Td>{r.time}</Table.Td>
                    <Table.Td>{r.workflow}</Table.Td>
                    <Table.Td>{r.continuity}</Table.Td>
                    <Table.Td>{r.failsafe}</Table.Td>
                    <Table.Td>{r.recorded}</Table.Td>
                    <Table.Td>{r.paused}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </details>
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value.toLocaleString('en-US')}
      </Text>
    </Paper>
  );
}
