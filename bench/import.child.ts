/**
 * One P5 measurement in a fresh process: `parse FORMAT FILE` only parses the file with the library
 * the importer uses (csv-parse, exceljs); `import FORMAT FILE DATADIR` imports it in replace mode
 * into the SQLite store in DATADIR, as `switchboard exclusions import --mode replace` does (a CSV
 * in one pass; `import-in-parts FORMAT FILE DATADIR` reads it in two parts on two threads).
 * Prints ELAPSED_MS and PEAK_RSS_MB.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { createApplication } from '../src/app/application.js';
import { applyImport } from '../src/app/commands/exclusion-list-importer.js';
import { readExclusionFile, type FileFormat } from '../src/formats/exclusion-files/exclusion-file-reader.js';
import { csvOptions } from '../src/formats/exclusion-files/csv-reader.js';
import { DEFAULT_LIMITS } from '../src/formats/exclusion-files/limits.js';
import { migrate, openStore } from '../src/store/db.js';

const [mode, format, path, dataDir] = process.argv.slice(2) as ['parse' | 'import' | 'import-in-parts', FileFormat, string, string];

async function parseOnly(file: Buffer): Promise<number> {
  let rows = 0;
  if (format === 'csv') {
    // The importer's own way through the file (csv-reader.ts): 64 KB chunks, records as they come.
    const parser = parse(csvOptions(file));
    parser.on('data', () => {
      rows++;
    });
    const ended = new Promise((resolve, reject) => {
      parser.on('end', resolve);
      parser.on('error', reject);
    });
    for (let at = 0; at < file.length; at += 64 * 1024) if (!parser.write(file.subarray(at, at + 64 * 1024))) await once(parser, 'drain');
    parser.end();
    await ended;
    return rows;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>)
      row.eachCell(() => {
        rows++;
      });
    break;
  }
  return rows;
}

async function importFile(file: Buffer): Promise<number> {
  const store = await openStore({ databaseUrl: null, dataDir });
  await migrate(store.db);
  try {
    // `import-in-parts`: a CSV read in two parts on two threads, whatever the machine's cores.
    const reading = await readExclusionFile(file, format, DEFAULT_LIMITS, undefined, mode === 'import-in-parts' ? 2 : 1);
    console.log(`READ_MS ${(performance.now() - started).toFixed(1)}`);
    const plan = await applyImport(createApplication(store).commands, { kind: 'system', name: 'bench' }, 'bench', reading, 'replace');
    return plan.totalAfter;
  } finally {
    await store.close();
  }
}

const file = readFileSync(path);
const started = performance.now();
const count = mode === 'parse' ? await parseOnly(file) : await importFile(file);
const elapsed = performance.now() - started;
console.log(`COUNT ${count}\nELAPSED_MS ${elapsed.toFixed(1)}\nPEAK_RSS_MB ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`);
