import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { DomainError, quote } from './errors.js';
import { readCommonNanp } from './nanp.js';

declare const e164Brand: unique symbol;
/** A phone number in E.164 (`+16198675309`). Only `parsePhoneNumber` and `asE164` make one. */
export type E164 = string & { readonly [e164Brand]: true };

declare const areaCodeBrand: unique symbol;
/** A 3-digit NANP area code (NPA), e.g. `619`. */
export type AreaCode = string & { readonly [areaCodeBrand]: true };

const E164_SHAPE = /^\+[1-9]\d{6,14}$/;
const NANP_E164 = /^\+1[2-9]\d{2}[2-9]\d{6}$/;
// NPA: first digit 2-9, and not an N11 service code (211, 311, ... 911).
const AREA_CODE = /^[2-9]\d{2}$/;

/**
 * Parses what a person typed or a spreadsheet held into E.164. Accepts the common NANP forms
 * (`(619) 867-5309`, `619.867.5309`, `1-619-867-5309`, `+1 619 867 5309`) and international
 * numbers written with `+`. Rejects anything that is not a valid, dialable number, naming the
 * field and the value.
 */
export function parsePhoneNumber(input: unknown, field: string): E164 {
  // Parsing is pure and most inputs repeat (tracking numbers are few; callers call again): a
  // bounded memo of valid results saves libphonenumber's work. Invalid inputs are not remembered.
  if (typeof input === 'string') {
    const known = parsed.get(input);
    if (known !== undefined) return known;
  }
  const number = parseUncached(input, field);
  if (typeof input === 'string') {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(input, number);
  }
  return number;
}

const PARSED_MAX = 50_000;
const parsed = new Map<string, E164>();

function parseUncached(input: unknown, field: string): E164 {
  if (typeof input !== 'string' && typeof input !== 'number') {
    throw new DomainError('invalid_phone_number', field, input, `${field}: expected a phone number, got ${quote(input)}.`);
  }
  const text = String(input).trim();
  if (text === '') {
    throw new DomainError('invalid_phone_number', field, input, `${field}: a phone number is required.`);
  }
  // The common NANP shapes are read as libphonenumber would, without its cost; the rest by it.
  const common = readCommonNanp(text);
  const number = common === undefined ? readWithLibrary(text) : common;
  if (number !== null) return number as E164;
  throw new DomainError(
    'invalid_phone_number',
    field,
    input,
    `${field}: ${quote(input)} is not a valid phone number (expected e.g. (619) 867-5309 or +1 619 867 5309).`,
  );
}

/** libphonenumber's reading of any form, or null when it is not a valid number. */
export function readWithLibrary(text: string): string | null {
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry: 'US' });
    return parsed.isValid() ? parsed.number : null;
  } catch {
    // the library's codes (TOO_SHORT, ...) mean nothing to a user: the caller gives one message
    return null;
  }
}

/**
 * A number as people read it: NANP as (619) 867-5309, any other in its international form
 * (+44 20 7946 0958); what is not a number as it is.
 */
export function readableNumber(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  if (nanp !== null) return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  if (!E164_SHAPE.test(number)) return number;
  try {
    return parsePhoneNumberWithError(number).formatInternational();
  } catch {
    return number;
  }
}

/** Trusts a number that is already E.164 (from storage or a SIP URI) after a cheap shape check. */
export function asE164(value: string, field = 'number'): E164 {
  if (!E164_SHAPE.test(value)) {
    throw new DomainError('invalid_phone_number', field, value, `${field}: ${quote(value)} is not an E.164 number (+ and digits).`);
  }
  return value as E164;
}

/** Whether a string is a well-formed NANP number in E.164. */
export function isNanp(number: string): boolean {
  return NANP_E164.test(number);
}

/** Parses a 3-digit NANP area code. */
export function parseAreaCode(input: unknown, field: string): AreaCode {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
  if (!AREA_CODE.test(text) || text.endsWith('11')) {
    throw new DomainError(
      'invalid_area_code',
      field,
      input,
      `${field}: ${quote(input)} is not a NANP area code (3 digits, the first 2-9, not an N11 code such as 911).`,
    );
  }
  return text as AreaCode;
}

/**
 * The area code of a NANP number as an integer 200-999, or -1 for a number outside NANP.
 * Integer, not string, so that a call's exclusion check allocates nothing.
 */
export function areaCodeNumberOf(number: E164): number {
  if (number.length !== 12 || number.charCodeAt(1) !== 49 /* '1' */) return -1;
  return (number.charCodeAt(2) - 48) * 100 + (number.charCodeAt(3) - 48) * 10 + (number.charCodeAt(4) - 48);
}

/** The area code of a NANP number, or undefined for a number outside NANP. */
export function areaCodeOf(number: E164): AreaCode | undefined {
  return number.length === 12 && number.startsWith('+1') ? (number.slice(2, 5) as AreaCode) : undefined;
}

export type ExclusionEntry =
  { readonly kind: 'number'; readonly number: E164 } | { readonly kind: 'area_code'; readonly areaCode: AreaCode };

/** X1: an exclusion-list entry is a full number or a bare 3-digit area code. */
export function parseExclusionEntry(input: unknown, field: string): ExclusionEntry {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : input;
  if (typeof text === 'string' && /^\d{3}$/.test(text)) {
    return { kind: 'area_code', areaCode: parseAreaCode(text, field) };
  }
  return { kind: 'number', number: parsePhoneNumber(input, field) };
}
