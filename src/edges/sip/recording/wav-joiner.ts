/**
 * Joins calls' pcaps into WAVs on one worker thread, started when first needed, so that the event
 * loop that routes calls never decodes audio. Jobs are answered in any order, matched by id.
 */
import { Worker } from 'node:worker_threads';
import type { JoinJob, JoinResult } from './wav-worker.js';

export class WavJoiner {
  private worker: Worker | null = null;
  private closed = false;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (bytes: number) => void; reject: (error: Error) => void }>();

  /** Writes the WAV of `pcaps` (a call's segments, in any order) to `out`, sealed under `key` if given; resolves with the WAV's size in bytes. */
  join(pcaps: readonly string[], out: string, keep?: JoinJob['keep'], key?: Uint8Array): Promise<number> {
    if (this.closed) return Promise.reject(new Error('the server is stopping: the WAV was not joined'));
    const id = this.next++;
    const job: JoinJob = { id, pcaps, out, ...(keep === undefined ? {} : { keep }), ...(key === undefined ? {} : { key }) };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.start().postMessage(job);
    });
  }

  close(): Promise<number> | undefined {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    return worker?.terminate();
  }

  private start(): Worker {
    if (this.worker !== null) return this.worker;
    // The sources run through tsx (bin/switchboard.js); a worker does not inherit its loader, so
    // the worker registers it before importing its TypeScript module.
    const tsx = import.meta.resolve('tsx/esm/api');
    const module = new URL('./wav-worker.ts', import.meta.url).href;
    const worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); });`,
      { eval: true },
    );
    worker.on('message', (result: JoinResult) => {
      const waiter = this.waiting.get(result.id);
      this.waiting.delete(result.id);
      if ('error' in result) waiter?.reject(new Error(result.error));
      else waiter?.resolve(result.bytes);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('the WAV worker stopped'));
    });
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
