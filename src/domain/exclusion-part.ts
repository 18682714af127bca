/**
 * The exclusion list's part of a network's snapshot (X1, R10): the list as last loaded whole, with
 * what patches added and removed kept beside it, and the area codes as a flag per code.
 */
import { NumberIndex } from './number-index.js';
import type { AreaCode, E164 } from './phone-number.js';

export interface ExclusionPart {
  /** The list as last loaded whole, and what was added and removed since (patches). */
  readonly base: NumberIndex;
  readonly added: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
  /** Indexed by area code (0-999): 1 where excluded. A call's check is one array read. */
  readonly areaCodes: Uint8Array;
  readonly areaCodeList: readonly string[];
}

/** A patch that is better done by loading the network whole (the caller does). */
export class ReloadNeeded extends Error {}

/** Past this many patched entries, the exclusion list is loaded whole again (its index rebuilt). */
export const MAX_EXCLUSION_OVERLAY = 10_000;

export function exclusionPart(numbers: readonly E164[], areaCodes: readonly AreaCode[]): ExclusionPart {
  const base = new NumberIndex(numbers.length);
  numbers.forEach((number, i) => base.add(number, i));
  const codes = new Uint8Array(1000);
  for (const code of areaCodes) codes[Number(code)] = 1;
  return { base, added: new Set(), removed: new Set(), areaCodes: codes, areaCodeList: Object.freeze([...areaCodes].sort()) };
}

/** Entries added and removed (E.164 numbers and 3-digit area codes), kept beside the index until it is loaded whole again. */
export function patchExclusions(part: ExclusionPart, added: readonly string[], removed: readonly string[]): ExclusionPart {
  const addedNumbers = new Set(part.added);
  const removedNumbers = new Set(part.removed);
  const areaCodes = part.areaCodes.slice();
  for (const value of removed) {
    if (value.length === 3) areaCodes[Number(value)] = 0;
    else if (addedNumbers.has(value)) addedNumbers.delete(value);
    else if (part.base.has(value)) removedNumbers.add(value);
  }
  for (const value of added) {
    if (value.length === 3) areaCodes[Number(value)] = 1;
    else if (removedNumbers.has(value)) removedNumbers.delete(value);
    else if (!part.base.has(value)) addedNumbers.add(value);
  }
  if (addedNumbers.size + removedNumbers.size > MAX_EXCLUSION_OVERLAY)
    throw new ReloadNeeded('the exclusion list changed too much to patch');
  const areaCodeList: string[] = [];
  areaCodes.forEach((flag, code) => flag === 1 && areaCodeList.push(String(code).padStart(3, '0')));
  return { base: part.base, added: addedNumbers, removed: removedNumbers, areaCodes, areaCodeList: Object.freeze(areaCodeList) };
}

export function isExcludedNumber(part: ExclusionPart, number: string): boolean {
  if (part.removed.size > 0 && part.removed.has(number)) return false;
  return part.base.has(number) || (part.added.size > 0 && part.added.has(number));
}

export const excludedNumberCount = (part: ExclusionPart): number => part.base.size + part.added.size - part.removed.size;
