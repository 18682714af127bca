import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNanpNationalNumber } from '../../src/domain/nanp.js';
import { readExclusionFile, type FileFormat } from '../../src/formats/exclusion-files/exclusion-file-reader.js';
import { HEADER, writeExclusionFile } from '../../src/formats/exclusion-files/exclusion-file-writer.js';
import { DEFAULT_LIMITS, FileRejected, type ImportLimits } from '../../src/formats/exclusion-files/limits.js';
import { formulaSafe } from '../../src/formats/formula-safe.js';
import { buildZip } from './zip-builder.js';

const csv = (text: string) => Buffer.from(text, 'utf8');
const read = (file: Buffer, format: FileFormat = 'csv', limits: ImportLimits = DEFAULT_LIMITS) => readExclusionFile(file, format, limits);

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('List');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function rejection(promise: Promise<unknown>): Promise<FileRejected> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRejected);
  return error as FileRejected;
}

describe('X3 reading an exclusion file like a person wrote it', () => {
  it('X3 numbers in any common format, area codes, a leading apostrophe; with a header naming the column', async () => {
    const reading = await read(
      csv("Name,Phone Number\nPat,(619) 867-5309\nLee,619.867.5310\nKim,+1 619 867 5311\nJo,1-619-867-5312\nAl,'+16198675313\nArea,212\n"),
    );
    expect(reading.values).toEqual(['+16198675309', '+16198675310', '+16198675311', '+16198675312', '+16198675313', '212']);
    expect(reading).toMatchObject({ rowsRead: 6, invalidCount: 0, repeated: 0 });
  });

  it('X3 without a header the first filled cell of each row is the entry; blank lines are ignored; entries in key order', async () => {
    const reading = await read(csv('6198675309\n\n\n,212\n"(858) 867-5703"\n'));
    // Key order: the order the list is written in (numbers before area codes, as text sorts).
    expect(reading.values).toEqual(['+16198675309', '+18588675703', '212']);
    expect(reading.rowsRead).toBe(3);
  });

  it('X2 hardening item 1: a line of separators only is an invalid row with its number; rowsRead counts neither blank lines nor the header', async () => {
    const reading = await read(csv('Phone\n \n\n(619) 867-5309\n,,,\n;\n'));
    expect(reading).toMatchObject({ rowsRead: 3, values: ['+16198675309'], invalidCount: 2 });
    expect(reading.invalid).toEqual([
      { row: 5, value: ',,,', reason: 'only separators (commas or semicolons), no number or area code' },
      { row: 6, value: ';', reason: 'not a valid phone number or 3-digit area code' },
    ]);
    expect((await read(csv('Number;Area code\n;;\n'))).invalid).toEqual([
      { row: 2, value: ';;', reason: 'only separators (commas or semicolons), no number or area code' },
    ]);
    const commas = await read(csv(`${','.repeat(2 * 1024 * 1024)}\n`));
    expect(commas).toMatchObject({ rowsRead: 1, values: [], invalidCount: 1, invalid: [{ row: 1 }] });
    expect(commas.invalid[0]!.value.length).toBeLessThanOrEqual(60);
    expect(await read(csv('Phone\n\n'))).toMatchObject({ rowsRead: 0, hadHeader: true, values: [], invalidCount: 0 });
    expect((await rejection(read(csv(' \n')))).code).toBe('file_empty');
  });

  it('X3 UTF-8 with a BOM, semicolons, Windows line ends; repeated entries counted once', async () => {
    const reading = await read(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv('Number;Area code\r\n(619) 867-5309;\r\n;907\r\n619-867-5309;\r\n')]),
    );
    expect(reading.values).toEqual(['+16198675309', '907']);
    expect(reading.repeated).toBe(1);
  });

  it('X3 the header names the column: exact names win over columns that only mention a number; a mistyped first number is a bad row, not a header', async () => {
    const named = await read(csv('Account number,Zip code,Hotel,Phone\n12345678,92101,Grand,(619) 867-5309\n'));
    expect(named).toMatchObject({ values: ['+16198675309'], invalidCount: 0 });
    const loose = await read(csv('Customer,Customer phone\nPat,(619) 867-5309\n'));
    expect(loose.values).toEqual(['+16198675309']);
    const typo = await read(csv('619-867-53O9\n(619) 867-5310\n'));
    expect(typo.values).toEqual(['+16198675310']);
    expect(typo.invalid).toEqual([{ row: 1, value: '619-867-53O9', reason: 'not a valid phone number or 3-digit area code' }]);
  });

  it('X3 each invalid row is reported with its row number, value and reason', async () => {
    const reading = await read(csv('Phone\n(619) 867-5309\nhello\n911\n555-0100\n'));
    expect(reading.values).toEqual(['+16198675309']);
    expect(reading.invalidCount).toBe(3);
    expect(reading.invalid).toEqual([
      { row: 3, value: 'hello', reason: 'not a valid phone number or 3-digit area code' },
      { row: 4, value: '911', reason: 'not a NANP area code (the first digit 2-9, not an N11 code such as 911)' },
      { row: 5, value: '555-0100', reason: 'not a valid phone number or 3-digit area code' },
    ]);
  });

  it('X3 XLSX: numeric cells, text cells, an area code typed as a number, a header', async () => {
    const reading = await read(await xlsx([['Phone'], [6198675309], ['(858) 867-5703'], [212], [16198675310]]), 'xlsx');
    expect(reading.values).toEqual(['+16198675309', '+16198675310', '+18588675703', '212']);
  });
});

