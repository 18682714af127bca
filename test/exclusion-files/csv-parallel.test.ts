/**
 * P5: a large CSV read on several cores gives exactly what one pass gives: the same entries (in
 * text order, the order the list is written in), the same repeats, the same invalid rows with the
 * same row numbers, the same header reading; a file that cannot be cut safely is read in one pass.
 */
import { describe, expect, it } from 'vitest';
import { collectCsvRow, delimiterOf, readCsv } from '../../src/formats/exclusion-files/csv-reader.js';
import { PARALLEL_FROM_BYTES, readCsvFile } from '../../src/formats/exclusion-files/csv-parallel.js';
import { splitCsv } from '../../src/formats/exclusion-files/csv-split.js';
import { FileRejected } from '../../src/formats/exclusion-files/limits.js';
import { RowCollector, type FileReading } from '../../src/formats/exclusion-files/row-collector.js';

/** The entries in text order (both readings give them so: this holds them to it). */
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

describe('P5 a large CSV read on several cores', () => {
  it('gives exactly what one pass gives (no header: the first cell of each row)', async () => {
    const file = largeFile();
    expect(splitCsv(file, ',')).toHaveLength(2);
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

  it('gives exactly what one pass gives in three and four parts (a machine with more cores)', async () => {
    const file = largeFile({ header: 'Name,Phone' });
    const reference = await onePass(file);
    for (const count of [3, 4]) {
      const parts = splitCsv(file, ',', count);
      expect(parts).toHaveLength(count);
      // Each part begins where the one before ends, just after a line break, with the right row number.
      parts.forEach((part, i) => {
        if (i === 0) return expect(part).toMatchObject({ start: 0, firstRow: 1 });
        expect(part.start).toBe(parts[i - 1]!.end);
        expect(file[part.start - 1]).toBe(0x0a);
        const before = file.subarray(0, part.start).toString('latin1');
        expect(part.firstRow).toBe(before.split('\n').length - (before.match(/"[^"]*\n[^"]*"/g) ?? []).length);
      });
      expect(parts.at(-1)!.end).toBe(file.length);
      expect(await readCsvFile(file, ',', 2_000_000, undefined, count)).toEqual(reference);
    }
  }, 120_000);

  it('cuts where the parser ends a record: a stray quote inside a cell is text, so a quoted line break after it is not a cut', async () => {
    const file = largeFile();
    // A stray quote early on (text: relax_quotes) makes the count of quotes before every later cut odd.
    const stray = Buffer.concat([Buffer.from('(619) 867-5309,a 5" monitor\n'), file]);
    const reference = await onePass(stray);
    expect(reference.values).toContain('+16198675309');
    for (const count of [2, 3, 4]) {
      const parts = splitCsv(stray, ',', count);
      expect(parts).toHaveLength(count);
      for (const part of parts.slice(1)) expect((stray.subarray(0, part.start).toString('latin1').match(/"/g) ?? []).length % 2).toBe(1);
      expect(await readCsvFile(stray, ',', 2_000_000, undefined, count)).toEqual(reference);
    }
  }, 120_000);

  it('does not cut a file that leaves doubt (text after a closing quote, mixed line ends, old Mac line ends); one pass reads it', async () => {
    const file = largeFile();
    for (const doubt of ['"closed"then text\n', 'a\r\n', 'a\rb\n']) {
      const odd = Buffer.concat([Buffer.from(doubt), file]);
      expect(splitCsv(odd, ',', 2)).toHaveLength(1);
      const parted = await readCsvFile(odd, ',', 2_000_000, undefined, 2).catch((e: unknown) => e);
      const reference = await onePass(odd).catch((e: unknown) => e);
      expect(parted).toEqual(reference);
    }
  }, 120_000);

  it('cuts only outside quotes, and reports progress over both parts', async () => {
    const file = largeFile();
    const [head, tail] = splitCsv(file, ',');
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
    expect(splitCsv(file, ',')).toHaveLength(1);
  });
});
