/**
 * X2 X3 X5: reads an uploaded exclusion list (CSV or XLSX) into entries, refusing any file that is
 * not what it claims or exceeds the limits, and reporting each bad row. Reading changes nothing;
 * applying the result is the importer's job.
 */
import { checkCsvText, delimiterOf } from './csv-reader.js';
import { readCsvFile } from './csv-parallel.js';
import { FileRejected, type ImportLimits } from './limits.js';
import { RowCollector, type FileReading } from './row-collector.js';
import { checkXlsx, readXlsx } from './xlsx-reader.js';

export type FileFormat = 'csv' | 'xlsx';

/** The format a file name (or, failing that, a content type) says the file is in. */
export function formatOf(fileName: string | undefined, contentType?: string): FileFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (extension === 'xlsx') return 'xlsx';
  if (extension !== undefined) return null;
  if (contentType?.includes('spreadsheetml')) return 'xlsx';
  if (contentType?.includes('csv') || contentType?.startsWith('text/')) return 'csv';
  return null;
}

export async function readExclusionFile(
  file: Buffer,
  format: FileFormat,
  limits: ImportLimits,
  onRows?: (rows: number) => void,
  /** P5: how many parts a large CSV is read in (default: one per core, up to four, where the machine has more than two). */
  csvParts?: number,
): Promise<FileReading> {
  if (file.length > limits.maxBytes) {
    throw new FileRejected(
      'file_too_large',
      `The file is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB: split it into smaller files.`,
    );
  }
  let reading: FileReading;
  if (format === 'csv') {
    checkCsvText(file);
    // P5: a large file is read on several cores.
    reading = await readCsvFile(file, delimiterOf(file), limits.maxRows, onRows, csvParts);
  } else {
    const rows = new RowCollector(limits.maxRows, onRows);
    await checkXlsx(file, limits.maxUncompressedBytes);
    await readXlsx(file, { row: (row, cells) => rows.add(row, cells), reject: (row, value, reason) => rows.reject(row, value, reason) });
    reading = rows.result();
  }
  // A header alone (the blank template) is a file with no entries; nothing at all is an empty file.
  if (reading.rowsRead === 0 && !reading.hadHeader) throw new FileRejected('file_empty', 'The file is empty: there is nothing to import.');
  return reading;
}

export { FileRejected };