describe('X5 a bad file changes nothing and says why', () => {
  const small: ImportLimits = { maxBytes: 2048, maxRows: 5, maxUncompressedBytes: 1024 * 1024 };

  it('X5 a file over the size limit', async () => {
    expect((await rejection(read(csv('6198675309\n'.repeat(300)), 'csv', small))).code).toBe('file_too_large');
  });

  it('X5 a file with more rows than the limit', async () => {
    expect((await rejection(read(csv('6198675309\n'.repeat(6)), 'csv', small))).message).toContain('more than 5 rows');
  });

  it('X5 a workbook named .csv, and a text file named .xlsx: the content does not match the type', async () => {
    expect((await rejection(read(await xlsx([['6198675309']]), 'csv'))).code).toBe('not_csv');
    expect((await rejection(read(csv('6198675309\n'), 'xlsx'))).code).toBe('not_xlsx');
  });

  it('X5 a binary file, and text that is not UTF-8', async () => {
    expect((await rejection(read(Buffer.from([0x36, 0x31, 0x39, 0x00, 0x01, 0x02])))).code).toBe('not_csv');
    expect((await rejection(read(Buffer.from('Num\xe9ro\n6198675309\n', 'latin1')))).code).toBe('not_utf8');
  });

  it('X5 a malformed CSV names the line', async () => {
    const error = await rejection(read(csv('Phone\n"(619) 867-5309\n6198675310\n')));
    expect(error.code).toBe('csv_malformed');
  });

  it('X5 a corrupt workbook (cut short), and an empty file', async () => {
    const whole = await xlsx([['6198675309']]);
    expect((await rejection(read(whole.subarray(0, whole.length - 40), 'xlsx'))).code).toBe('xlsx_corrupt');
    expect((await rejection(read(Buffer.alloc(0)))).code).toBe('file_empty');
  });

  it('X5 an encrypted workbook: a password-protected file (OLE container) or an encrypted zip entry', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect((await rejection(read(ole, 'xlsx'))).code).toBe('xlsx_encrypted');
    const zip = buildZip([{ name: '[Content_Types].xml', content: '<Types/>', encrypted: true }]);
    expect((await rejection(read(zip, 'xlsx'))).code).toBe('xlsx_encrypted');
  });

  it('X5 a zip bomb stops at the uncompressed limit, whatever its headers claim', async () => {
    const bomb = buildZip([{ name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(50 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const started = performance.now();
    const error = await rejection(read(bomb, 'xlsx', { ...DEFAULT_LIMITS, maxUncompressedBytes: 10 * 1024 * 1024 }));
    expect(error.code).toBe('xlsx_too_large');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('X5 a zip whose headers disagree is refused: stored in the directory but deflated locally, a part hidden from the directory, a size that lies', async () => {
    const limits = { ...DEFAULT_LIMITS, maxUncompressedBytes: 5 * 1024 * 1024 };
    const big = Buffer.alloc(30 * 1024 * 1024, 0x41);
    const cases = [
      buildZip([{ name: 'xl/worksheets/sheet1.xml', content: big, method: 8, centralMethod: 0 }]),
      buildZip([
        { name: '[Content_Types].xml', content: '<Types/>' },
        { name: 'xl/worksheets/sheet2.xml', content: big, hidden: true },
      ]),
      buildZip([{ name: 'xl/worksheets/sheet1.xml', content: big, declaredSize: 1024 }]),
      buildZip([{ name: 'xl/worksheets/sheet1.xml', content: '<!DOCTYPE x [<!ENTITY a "a">]><x/>', method: 8, centralMethod: 0 }]),
    ];
    for (const zip of cases) {
      expect(['xlsx_corrupt', 'xlsx_too_large']).toContain((await rejection(read(zip, 'xlsx', limits))).code);
    }
  });

  it('X5 a CSV that breaks the parser mid-file (after the first chunks) is refused, never crashing the process', async () => {
    const file = csv(`Phone\n${'6198675309\n'.repeat(10_000)}${'x'.repeat(70_000)}\n${'6198675310\n'.repeat(10_000)}`);
    expect((await rejection(read(file))).code).toBe('csv_malformed');
  });

  it('X3 a stray quote in a cell is a bad row, not a broken file', async () => {
    const reading = await read(csv('Phone\n=HYPERLINK("x")\n6198675309\n'));
    expect(reading.values).toEqual(['+16198675309']);
    expect(reading.invalid).toEqual([{ row: 2, value: '=HYPERLINK("x")', reason: 'not a valid phone number or 3-digit area code' }]);
  });

  it('X5 an XML entity declaration (billion laughs) is refused before any XML is parsed', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet>&lol2;</worksheet>';
    const zip = buildZip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'xl/worksheets/sheet1.xml', content: laughs },
    ]);
    expect((await rejection(read(zip, 'xlsx'))).code).toBe('xlsx_entities');
  });

  it('X5 a formula cell refuses the whole file, naming the row', async () => {
    const error = await rejection(
      read(await xlsx([['Phone'], ['6198675309'], [{ formula: '"+1619"&"8675310"', result: '+16198675310' }]]), 'xlsx'),
    );
    expect(error.code).toBe('xlsx_formula');
    expect(error.message).toContain('Row 3');
  });
});

describe('X2 X5 downloads', () => {
  it('X5 every cell that a spreadsheet would run is escaped', () => {
    for (const text of ['=1+1', '+1619+8675309', '+1', '-2', '@SUM(A1)', '+A1', '\tx', '\rx']) expect(formulaSafe(text)).toBe(`'${text}`);
    expect(formulaSafe('212')).toBe('212');
  });

  it('X3 X5 a bare E.164 number is written as it is: nothing in it can run, and it reads back unchanged', async () => {
    for (const number of ['+16198675309', '+442079460958']) expect(formulaSafe(number)).toBe(number);
    const file = await writeExclusionFile(['+16198675309', '+442079460958', '212'], 'csv');
    expect(file.toString()).not.toContain("'");
    const reading = await read(file, 'csv');
    expect(reading.values).toEqual(['+16198675309', '+442079460958', '212']);
  });

  it('X2 an empty list downloads as the blank template: the header row alone', async () => {
    expect((await writeExclusionFile([], 'csv')).toString()).toBe(`${HEADER}\r\n`);
    const reading = await read(await writeExclusionFile([], 'xlsx'), 'xlsx');
    expect(reading).toMatchObject({ rowsRead: 0, hadHeader: true, values: [] });
  });

  const nanpNumber = fc
    .tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 2_000_000, max: 9_999_999 }))
    .map(([npa, rest]) => `${npa}${rest}`)
    .filter(isValidNanpNationalNumber)
    .map((n) => `+1${n}`);
  const areaCode = fc
    .integer({ min: 200, max: 999 })
    .map(String)
    .filter((a) => !a.endsWith('11'));
  const list = fc.uniqueArray(fc.oneof(nanpNumber, areaCode, fc.constantFrom('+442079460958', '+33142685300')), { maxLength: 200 });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`X2 round trip in ${format.toUpperCase()}: any list, downloaded and uploaded, is the same list`, async () => {
      await fc.assert(
        fc.asyncProperty(list, async (values) => {
          const reading = await read(await writeExclusionFile(values, format), format);
          expect(reading.values).toEqual([...values].sort());
          expect(reading.invalidCount).toBe(0);
        }),
        { numRuns: format === 'csv' ? 200 : 40 },
      );
    });
  }
});
