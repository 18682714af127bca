/**
 * X2: Bulk upload numbers, as the product pages describe it: Upload File, Bulk Upload (the
 * preview, which changes nothing), then add to the existing numbers and area codes or replace
 * them entirely, and Continue. A file with invalid rows shows them (downloadable, to correct them)
 * and cannot be applied whole; its valid rows may be added, leaving the invalid ones out. A file
 * with no entries adds nothing, and replaces the list only after a second, explicit confirmation
 * (an empty list records every caller who was excluded).
 */
import { Alert, Anchor, Button, Checkbox, FileInput, Group, List, Radio, Stack, Table, Text } from '@mantine/core';
import { ScrollTable } from '../../components/ScrollTable';
import { Dialog } from '../../components/Dialog';
import { useState } from 'react';
import { useImportExclusions } from '../../api/recording';
import type { ImportResult } from '../../api/types';
import { ErrorAlert, fieldError } from '../../components/QueryState';

const n = (value: number) => value.toLocaleString('en-US');

export function BulkUploadDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [mode, setMode] = useState<'add' | 'replace'>('add');
  const run = useImportExclusions();
  const [done, setDone] = useState<ImportResult | null>(null);
  const [emptyConfirmed, setEmptyConfirmed] = useState(false);

  const close = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
    setMode('add');
    setEmptyConfirmed(false);
    run.reset();
    onClose();
  };
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setEmptyConfirmed(false);
    run.reset();
  };
  // One preview in replace mode tells both outcomes: what is new, and what a replace takes off.
  const bulkUpload = () => file !== null && run.mutate({ file, mode: 'replace', dryRun: true }, { onSuccess: setPreview });
  const apply = () => file !== null && run.mutate({ file, mode, dryRun: false, allowEmpty: emptyConfirmed }, { onSuccess: setDone });
  const addValidRows = () => file !== null && run.mutate({ file, mode: 'add', dryRun: false, validRowsOnly: true }, { onSuccess: setDone });
  const existing = preview === null ? 0 : preview.alreadyListed + preview.removed;
  const noEntries = preview !== null && preview.entries === 0;
  const blocked = noEntries && (mode === 'add' || !emptyConfirmed);

  return (
    <Dialog opened={opened} onClose={close} title="Bulk upload numbers" size="lg">
      <Stack>
        {done !== null ? (
          <>
            <Alert color="green" role="status" data-testid="bulk-done">
              {done.mode === 'replace' ? 'The exclusion list was replaced' : 'The numbers were added'}: {n(done.added)} added,{' '}
              {n(done.removed)} removed; the list holds {n(done.totalAfter)} entries.
              {done.invalidCount > 0 && ` ${n(done.invalidCount)} invalid rows were left out.`}
            </Alert>
            <Group justify="flex-end">
              <Button onClick={close}>Close</Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">
              A CSV or .xlsx file with one phone number or 3-digit area code per row (a header row is fine). Download the current list below
              to start from it.
            </Text>
            <FileInput
              label="Upload File"
              placeholder="Choose a .csv or .xlsx file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={choose}
              clearable
              error={fieldError(run.error, 'file')}
            />
            {preview === null && run.isError && fieldError(run.error, 'file') === undefined && (
              <ErrorAlert error={run.error} title="The file could not be checked" />
            )}
            {preview === null && (
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button onClick={bulkUpload} disabled={file === null} loading={run.isPending}>
                  Bulk Upload
                </Button>
              </Group>
            )}
            {preview !== null && <PreviewSummary preview={preview} existing={existing} />}
            {preview !== null && preview.invalidCount === 0 && (
              <>
                <Radio.Group value={mode} onChange={(value) => setMode(value as 'add' | 'replace')} label="What should the file do?">
                  <Stack gap="xs" mt="xs">
                    <Radio
                      value="add"
                      label="Add to the existing phone numbers and area codes"
                      description={`${n(preview.added)} new; the list will hold ${n(existing + preview.added)} entries.`}
                    />
                    <Radio
                      value="replace"
                      label="Replace them entirely"
                      description={`${n(preview.removed)} entries not in the file are removed; the list will hold ${n(preview.totalAfter)} entries.`}
                    />
                  </Stack>
                </Radio.Group>
                {noEntries && mode === 'add' && (
                  <Alert color="gray" role="status">
                    The file holds no phone number or area code: there is nothing to add.
                  </Alert>
                )}
                {noEntries && mode === 'replace' && (
                  <Alert color="red" role="alert" title="This empties the exclusion list" data-testid="bulk-empty-warning">
                    The file holds no phone number or area code. Replacing the list with it removes all {n(existing)} entries, and every
                    caller on the list will be recorded from the next call.
                    <Checkbox
                      mt="xs"
                      label="Yes, empty the exclusion list"
                      checked={emptyConfirmed}
                      onChange={(event) => setEmptyConfirmed(event.currentTarget.checked)}
                    />
                  </Alert>
                )}
                {run.isError && fieldError(run.error, 'file') === undefined && <ErrorAlert error={run.error} title="Nothing was changed" />}
                <Group justify="flex-end">
                  <Button variant="default" onClick={close}>
                    Cancel
                  </Button>
                  <Button onClick={apply} loading={run.isPending} disabled={blocked}>
                    Continue
                  </Button>
                </Group>
              </>
            )}
            {preview !== null && preview.invalidCount > 0 && (
              <>
                {run.isError && <ErrorAlert error={run.error} title="Nothing was changed" />}
                <Group justify="flex-end">
                  <Button variant="default" onClick={close}>
                    Close
                  </Button>
                  {preview.entries > 0 && (
                    <Button variant="light" onClick={addValidRows} loading={run.isPending}>
                      Add the valid rows only ({n(preview.added)} new)
                    </Button>
                  )}
                </Group>
              </>
            )}
          </>
        )}
      </Stack>
    </Dialog>
  );
}

