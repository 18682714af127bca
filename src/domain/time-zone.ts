/** B1: a tenant's time zone, an IANA name the runtime knows (`America/Los_Angeles`, `UTC`). */
import { DomainError, quote } from './errors.js';

export const DEFAULT_TIME_ZONE = 'UTC';

/** The zone's canonical name, or a DomainError naming the field and the value. */
export function parseTimeZone(input: unknown, field: string): string {
  if (typeof input === 'string' && input.trim() !== '' && input.length <= 64) {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: input.trim() }).resolvedOptions().timeZone;
    } catch {
      // not a zone the runtime knows: the error below
    }
  }
  throw new DomainError(
    'invalid_time_zone',
    field,
    input,
    `${field}: ${quote(input)} is not a time zone (an IANA name, e.g. America/Los_Angeles or UTC).`,
  );
}
