/** X3 X5: an uploaded CSV: UTF-8 with or without BOM, comma or semicolon, quoted or not. */
import { parse, type Options } from 'csv-parse';
import { FileRejected } from './limits.js';
import type { Cell } from './row-collector.js';

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

export const csvOptions = (file: Buffer): Options => ({
  bom: true,
  delimiter: delimiterOf(file),
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: 64 * 1024,
  info: true,
});

/** Calls `onRow` for every record with its line number; a malformed file is refused naming the line. */
export function readCsv(file: Buffer, onRow: (row: number, cells: readonly Cell[]) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = parse(csvOptions(file));
    parser.on('readable', () => {
      let record: { record: string[]; info: { lines: number } } | null;
      try {
        while ((record = parser.read() as typeof record) !== null) onRow(record.info.lines, record.record);
      } catch (error) {
        parser.destroy();
        reject(error);
      }
    });
    parser.on('error', (error: Error & { lines?: number }) =>
      reject(error instanceof FileRejected ? error : new FileRejected('csv_malformed', `The CSV cannot be read${error.lines === undefined ? '' : ` at line ${error.lines}`}: ${error.message}`)));
    parser.on('end', resolve);
    parser.end(file);
  });
}
