/**
 * Small readers for untrusted JSON: each returns a typed value or throws a DomainError that names
 * the field (`events[2].at`) and the value. Used by the scenario format; the API uses its schemas.
 */
import { DomainError, quote } from './errors.js';
import { parseAreaCode, parsePhoneNumber, type AreaCode, type E164 } from './phone-number.js';

export type Json = Record<string, unknown>;

export function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError('invalid_type', field, value, `${field}: expected an object, got ${quote(value)}.`);
  }
  return value as Json;
}

export function array(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new DomainError('invalid_type', field, value, `${field}: expected a list, got ${quote(value)}.`);
  return value;
}

export function string(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError('invalid_type', field, value, `${field}: expected a non-empty text, got ${quote(value)}.`);
  }
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : string(value, field);
}

export function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean')
    throw new DomainError('invalid_type', field, value, `${field}: expected true or false, got ${quote(value)}.`);
  return value;
}

export function number(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DomainError('invalid_type', field, value, `${field}: expected a number, got ${quote(value)}.`);
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new DomainError('invalid_value', field, value, `${field}: ${quote(value)} is not one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

export function phone(value: unknown, field: string): E164 {
  return parsePhoneNumber(value, field);
}

export function nullablePhone(value: unknown, field: string): E164 | null {
  return value === null || value === undefined ? null : parsePhoneNumber(value, field);
}

export function areaCode(value: unknown, field: string): AreaCode {
  return parseAreaCode(value, field);
}

/** Rejects keys the reader does not know: a typo must not be silently ignored. */
export function onlyKeys(json: Json, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(json)) {
    if (!allowed.includes(key)) {
      throw new DomainError(
        'unknown_field',
        field === '' ? key : `${field}.${key}`,
        json[key],
        `${field === '' ? key : `${field}.${key}`}: unknown field (expected one of ${allowed.join(', ')}).`,
      );
    }
  }
}
