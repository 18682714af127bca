/**
 * X3: one cell of an uploaded exclusion list, read the way a person wrote it: a number in any
 * common format (or a numeric spreadsheet cell), a 3-digit area code, an apostrophe in front
 * (spreadsheets' "this is text" mark, and what Switchboard's downloads put before a `+`).
 * Returns a reason instead of throwing: a file has many rows and each bad one is reported.
 */
import { readCommonNanp } from './nanp.js';
import { readWithLibrary } from './phone-number.js';

export type CellReading = { readonly value: string; readonly reason?: undefined } | { readonly value?: undefined; readonly reason: string };

const AREA_CODE = /^[2-9]\d{2}$/;

/** The cell's text with surrounding spaces and one leading apostrophe removed ('' when empty). */
export function cellText(raw: string | number): string {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 ? String(raw) : String(raw);
  const text = raw.trim();
  return text.startsWith("'") ? text.slice(1).trim() : text;
}

/** An entry's stored value (E.164 or a 3-digit area code), or why the cell is not one. */
export function readExclusionCell(raw: string | number): CellReading {
  const text = cellText(raw);
  if (/^\d{3}$/.test(text)) {
    return AREA_CODE.test(text) && !text.endsWith('11')
      ? { value: text }
      : { reason: 'not a NANP area code (the first digit 2-9, not an N11 code such as 911)' };
  }
  if (text.length > 40) return { reason: 'too long to be a phone number' };
  const common = readCommonNanp(text);
  const number = common === undefined ? readWithLibrary(text) : common;
  return number === null ? { reason: 'not a valid phone number or 3-digit area code' } : { value: number };
}

/** Whether a stored entry value is an area code (else it is a number in E.164). */
export const isAreaCodeValue = (value: string): boolean => value.length === 3;
