/**
 * P5: the worker thread that reads the second part of a large CSV (csv-split.ts) while the main
 * thread reads the first: parsed, every cell validated, its entries kept once, exactly as the
 * main thread reads (the same reader and collector). Its entries go back as numbers (distinct-entries.ts),
 * their memory moved to the main thread, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { collectCsvRow, readCsv } from './csv-reader.js';
import { FileRejected } from './limits.js';
import { RowCollector, type HeaderReading, type PartReading } from './row-collector.js';

export interface PartJob {
  readonly part: Uint8Array;
  readonly firstRow: number;
  readonly delimiter: ',' | ';';
  readonly maxRows: number;
  readonly header: HeaderReading;
}

export type PartMessage =
  | { readonly progress: number }
  | { readonly reading: PartReading }
  | { readonly error: { readonly code: string; readonly message: string } };

parentPort!.once('message', (job: PartJob) => {
  void (async (): Promise<PartMessage> => {
    try {
      const rows = new RowCollector(job.maxRows, (progress) => parentPort!.postMessage({ progress } satisfies PartMessage), job.header);
      const part = Buffer.from(job.part.buffer, job.part.byteOffset, job.part.byteLength);
      await readCsv(part, (row, cells) => collectCsvRow(rows, job.delimiter, row, cells), job);
      return { reading: rows.partResult() };
    } catch (error) {
      const code = error instanceof FileRejected ? error.code : 'csv_malformed';
      return { error: { code, message: (error as Error).message } };
    }
  })().then((message) =>
    parentPort!.postMessage(message, 'reading' in message ? [message.reading.entries.keys.buffer as ArrayBuffer] : []),
  );
});
