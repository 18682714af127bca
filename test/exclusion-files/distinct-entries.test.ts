/**
 * P5: a file's entries kept once each as numbers: every stored value has a key that gives the
 * text back; the distinct entries (in text order) and the repeats are what a Set and a sort of the
 * texts give, values no key holds included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistinctEntries, keyOf, valueOfKey } from '../../src/formats/exclusion-files/distinct-entries.js';

const e164 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 0, maxLength: 14 }))
  .map(([first, rest]) => `+${first}${rest.join('')}`);
const areaCode = fc.integer({ min: 200, max: 999 }).map(String);
const longer = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 17 }).map((digits) => `+4${digits.join('')}`);
const value = fc.oneof(e164, areaCode);
/** A number of exactly `length` digits. */
const digits = (length: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 }))
    .map(([first, rest]) => `+${first}${rest.join('')}`);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('P5 distinct entries as numbers', () => {
  it('every value of up to 15 digits and every area code has a key that gives it back', () => {
    fc.assert(
      fc.property(value, (v) => {
        const key = keyOf(v);
        expect(key).toBeDefined();
        expect(Number.isSafeInteger(key)).toBe(true);
        expect(valueOfKey(key!)).toBe(v);
      }),
      { numRuns: 5000 },
    );
    for (const v of ['+100000000000000', '+999999999999999', '+1', '+10', '+16198675309', '200', '999'])
      expect(valueOfKey(keyOf(v)!)).toBe(v);
  });

  it('keys of numbers of one length compare as their texts do; numbers come before area codes', () => {
    const sameLength = fc.integer({ min: 2, max: 15 }).chain((length) => fc.tuple(fc.constant(length), fc.constant(length)));
    fc.assert(
      fc.property(
        sameLength.chain(([length]) => fc.tuple(digits(length), digits(length))),
        ([a, b]) => {
          expect(Math.sign(keyOf(a)! - keyOf(b)!)).toBe(compare(a, b));
        },
      ),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(e164, areaCode, (number, code) => {
        expect(keyOf(number)!).toBeLessThan(keyOf(code)!);
      }),
    );
  });

  it('values no key holds are refused a key: longer than 15 digits, a leading 0, anything not digits', () => {
    for (const v of ['+4123456789012345', '+0123', '+1234a', '12a', '1e2', '', '+', '+1 619'].concat(['99', '2000']))
      expect(keyOf(v)).toBeUndefined();
  });

  it('gives each entry once in text order, and counts the repeats, as a Set and a sort would (numbers of every length, area codes, longer ones)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(value, longer), { maxLength: 300 }), fc.integer({ min: 0, max: 300 }), (values, cut) => {
        const entries = new DistinctEntries();
        // Half added one by one, the rest joined from another reader's part.
        const part = new DistinctEntries();
        values.slice(0, cut).forEach((v) => entries.add(v));
        values.slice(cut).forEach((v) => part.add(v));
        entries.addAll(part.transferable());
        const expected = [...new Set(values)].sort();
        expect(entries.distinct()).toEqual({ values: expected, repeated: values.length - expected.length });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps 5,000 entries past its first buffer', () => {
    const entries = new DistinctEntries();
    const values = Array.from({ length: 5000 }, (_, i) => `+1619${String(9_999_999 - i).padStart(7, '0')}`);
    for (const v of [...values, ...values]) entries.add(v);
    expect(entries.distinct()).toEqual({ values: [...values].sort(), repeated: 5000 });
  });
});
