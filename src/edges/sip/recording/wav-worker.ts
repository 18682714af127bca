/**
 * The worker thread that joins a call's pcaps into its WAV (see wav-joiner.ts): parsing and
 * decoding a long call's packets takes long enough to stall the routing of other calls.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { PRIVATE_FILE } from '../../../shared/private-files.js';
import { joinSegments } from './call-audio.js';

export interface JoinJob {
  readonly id: number;
  readonly pcaps: readonly string[];
  readonly out: string;
  /** Keep only audio captured in these windows (epoch seconds); see joinSegments. */
  readonly keep?: readonly { from: number; to: number }[];
}

export type JoinResult = { readonly id: number; readonly bytes: number } | { readonly id: number; readonly error: string };

parentPort!.on('message', (job: JoinJob) => {
  void (async (): Promise<JoinResult> => {
    try {
      const wav = joinSegments(await Promise.all(job.pcaps.map((file) => readFile(file))), job.keep);
      await writeFile(job.out, wav, { mode: PRIVATE_FILE });
      return { id: job.id, bytes: wav.length };
    } catch (error) {
      return { id: job.id, error: (error as Error).message };
    }
  })().then((result) => parentPort!.postMessage(result));
});
