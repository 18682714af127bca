/**
 * Tenant › Phone Numbers (C4, C6): each tracking number with its custom Call Continuity number (an
 * exception to the tenant's default). C6 refusals show on the number's own field.
 */
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { SavedNote } from '../../components/SavedNote';
import { ScrollTable } from '../../components/ScrollTable';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useSetContinuityNumber } from '../../api/continuity';
import { useTenantContinuity } from '../../api/queries';
import type { TenantContinuity } from '../../api/types';
import { formatNumber } from '../../components/labels';
import { EmptyState, ErrorAlert, fieldError, formError, QueryState } from '../../components/QueryState';
import { isStale, StaleNotice } from '../../components/StaleNotice';
import { TenantHeader } from './TenantHeader';

export function PhoneNumbersPage() {
  const { tenantId = '' } = useParams();
  const continuity = useTenantContinuity(tenantId);
  return (
    <Stack maw={860}>
      <TenantHeader tenantId={tenantId} tab="phone-numbers">
        <Text c="dimmed" size="sm">
          A custom Call Continuity number overrides the tenant&apos;s default for that tracking number. It must be an external number, not a
          tracking number or an employee&apos;s direct line.
        </Text>
        <QueryState query={continuity}>
          {(data) =>
            data.numbers.length === 0 ? (
              <EmptyState>This tenant has no tracking numbers.</EmptyState>
            ) : (
              <ScrollTable label="Phone numbers">
                <Table aria-label="Phone numbers">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Tracking number</Table.Th>
                      <Table.Th>Custom Call Continuity number</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.numbers.map((n) => (
                      <NumberRow key={n.id} tenantId={tenantId} number={n} editable={data.tenant.abilities.manageContinuity} />
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )
          }
        </QueryState>
      </TenantHeader>
    </Stack>
  );
}

function NumberRow({ tenantId, number, editable }: { tenantId: string; number: TenantContinuity['numbers'][number]; editable: boolean }) {
  const [value, setValue] = useState(formatNumber(number.continuityNumber));
  const [version, setVersion] = useState(number.version);
  const save = useSetContinuityNumber();
  const continuity = useTenantContinuity(tenantId);
  const [theirs, setTheirs] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { trackingNumberId: number.id, continuityNumber: value.trim() === '' ? null : value, version },
      {
        onSuccess: (saved) => {
          setVersion(saved.version);
          setTheirs(null);
        },
      },
    );
  };
  const reload = async () => {
    const fresh = (await continuity.refetch()).data?.numbers.find((n) => n.id === number.id);
    if (fresh === undefined) return;
    setVersion(fresh.version);
    save.reset();
    setTheirs(fresh.continuityNumber === null ? "the tenant's default" : formatNumber(fresh.continuityNumber));
  };
  const label = `Custom Call Continuity number for ${formatNumber(number.number)}`;
  return (
    <Table.Tr data-testid={`number-row-${number.id}`}>
      <Table.Td>{formatNumber(number.number)}</Table.Td>
      <Table.Td>
        <form onSubmit={submit}>
          <Group align="flex-start" gap="xs">
            <TextInput
              aria-label={label}
              placeholder="Uses the tenant's default"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={fieldError(save.error, 'continuityNumber')}
              disabled={!editable}
              w={260}
            />
            {editable && (
              <Button type="submit" variant="light" loading={save.isPending} aria-label={`Save ${label}`}>
                Save
              </Button>
            )}
            <SavedNote shown={save.isSuccess && !save.isPending} />
          </Group>
          {formError(save.error, ['continuityNumber']) !== undefined && !isStale(save.error) && (
            <ErrorAlert error={save.error} title="Not saved" />
          )}
          <StaleNotice error={save.error} onReload={reload} theirs={theirs} />
        </form>
      </Table.Td>
    </Table.Tr>
  );
}
