/**
 * Every queue or every employee, with whether it follows the defaults or has custom settings and
 * the values in force either way (R5, R8): found by name, opened to customise, reset to the
 * defaults. The search is part of the address, like the exclusion list's.
 */
import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from './QueryState';
import { ScrollTable } from './ScrollTable';

export interface Subject {
  readonly id: string;
  readonly name: string;
  readonly custom: boolean;
}

export interface SubjectColumn<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
}

interface Props<T extends Subject> {
  /** "Queues", "Employees": the table's name and what the search looks for. */
  readonly label: string;
  readonly rows: readonly T[];
  readonly columns: readonly SubjectColumn<T>[];
  readonly pageOf: (row: T) => string;
  /** Undefined for someone who may only look. */
  readonly onReset?: (row: T) => void;
  readonly testId: string;
}

export function SubjectList<T extends Subject>({ label, rows, columns, pageOf, onReset, testId }: Props<T>) {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const setSearch = (value: string) => setParams(value === '' ? {} : { search: value }, { replace: true });
  const wanted = search.trim().toLowerCase();
  const shown = wanted === '' ? rows : rows.filter((row) => row.name.toLowerCase().includes(wanted));
  const customCount = rows.filter((row) => row.custom).length;
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={`Search ${label.toLowerCase()}`}
          placeholder="Name"
          value={search}
          maw={280}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Text size="sm" c="dimmed">
          {rows.length} {label.toLowerCase()}, {customCount} with custom settings
        </Text>
      </Group>
      {shown.length === 0 ? (
        <EmptyState>
          No {label.toLowerCase()} match “{search}”.
        </EmptyState>
      ) : (
        <ScrollTable label={label}>
          <Table aria-label={label} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Settings</Table.Th>
                {columns.map((column) => (
                  <Table.Th key={column.header}>{column.header}</Table.Th>
                ))}
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={row.id} data-testid={`${testId}-${row.id}`}>
                  <Table.Td>
                    <Anchor component={Link} to={pageOf(row)}>
                      {row.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant={row.custom ? 'filled' : 'light'} color={row.custom ? 'blue' : 'gray'}>
                      {row.custom ? 'Custom' : 'Default'}
                    </Badge>
                  </Table.Td>
                  {columns.map((column) => (
                    <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
                  ))}
                  <Table.Td>
                    {onReset !== undefined && row.custom ? (
                      <Button size="xs" variant="light" aria-label={`Reset ${row.name} to Default`} onClick={() => onReset(row)}>
                        Reset to Default
                      </Button>
                    ) : (
                      onReset !== undefined && (
                        <Button size="xs" variant="subtle" component={Link} to={pageOf(row)} aria-label={`Customise ${row.name}`}>
                          Customise
                        </Button>
                      )
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
