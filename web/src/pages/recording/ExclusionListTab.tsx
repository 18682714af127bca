/**
 * Exclusion List (X1-X4): numbers and whole area codes never recorded (area codes marked with an
 * asterisk), added one by one or in bulk from a file, and downloaded as one. Voice Agent calls and
 * forwarded calls are recorded even so (R13, R14).
 */
import { ActionIcon, Alert, Anchor, Button, Group, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ScrollTable } from '../../components/ScrollTable';
import { Dialog } from '../../components/Dialog';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useExclusions, useNetworkId } from '../../api/queries';
import { useAddExclusion, useDeleteExclusion } from '../../api/recording';
import type { ExclusionEntry } from '../../api/types';
import { formatNumber } from '../../components/labels';
import { EmptyState, ErrorAlert, fieldError, formError, QueryState } from '../../components/QueryState';
import { BulkUploadDialog } from './BulkUploadDialog';

const PAGE = 100;

export function ExclusionListTab({ editable }: { editable: boolean }) {
  const [page, setPage] = useState(1);
  // The search is part of the address: kept on reload, in a bookmark, in a link sent to someone.
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const setSearch = (value: string) => setParams(value === '' ? {} : { search: value }, { replace: true });
  const [debounced] = useDebouncedValue(search, 250);
  const exclusions = useExclusions({ limit: PAGE, offset: (page - 1) * PAGE, search: debounced });
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<ExclusionEntry | null>(null);
  const [uploading, setUploading] = useState(false);
  const networkId = useNetworkId();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={4}>Exclusion List</Title>
        {editable && (
          <Group>
            <Button variant="default" onClick={() => setUploading(true)}>
              Bulk Upload Numbers
            </Button>
            <Button onClick={() => setAdding(true)}>Add Number</Button>
          </Group>
        )}
      </Group>
      <Alert color="gray">
        Voice Agent calls are always recorded, even if the numbers are listed in the Exclusion List. All calls are recorded when forwarded
        to an external number. An employee&apos;s direct line on the list is still recorded when the employee takes a queue call: a queue
        call is not a personal call.
      </Alert>
      <TextInput
        label="Search"
        placeholder="Digits, e.g. 619 867"
        value={search}
        maw={280}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
      />
      <QueryState query={exclusions}>
        {(data) =>
          data.entries.length === 0 ? (
            <EmptyState>
              {debounced.trim() === ''
                ? 'The exclusion list is empty: no number or area code is excluded from recording.'
                : 'No entry contains these digits.'}
            </EmptyState>
          ) : (
            <>
              <Text size="sm" c="dimmed" data-testid="exclusion-count">
                {data.total.toLocaleString('en-US')} {debounced.trim() === '' ? '' : 'matching '}
                {data.total === 1 ? 'entry' : 'entries'}
              </Text>
              <ScrollTable label="Exclusion List">
                <Table aria-label="Exclusion List" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Number or area code</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.entries.map((entry) => (
                      <Table.Tr key={entry.value} data-testid={`exclusion-${entry.value}`}>
                        <Table.Td>{entry.display}</Table.Td>
                        <Table.Td align="right">
                          {editable && (
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Delete ${entry.display}`}
                              onClick={() => setDeleting(entry)}
                            >
                              ✕
                            </ActionIcon>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
              {data.total > PAGE && (
                <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} aria-label="Exclusion List pages" />
              )}
            </>
          )
        }
      </QueryState>
      <Text size="xs" c="dimmed">
        * an area code: every number in it is excluded.
      </Text>
      <Group gap="xs">
        <Text size="sm">Download Exclusion List:</Text>
        <Anchor size="sm" href={`/api/networks/${encodeURIComponent(networkId)}/exclusions/export?format=csv`} download>
          CSV
        </Anchor>
        <Anchor size="sm" href={`/api/networks/${encodeURIComponent(networkId)}/exclusions/export?format=xlsx`} download>
          Excel (.xlsx)
        </Anchor>
      </Group>
      <BulkUploadDialog opened={uploading} onClose={() => setUploading(false)} />
      <AddNumberDialog opened={adding} onClose={() => setAdding(false)} />
      <DeleteDialog entry={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}

function AddNumberDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [entry, setEntry] = useState('');
  const add = useAddExclusion();
  const close = () => {
    setEntry('');
    add.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(entry, { onSuccess: close });
  };
  return (
    <Dialog opened={opened} onClose={close} title="Add Number">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Phone number or area code"
            description="A number such as (415) 867-5309, or a whole area code such as 212."
            value={entry}
            onChange={(e) => setEntry(e.currentTarget.value)}
            error={fieldError(add.error, 'entry')}
            data-autofocus
          />
          {formError(add.error, ['entry']) !== undefined && <ErrorAlert error={add.error} title="Not added" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add Number
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ entry, onClose }: { entry: ExclusionEntry | null; onClose: () => void }) {
  const remove = useDeleteExclusion();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog opened={entry !== null} onClose={close} title="Remove from the Exclusion List?">
      <Stack>
        <Text>
          Calls with {entry?.kind === 'area_code' ? `area code ${entry.value}` : formatNumber(entry?.value)} will be recorded again
          according to your settings.
        </Text>
        {remove.isError && <ErrorAlert error={remove.error} title="Not removed" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => entry !== null && remove.mutate(entry.value, { onSuccess: close })}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
