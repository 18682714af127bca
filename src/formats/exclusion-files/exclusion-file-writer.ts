/**
 * X2 X5: the exclusion list as a file to download (CSV or XLSX): one header row, then one entry
 * per row (numbers in E.164, area codes as 3 digits). An empty list gives the blank template (the
 * header alone). Cells are formula-safe; the readers drop the apostrophe, so a download uploads
 * back with no change.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { formulaSafe } from '../formula-safe.js';
import type { FileFormat } from './exclusion-file-reader.js';

export const HEADER = 'Number or area code';

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function writeExclusionFile(values: readonly string[], format: FileFormat): Promise<Buffer> {
  return format === 'csv' ? writeCsv(values) : writeXlsx(values);
}

function writeCsv(values: readonly string[]): Buffer {
  return Buffer.from(stringify([[HEADER], ...values.map((value) => [formulaSafe(value)])], { record_delimiter: '\r\n' }), 'utf8');
}

async function writeXlsx(values: readonly string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Exclusion List');
  sheet.addRow([HEADER]).commit();
  // Text cells, never numbers: a spreadsheet would drop the + and show 1.6E+10.
  for (const value of values) sheet.addRow([formulaSafe(value)]).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
