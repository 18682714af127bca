/**
 * What Switchboard writes to disk holds password hashes, the call log and call audio: only the
 * account that runs it may read it. Folders are 0700 and files 0600, whatever the umask, and an
 * existing folder or file is brought back to that.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** Creates the folder (and its parents) if missing; the folder itself is made 0700. */
export function privateDirSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(path, PRIVATE_DIR);
}

export async function privateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR });
  await chmod(path, PRIVATE_DIR);
}

/** Creates an empty file 0600 if missing (so a library that opens it later keeps that), else makes it 0600. */
export function privateFileSync(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE);
  else closeSync(openSync(path, 'a', PRIVATE_FILE));
}
