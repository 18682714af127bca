/**
 * P5: the worker thread that reads the second part of a large CSV (csv-split.ts) while the main
 * thread reads the first: parsed, every cell validated, its entries kept once, exactly as the
 * main thread reads (the same reader and collector). Its entries go back as one string, one a line.
 */
import { parentPort } from 'node:worker_threads';
import { collectCsvRow, readCsv } from './csv-reader.js';
import { FileRejected } from './limits.js';
import { RowCollector, type FileReading, type HeaderReading } from './row-collector.js';

export interface PartJob {
  readonly part: Uint8Array;
  readonly firstRow: number;
  readonly delimiter: ',' | ';';
  readonly maxRows: number;
  readonly header: HeaderReading;
}

export type PartMessage =
  | { readonly progress: number }
  | { readonly reading: Omit<FileReading, 'values'> & { readonly values: string } }
  | { readonly error: { readonly code: string; readonly message: string } };

parentPort!.once('message', (job: PartJob) => {
  void (async (): Promise<PartMessage> => {
    try {
      const rows = new RowCollector(job.maxRows, (progress) => parentPort!.postMessage({ progress } satisfies PartMessage), job.header);
      const part = Buffer.from(job.part.buffer, job.part.byteOffset, job.part.byteLength);
      await readCsv(part, (row, cells) => collectCsvRow(rows, job.delimiter, row, cells), job);
      const reading = rows.result();
      // Sorted here, on this core: the main thread merges the two parts' sorted entries.
      return { reading: { ...reading, values: [...reading.values].sort().join('\n') } };
    } catch (error) {
      const code = error instanceof FileRejected ? error.code : 'csv_malformed';
      return { error: { code, message: (error as Error).message } };
    }
  })().then((message) => parentPort!.postMessage(message));
});
