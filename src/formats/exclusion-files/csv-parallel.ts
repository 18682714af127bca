/**
 * P5: a large CSV read on several cores. The file is cut where the parser ends a record
 * (csv-split.ts); worker threads read the later parts while this thread reads the first, each
 * parsing, validating and keeping its entries; the later parts' rows, entries and invalid rows
 * then join the first's, in file order. What comes out is exactly what reading the file in one
 * pass gives (the same rows, numbers, repeats and invalid rows; a test holds this).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { collectCsvRow, firstFilledRecord, readCsv } from './csv-reader.js';
import type { PartJob, PartMessage } from './csv-part-worker.js';
import { splitCsv } from './csv-split.js';
import { FileRejected } from './limits.js';
import { RowCollector, type FileReading, type PartReading } from './row-collector.js';

/** Below this, one pass is quicker than starting a thread. */
export const PARALLEL_FROM_BYTES = 4 * 1024 * 1024;

/** More parts than this gain little: each thread pays its start (tsx, the number metadata). */
const MAX_PARTS = 4;

/**
 * How many parts a large CSV is read in by default: one per core, up to four, where the machine
 * has more than two. On two cores the main thread, a worker and V8's collector share them: the
 * gain is within the run-to-run spread and the memory close to P5's aim (bench/RESULTS.md,
 * decision 0126), so one pass.
 */
export const defaultCsvParts = (): number => {
  const cores = availableParallelism();
  return cores > 2 ? Math.min(cores, MAX_PARTS) : 1;
};

/**
 * Reads `file` in `partsWanted` parts on as many threads when it is large enough and can be cut,
 * otherwise in one pass. Throws FileRejected as the one-pass reading would (a part's failure is
 * reported in file order). `onRows` hears the rows read so far, all parts together. The entries
 * come in text order either way (distinct-entries.ts).
 */
export async function readCsvFile(
  file: Buffer,
  delimiter: ',' | ';',
  maxRows: number,
  onRows?: (rows: number) => void,
  partsWanted: number = defaultCsvParts(),
): Promise<FileReading> {
  const progress: number[] = [];
  const report = onRows === undefined ? undefined : () => onRows(progress.reduce((sum, n) => sum + n, 0));
  const heard = (part: number) => report && ((rows: number) => ((progress[part] = rows), report()));
  const rows = new RowCollector(maxRows, heard(0));
  const collect = (row: number, cells: readonly (string | number)[]) => collectCsvRow(rows, delimiter, row, cells);
  const parts = partsWanted > 1 && file.length >= PARALLEL_FROM_BYTES ? splitCsv(file, delimiter, partsWanted) : [];
  const first = parts.length > 1 ? firstFilledRecord(file, delimiter) : null;
  if (parts.length < 2 || first === null) {
    await readCsv(file, collect);
    return rows.result();
  }
  // The later parts go by what the file's first filled row says (a header, its entry columns).
  const header = RowCollector.header(first);
  const workers: Worker[] = [];
  const later = parts.slice(1).map((tail, index) => {
    const part = new Uint8Array(file.subarray(tail.start, tail.end));
    const job: PartJob = { part, firstRow: tail.firstRow, delimiter, maxRows, header };
    const worker = startWorker();
    workers.push(worker);
    const reading = new Promise<PartReading>((resolve, reject) => {
      worker.on('message', (message: PartMessage) => {
        if ('progress' in message) heard(index + 1)?.(message.progress);
        else if ('error' in message) reject(new FileRejected(message.error.code, message.error.message));
        else resolve(message.reading);
      });
      worker.on('error', reject);
      worker.on('exit', () => reject(new Error('a CSV reading thread stopped')));
    });
    // Awaited below, in file order; an earlier part's failure must not leave it unhandled.
    reading.catch(() => undefined);
    worker.postMessage(job, [part.buffer]);
    return reading;
  });
  try {
    await readCsv(file.subarray(parts[0]!.start, parts[0]!.end), collect);
    for (const reading of later) rows.join(await reading);
    return rows.result();
  } finally {
    for (const worker of workers) void worker.terminate();
  }
}

function startWorker(): Worker {
  // The sources run through tsx (bin/switchboard.js); a worker does not inherit its loader, so it
  // registers it before importing its TypeScript module (as the WAV worker does).
  const tsx = import.meta.resolve('tsx/esm/api');
  const module = new URL('./csv-part-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); });`, {
    eval: true,
  });
}
