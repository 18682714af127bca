/**
 * The worker thread that joins a call's pcaps into its WAV (see wav-joiner.ts): parsing and
 * decoding a long call's packets takes long enough to stall the routing of other calls. With a
 * recording key (B10) the file is sealed here too, before anything is written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { PRIVATE_FILE } from '../../../shared/private-files.js';
import { seal } from '../../../shared/sealed-file.js';
import { joinSegments } from './call-audio.js';

export interface JoinJob {
  readonly id: number;
  readonly pcaps: readonly string[];
  readonly out: string;
  /** Keep only audio captured in these windows (epoch seconds); see joinSegments. */
  readonly keep?: readonly { from: number; to: number }[];
  /** B10: seal the file under this key (32 bytes). */
  readonly key?: Uint8Array;
}

export type JoinResult = { readonly id: number; readonly bytes: number } | { readonly id: number; readonly error: string };

parentPort!.on('message', (job: JoinJob) => {
  void (async (): Promise<JoinResult> => {
    try {
      const wav = joinSegments(await Promise.all(job.pcaps.map((file) => readFile(file))), job.keep);
      await writeFile(job.out, job.key === undefined ? wav : seal(job.key, wav, basename(job.out)), { mode: PRIVATE_FILE });
      return { id: job.id, bytes: wav.length };
    } catch (error) {
      return { id: job.id, error: (error as Error).message };
    }
  })().then((result) => parentPort!.postMessage(result));
});
