/** X3 X5: an uploaded CSV: UTF-8 with or without BOM, comma or semicolon, quoted or not. */
import { once } from 'node:events';
import { parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { FileRejected } from './limits.js';
import type { Cell, RowCollector } from './row-collector.js';

/** Throws FileRejected unless the bytes are UTF-8 text (a workbook or binary named .csv is refused). */
export function checkCsvText(file: Buffer): void {
  if (file.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    throw new FileRejected('not_csv', 'The file is a workbook (.xlsx), not CSV: upload it with its .xlsx name.');
  }
  if (file.includes(0)) throw new FileRejected('not_csv', 'The file is not a text file: upload a CSV or an .xlsx workbook.');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw new FileRejected('not_utf8', 'The file is not UTF-8 text: save it as "CSV UTF-8" and upload it again.');
  }
}

/** Comma, unless the first filled line has more semicolons than commas. */
export function delimiterOf(file: Buffer): ',' | ';' {
  const head = file.subarray(0, 64 * 1024).toString('utf8');
  const line = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (char: string) => line.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

// Blank lines come through as empty records so that the record count is the row number a
// spreadsheet shows (a quoted cell may hold a line break: still one row); the collector skips them.
export const csvOptions = (file: Buffer): Options => ({
  bom: true,
  delimiter: delimiterOf(file),
  relax_column_count: true,
  skip_empty_lines: false,
  // A stray quote inside a cell (=HYPERLINK("x")) is read as text and reported as a bad row.
  relax_quotes: true,
  max_record_size: 64 * 1024,
});

const CHUNK = 64 * 1024;

/**
 * Parses the file in chunks, handing each record to `onRow` as it comes (memory stays flat
 * however long the file); a malformed file is refused naming the row. Every way the parser can
 * fail ends in the one returned promise (never an unhandled rejection).
 */
export async function readCsv(
  file: Buffer,
  onRow: (row: number, cells: readonly Cell[]) => void,
  /** A part of a file (P5): the row number of its first record, and the file's separator. */
  part?: { readonly firstRow: number; readonly delimiter: ',' | ';' },
): Promise<void> {
  const parser = parse(part === undefined ? csvOptions(file) : { ...csvOptions(file), delimiter: part.delimiter });
  let row = (part?.firstRow ?? 1) - 1;
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??=
      error instanceof FileRejected
        ? error
        : new FileRejected('csv_malformed', `The CSV cannot be read after row ${row}: ${(error as Error).message}`);
    parser.destroy();
  };
  parser.on('data', (record: string[]) => {
    if (failure !== null) return;
    try {
      onRow(++row, record);
    } catch (error) {
      fail(error);
    }
  });
  parser.on('error', fail);
  const finished = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('close', resolve);
  });
  for (let at = 0; at < file.length && failure === null; at += CHUNK) {
    if (!parser.write(file.subarray(at, at + CHUNK))) {
      await Promise.race([once(parser, 'drain').catch(() => undefined), finished]);
    }
  }
  if (failure === null) parser.end();
  await finished;
  if (failure !== null) throw failure;
}

const SEPARATORS_ONLY = 'only separators (commas or semicolons), no number or area code';

/** One CSV record into the collector: a line of commas or semicolons is not a blank line (someone meant something there). */
export function collectCsvRow(rows: RowCollector, separator: ',' | ';', row: number, cells: readonly Cell[]): void {
  if (cells.length > 1 && cells.every((cell) => String(cell).trim() === ''))
    rows.rejectRow(row, cells.slice(0, 61).join(separator).slice(0, 60), SEPARATORS_ONLY);
  else rows.add(row, cells);
}

/** The cells of the file's first filled record (within its first 64 KB), or null when there is none there. */
export function firstFilledRecord(file: Buffer, delimiter: ',' | ';'): readonly Cell[] | null {
  const head = file.subarray(0, 64 * 1024);
  // Only whole lines: the last one may be cut.
  const end = head.lastIndexOf(0x0a);
  if (end < 0) return null;
  try {
    const records = parseSync(head.subarray(0, end + 1), {
      ...csvOptions(file),
      delimiter,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      to: 1,
    }) as string[][];
    return records[0] ?? null;
  } catch {
    return null;
  }
}
