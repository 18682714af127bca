/** X3 X5: an uploaded workbook (.xlsx), checked by zip-guard first, then read row by row (exceljs, streaming). */
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { FileRejected } from './limits.js';
import type { Cell } from './row-collector.js';
import { checkXlsxZip } from './zip-guard.js';

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Throws FileRejected unless the bytes are a plain .xlsx within the limit. */
export async function checkXlsx(file: Buffer, maxUncompressedBytes: number): Promise<void> {
  if (file.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new FileRejected(
      'xlsx_encrypted',
      'The workbook is password-protected or in the old .xls format: save it as .xlsx without a password.',
    );
  }
  if (!file.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    throw new FileRejected('not_xlsx', 'The file is not an .xlsx workbook: upload it with its real name (.csv for CSV).');
  }
  await checkXlsxZip(file, maxUncompressedBytes);
}

export type RowSink = {
  row(rowNumber: number, cells: readonly (Cell | null)[]): void;
  reject(rowNumber: number, value: string, reason: string): void;
};

/** Reads the first worksheet. A formula anywhere refuses the file: Switchboard never evaluates one. */
export async function readXlsx(file: Buffer, sink: RowSink): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const cells: (Cell | null)[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = readCell(cell, row.number, sink);
        });
        sink.row(row.number, cells);
      }
      break; // the first worksheet holds the list
    }
  } catch (error) {
    if (error instanceof FileRejected) throw error;
    throw new FileRejected(
      'xlsx_corrupt',
      'The workbook is damaged and cannot be read: open it in your spreadsheet and save it again as .xlsx.',
    );
  }
}

function readCell(cell: ExcelJS.Cell, rowNumber: number, sink: RowSink): Cell | null {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    throw new FileRejected(
      'xlsx_formula',
      `Row ${rowNumber} holds a formula (cell ${cell.address}): replace formulas with their values and upload again.`,
    );
  }
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  sink.reject(rowNumber, String(cell.text ?? ''), value instanceof Date ? 'a date, not a phone number' : 'not a phone number or area code');
  return null;
}
