/**
 * Legal holds (B10): recordings of a call, a caller's number or a tenant are not deleted while a
 * hold is in force, whatever their retention says. Network administrators place and lift holds,
 * each with a reason; lifted holds stay listed with who lifted them and why.
 */
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { keys, useNetworkId, useWrite } from '../api/queries';
import { formatNumber } from '../components/labels';
import { EmptyState, ErrorAlert, fieldError, formError, QueryState } from '../components/QueryState';
import { SavedNote } from '../components/SavedNote';
import { ScrollTable } from '../components/ScrollTable';

type HoldKind = 'call' | 'caller' | 'tenant';
const KINDS: { value: HoldKind; label: string; placeholder: string }[] = [
  { value: 'caller', label: "A caller's number", placeholder: '(619) 867-5309' },
  { value: 'call', label: 'A call (its call log id)', placeholder: '01J…' },
  { value: 'tenant', label: 'A tenant (its id)', placeholder: 'sunrise-plumbing' },
];

export function LegalHoldsPage() {
  const networkId = useNetworkId();
  const holds = useQuery({
    queryKey: keys.of(networkId, 'legal-holds'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/legal-holds', { params: { path: { networkId } } })),
  });
  return (
    <Stack maw={1100}>
      <Title order={2}>Legal holds</Title>
      <Text c="dimmed" size="sm">
        While a hold is in force, the recordings it covers are kept, whatever their tenant&apos;s retention says. Placing and lifting a hold
        is recorded in the audit log with its reason.
      </Text>
      <PlaceHoldForm />
      <QueryState query={holds}>
        {(data) =>
          data.holds.length === 0 ? (
            <EmptyState>No legal holds: recordings follow their tenant&apos;s retention.</EmptyState>
          ) : (
            <ScrollTable label="Legal holds, scrolls sideways">
              <Table aria-label="Legal holds" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Holds</Table.Th>
                    <Table.Th>Why</Table.Th>
                    <Table.Th>Placed</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.holds.map((hold) => (
                    <Table.Tr key={hold.id} data-testid={`hold-${hold.id}`}>
                      <Table.Td>
                        {hold.kind === 'caller'
                          ? `Caller ${formatNumber(hold.value)}`
                          : hold.kind === 'call'
                            ? `Call ${hold.value}`
                            : `Tenant ${hold.value}`}
                      </Table.Td>
                      <Table.Td>{hold.reason}</Table.Td>
                      <Table.Td>
                        {hold.placedBy}, {new Date(hold.placedAt).toLocaleString()}
                      </Table.Td>
                      <Table.Td>
                        {hold.liftedAt === null ? (
                          <LiftHold id={hold.id} />
                        ) : (
                          <Text size="sm">
                            <Badge color="gray" variant="light" mr={6}>
                              Lifted
                            </Badge>
                            by {hold.liftedBy}: {hold.liftReason}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
    </Stack>
  );
}

function PlaceHoldForm() {
  const [kind, setKind] = useState<HoldKind>('caller');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const place = useWrite((networkId, body: { kind: HoldKind; value: string; reason: string }) =>
    unwrap(api.POST('/api/networks/{networkId}/legal-holds', { params: { path: { networkId } }, body })),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    place.mutate(
      { kind, value, reason },
      {
        onSuccess: () => {
          setValue('');
          setReason('');
        },
      },
    );
  };
  const fields = ['kind', 'value', 'reason'];
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="place-hold-title">
      <Stack>
        <Title order={4} id="place-hold-title">
          Place a hold
        </Title>
        <Group align="flex-start" wrap="wrap">
          <Select
            label="On"
            data={KINDS}
            value={kind}
            onChange={(v) => v !== null && setKind(v as HoldKind)}
            allowDeselect={false}
            w={240}
          />
          <TextInput
            label="Which"
            placeholder={KINDS.find((k) => k.value === kind)!.placeholder}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={fieldError(place.error, 'value')}
            w={240}
          />
          <TextInput
            label="Why"
            placeholder="Litigation 2026-114"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError(place.error, 'reason')}
            w={280}
          />
        </Group>
        {formError(place.error, fields) !== undefined && <ErrorAlert error={place.error} title="Not placed" />}
        <SavedNote shown={place.isSuccess && !place.isPending} />
        <Group>
          <Button type="submit" loading={place.isPending}>
            Place hold
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function LiftHold({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const lift = useWrite((networkId, body: { reason: string }) =>
    unwrap(api.POST('/api/networks/{networkId}/legal-holds/{holdId}/lift', { params: { path: { networkId, holdId: id } }, body })),
  );
  if (!open)
    return (
      <Group gap="xs">
        <Badge color="orange" variant="light">
          In force
        </Badge>
        <Button size="xs" variant="default" onClick={() => setOpen(true)}>
          Lift…
        </Button>
      </Group>
    );
  return (
    <Group
      component="form"
      gap="xs"
      align="flex-start"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        lift.mutate({ reason });
      }}
    >
      <TextInput
        aria-label="Why it is lifted"
        placeholder="Case closed"
        size="xs"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={fieldError(lift.error, 'reason') ?? (formError(lift.error, ['reason']) === undefined ? undefined : String(lift.error))}
      />
      <Button size="xs" type="submit" loading={lift.isPending}>
        Lift hold
      </Button>
    </Group>
  );
}
