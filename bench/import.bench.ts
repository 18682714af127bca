/**
 * P5: a 1,000,000-row CSV and a 100,000-row XLSX imported in replace mode (read, validated, the
 * list replaced in one SQLite transaction), each against only parsing the same file with the same
 * library, in the same run; and the importing process's peak RSS. Each measurement is a fresh
 * process; the best of three counts. Run with `npm run bench:import`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { migrate, openStore } from '../src/store/db.js';
import { insertNetwork } from '../src/store/network-seeder.js';
import { exclusionRows } from './exclusion-rows.js';
import { largeNetwork } from './large-network.js';

const CSV_ROWS = 1_000_000;
const XLSX_ROWS = 100_000;
const ROUNDS = 3;

const dir = mkdtempSync(join(tmpdir(), 'sb-p5-'));
const csvPath = join(dir, 'list.csv');
const entries = exclusionRows(CSV_ROWS);
writeFileSync(csvPath, `Phone number\n${entries.join('\n')}\n`);
const xlsxPath = join(dir, 'list.xlsx');
const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: false, useStyles: false });
const sheet = workbook.addWorksheet('Exclusions');
sheet.addRow(['Phone number']).commit();
for (const entry of entries.slice(0, XLSX_ROWS)) sheet.addRow([entry]).commit();
sheet.commit();
await workbook.commit();

/** A store holding the network, with a list of 10,000 entries for the replace to replace. */
async function freshStore(): Promise<string> {
  const dataDir = mkdtempSync(join(dir, 'db-'));
  const store = await openStore({ databaseUrl: null, dataDir });
  await migrate(store.db);
  const network = largeNetwork(10, 100);
  const numbers = Array.from({ length: 10_000 }, (_, i) => `+1415867${String(i).padStart(4, '0')}`);
  await store.db
    .transaction()
    .execute((trx) =>
      insertNetwork(
        trx,
        { ...network, network: { ...network.network, id: 'bench' }, exclusions: { numbers: numbers as never, areaCodes: [] } },
        'bench',
      ),
    );
  await store.close();
  return dataDir;
}

function measure(
  mode: 'parse' | 'import' | 'import-in-parts',
  format: 'csv' | 'xlsx',
  path: string,
  dataDir = '',
): { ms: number; rss: number; count: number } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'import.child.ts'), mode, format, path, dataDir],
    { encoding: 'utf8' },
  );
  const value = (name: string) => Number(new RegExp(`${name} (\\d+(?:\\.\\d+)?)`).exec(result.stdout)?.[1]);
  if (result.status !== 0 || Number.isNaN(value('ELAPSED_MS'))) throw new Error(`${mode} ${format}: ${result.stderr || result.stdout}`);
  return { ms: value('ELAPSED_MS'), rss: value('PEAK_RSS_MB'), count: value('COUNT') };
}

const results: Record<string, { parse: number; import: number; rss: number; count: number; inParts?: { import: number; rss: number } }> =
  {};
for (const [format, path] of [
  ['csv', csvPath],
  ['xlsx', xlsxPath],
] as const) {
  let parse = Infinity;
  let imported = Infinity;
  let rss = 0;
  let count = 0;
  // The CSV also read in two parts on two threads (what a machine with more than two cores does by itself).
  const inParts = { import: Infinity, rss: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    parse = Math.min(parse, measure('parse', format, path).ms);
    const run = measure('import', format, path, await freshStore());
    imported = Math.min(imported, run.ms);
    rss = Math.max(rss, run.rss);
    count = run.count;
    if (format === 'csv') {
      const parted = measure('import-in-parts', format, path, await freshStore());
      if (parted.count !== count) throw new Error(`read in parts: ${parted.count} entries, not ${count}`);
      inParts.import = Math.min(inParts.import, parted.ms);
      inParts.rss = Math.max(inParts.rss, parted.rss);
    }
  }
  results[format] = { parse, import: imported, rss, count, ...(format === 'csv' ? { inParts } : {}) };
  console.log(
    `${format}: ${format === 'csv' ? CSV_ROWS : XLSX_ROWS} rows, ${count} entries after the replace; parse only ${parse.toFixed(0)} ms, import ${imported.toFixed(0)} ms, peak RSS ${rss} MB`,
  );
  if (format === 'csv')
    console.log(
      `csv read in two parts on two threads: import ${inParts.import.toFixed(0)} ms (ratio ${(parse / inParts.import).toFixed(2)}), peak RSS ${inParts.rss} MB`,
    );
}
rmSync(dir, { recursive: true, force: true });
const ratio = (format: string) => (results[format]!.parse / results[format]!.import).toFixed(2);
console.log(`P5 csv_ratio=${ratio('csv')} xlsx_ratio=${ratio('xlsx')} peak_rss_mb=${Math.max(results.csv!.rss, results.xlsx!.rss)}`);
