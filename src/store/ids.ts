/** Ids: random UUIDs for records; time-ordered ids for append-only logs (audit, calls). */
import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

let lastTime = 0;
let sequence = 0;

/**
 * A 26-character id that sorts by creation time, strictly increasing within this process:
 * 13 hex digits of milliseconds, 5 of a per-millisecond sequence, 8 random.
 */
export function timeOrderedId(now = Date.now()): string {
  if (now <= lastTime) {
    sequence++;
    now = lastTime;
  } else {
    lastTime = now;
    sequence = 0;
  }
  return `${timeOrderedFloor(now)}${sequence.toString(16).padStart(5, '0')}${randomBytes(4).toString('hex')}`;
}

/** The least time-ordered id made at or after `ms` (epoch ms): ids compare as text, so `id >= floor` reads only what came since. */
export const timeOrderedFloor = (ms: number): string => Math.max(0, Math.floor(ms)).toString(16).padStart(13, '0');
