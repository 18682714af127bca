/**
 * P5: a large CSV read on two cores. The file is cut in two at a line break outside quotes
 * (csv-split.ts); a worker thread reads the second part while this thread reads the first, each
 * parsing, validating and keeping its entries; the second part's rows, entries and invalid rows
 * then join the first's. What comes out is exactly what reading the file in one pass gives (the
 * same rows, numbers, repeats and invalid rows; a test holds this), in about half the time.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { collectCsvRow, firstFilledRecord, readCsv } from './csv-reader.js';
import type { PartJob, PartMessage } from './csv-part-worker.js';
import { splitCsv, type CsvPart } from './csv-split.js';
import { FileRejected } from './limits.js';
import { RowCollector, type FileReading, type PartReading } from './row-collector.js';

/** Below this, one pass is quicker than starting a thread. */
export const PARALLEL_FROM_BYTES = 4 * 1024 * 1024;

/**
 * How many parts a large CSV is read in by default: two where the machine has cores to spare. On
 * two cores the main thread, the worker and V8's collector share them: a million rows import 16%
 * faster but the process peaks 60 MB higher, past P5's memory aim (bench/RESULTS.md), so one pass.
 */
export const defaultCsvParts = (): 1 | 2 => (availableParallelism() > 2 ? 2 : 1);

/**
 * Reads `file` on two cores when it is large enough and can be cut, otherwise in one pass. Throws
 * FileRejected as the one-pass reading would. `onRows` hears the rows read so far, both parts
 * together. The entries come in key order either way (distinct-entries.ts).
 */
export async function readCsvFile(
  file: Buffer,
  delimiter: ',' | ';',
  maxRows: number,
  onRows?: (rows: number) => void,
  partsWanted: 1 | 2 = defaultCsvParts(),
): Promise<FileReading> {
  let mainRows = 0;
  let workerRows = 0;
  const report = onRows === undefined ? undefined : () => onRows(mainRows + workerRows);
  const rows = new RowCollector(maxRows, report && ((n) => ((mainRows = n), report())));
  const collect = (row: number, cells: readonly (string | number)[]) => collectCsvRow(rows, delimiter, row, cells);
  const parts = partsWanted === 2 && file.length >= PARALLEL_FROM_BYTES ? splitCsv(file) : [];
  const first = parts.length === 2 ? firstFilledRecord(file, delimiter) : null;
  if (parts.length !== 2 || first === null) {
    await readCsv(file, collect);
    return rows.result();
  }
  const [head, tail] = parts as [CsvPart, CsvPart];
  // The second part goes by what the file's first filled row says (a header, its entry columns).
  const part = new Uint8Array(file.subarray(tail.start, tail.end));
  const job: PartJob = { part, firstRow: tail.firstRow, delimiter, maxRows, header: RowCollector.header(first) };
  const worker = startWorker();
  const second = new Promise<PartReading>((resolve, reject) => {
    worker.on('message', (message: PartMessage) => {
      if ('progress' in message) {
        workerRows = message.progress;
        report?.();
      } else if ('error' in message) reject(new FileRejected(message.error.code, message.error.message));
      else resolve(message.reading);
    });
    worker.on('error', reject);
    worker.on('exit', () => reject(new Error('the CSV reading thread stopped')));
  });
  // Awaited below; a failure of the first part must not leave it unhandled.
  second.catch(() => undefined);
  worker.postMessage(job, [part.buffer]);
  try {
    await readCsv(file.subarray(head.start, head.end), collect);
    rows.join(await second);
    return rows.result();
  } finally {
    void worker.terminate();
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
