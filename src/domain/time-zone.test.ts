import { describe, expect, it } from 'vitest';
import { parseTimeZone } from './time-zone.js';

describe('B1 time zones', () => {
  it('reads IANA names as the runtime writes them, and refuses anything else naming the field', () => {
    expect(parseTimeZone('America/Los_Angeles', 'timeZone')).toBe('America/Los_Angeles');
    expect(parseTimeZone(' UTC ', 'timeZone')).toBe('UTC');
    for (const bad of ['Pacific', 'America/Nowhere', '', 42, null, 'x'.repeat(65)])
      expect(() => parseTimeZone(bad, 'timeZone')).toThrow(/timeZone: .* is not a time zone/);
  });
});
