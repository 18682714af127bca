/**
 * P5: a large CSV read on two cores gives exactly what one pass gives: the same entries (in key
 * order, the order the list is written in), the same repeats, the same invalid rows with the same row numbers, the same header
 * reading; a file that cannot be cut safely is read in one pass.
 */
import { describe, expect, it } from 'vitest';
import { collectCsvRow, delimiterOf, readCsv } from '../../src/formats/exclusion-files/csv-reader.js';
import { PARALLEL_FROM_BYTES, readCsvFile } from '../../src/formats/exclusion-files/csv-parallel.js';
import { splitCsv } from '../../src/formats/exclusion-files/csv-split.js';
import { FileRejected } from '../../src/formats/exclusion-files/limits.js';
import { RowCollector, type FileReading } from '../../src/formats/exclusion-files/row-collector.js';

/** The entries in key order: read in parts they come sorted; one pass gives them in file order. */
const sorted = (reading: FileReading) => ({ ...reading, values: [...reading.values].sort() });

/** The reading of one pass, the reference. */
async function onePass(file: Buffer, maxRows = 2_000_000) {
  const separator = delimiterOf(file);
  const rows = new RowCollector(maxRows);
  await readCsv(file, (row, cells) => collectCsvRow(rows, separator, row, cells));
  return rows.result();
}

/** A file past the parallel threshold: numbers in several shapes, repeats across its halves, bad rows, blank lines, a quoted cell holding a line break. */
function largeFile(options: { header?: string; separator?: ',' | ';' } = {}): Buffer {
  const sep = options.separator ?? ',';
  const lines: string[] = options.header === undefined ? [] : [options.header];
  let i = 0;
  while (lines.join('\n').length < PARALLEL_FROM_BYTES * 1.3) {
    for (let j = 0; j < 2000; j++, i++) {
      const n = String(1_000_000 + (i % 150_000)).slice(1); // repeats across the file
      const kind = i % 97;
      if (kind === 0) lines.push('');
      else if (kind === 1) lines.push(`not a number ${i}${sep}x`);
      else if (kind === 2) lines.push(`"note${sep} with a line\nbreak"${sep}(619) 86${n.slice(0, 1)}-${n.slice(1, 5)}`);
      else if (kind === 3) lines.push(`${sep}${sep}`);
      else if (kind === 4) lines.push(`${['212', '312', '415'][i % 3]}`);
      else
        lines.push(i % 2 === 0 ? `+1619${n.padStart(7, '5')}` : `(858) ${n.padStart(7, '4').slice(0, 3)}-${n.padStart(7, '4').slice(3)}`);
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

describe('P5 a large CSV read on two cores', () => {
  it('gives exactly what one pass gives (no header: the first cell of each row)', async () => {
    const file = largeFile();
    expect(splitCsv(file)).toHaveLength(2);
    const parallel = await readCsvFile(file, ',', 2_000_000, undefined, 2);
    expect(parallel.values).toEqual([...parallel.values].sort());
    expect(parallel).toEqual(sorted(await onePass(file)));
    expect(parallel.invalidCount).toBeGreaterThan(100);
    expect(parallel.repeated).toBeGreaterThan(1000);
  }, 60_000);

  it('gives exactly what one pass gives with a header naming the entry column, and semicolons', async () => {
    const file = largeFile({ header: 'Name;Phone', separator: ';' });
    const parallel = await readCsvFile(file, ';', 2_000_000, undefined, 2);
    const reference = await onePass(file);
    expect(parallel.hadHeader).toBe(true);
    expect(parallel).toEqual(sorted(reference));
  }, 60_000);

  it('cuts only outside quotes, and reports progress over both parts', async () => {
    const file = largeFile();
    const [head, tail] = splitCsv(file);
    const before = file.subarray(0, head!.end).toString('latin1');
    expect((before.match(/"/g) ?? []).length % 2).toBe(0);
    expect(file[head!.end - 1]).toBe(0x0a);
    expect(tail!.firstRow).toBe(before.split('\n').length - (before.match(/"[^"]*\n[^"]*"/g) ?? []).length);
    const seen: number[] = [];
    await readCsvFile(file, ',', 2_000_000, (rows) => seen.push(rows), 2);
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(200_000);
  }, 60_000);

  it('refuses a file over the row limit across both parts, as one pass does', async () => {
    const file = largeFile();
    const rows = (await onePass(file)).rowsRead;
    const limit = Math.floor(rows * 0.9); // each half is under it, the whole file is not
    await expect(readCsvFile(file, ',', limit, undefined, 2)).rejects.toMatchObject({ code: 'too_many_rows' });
    await expect(readCsvFile(file, ',', limit, undefined, 2)).rejects.toBeInstanceOf(FileRejected);
  }, 60_000);

  it('reads a file with no cut outside quotes (one quoted cell to the end) in one pass', () => {
    const file = Buffer.from(`"${'a\n'.repeat(PARALLEL_FROM_BYTES)}`, 'utf8');
    expect(splitCsv(file)).toHaveLength(1);
  });
});