function PreviewSummary({ preview, existing }: { preview: ImportResult; existing: number }) {
  return (
    <Stack gap="xs" data-testid="bulk-preview">
      <List size="sm">
        <List.Item>
          {n(preview.rowsRead)} rows read, {n(preview.entries)} numbers and area codes
        </List.Item>
        <List.Item>
          {n(preview.alreadyListed)} already on the list of {n(existing)}; {n(preview.added)} new
        </List.Item>
        {preview.repeated > 0 && <List.Item>{n(preview.repeated)} repeated in the file (counted once)</List.Item>}
      </List>
      {preview.invalidCount > 0 && (
        <Alert color="red" role="alert" title={`${n(preview.invalidCount)} rows are not phone numbers or area codes`}>
          Nothing will be changed. Correct these rows and upload the file again, or add the valid rows only and leave these out.
          <Anchor
            display="block"
            mt="xs"
            size="sm"
            href={invalidRowsFile(preview.invalid)}
            download="invalid-rows.csv"
            data-testid="invalid-rows-download"
          >
            Download the invalid rows (CSV{preview.invalidCount > preview.invalid.length ? `, the first ${n(preview.invalid.length)}` : ''})
          </Anchor>
          <ScrollTable label="Invalid rows">
            <Table mt="xs" fz="sm" aria-label="Invalid rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.invalid.slice(0, 10).map((row) => (
                  <Table.Tr key={`${row.row}-${row.value}`}>
                    <Table.Td>{row.row}</Table.Td>
                    <Table.Td>{row.value}</Table.Td>
                    <Table.Td>{row.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {preview.invalidCount > 10 && <Text size="sm">… and {n(preview.invalidCount - 10)} more.</Text>}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The invalid rows as a CSV to correct and upload again: row, value, why. Values are what someone
 * typed, so a cell that a spreadsheet would run gets a leading apostrophe (X5), as in every file
 * the server writes.
 */
function invalidRowsFile(rows: ImportResult['invalid']): string {
  const cell = (text: string) => {
    const safe = /^[=+\-@\t\r]/.test(text) && !/^\+[1-9]\d{6,14}$/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [['Row', 'Value', 'Why'], ...rows.map((r) => [String(r.row), r.value, r.reason])].map((line) => line.map(cell).join(','));
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`${lines.join('\r\n')}\r\n`)}`;
}
