import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNanpNationalNumber, readCommonNanp } from './nanp.js';
import { readWithLibrary } from './phone-number.js';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
// Area codes from every NANP country (US, Canada, the Caribbean) and unassigned ones alike.
const national = fc.tuple(fc.integer({ min: 200, max: 999 }), digits(7)).map(([npa, rest]) => `${npa}${rest}`);
const shaped = fc.tuple(national, fc.constantFrom('plain', 'dots', 'dashes', 'parens', 'plus', 'one', 'plus-spaced')).map(([n, shape]) => {
  const [a, b, c] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
  return {
    plain: n,
    dots: `${a}.${b}.${c}`,
    dashes: `${a}-${b}-${c}`,
    parens: `(${a}) ${b}-${c}`,
    plus: `+1${n}`,
    one: `1-${a}-${b}-${c}`,
    'plus-spaced': `+1 ${a} ${b} ${c}`,
  }[shape];
});

describe('NANP numbers read without libphonenumber (the import fast path)', () => {
  it('X3 agrees with libphonenumber-js/max on the validity of +1 numbers', () => {
    fc.assert(
      fc.property(national, (n) => {
        expect(isValidNanpNationalNumber(n)).toBe(readWithLibrary(`+1${n}`) !== null);
      }),
      { numRuns: 20_000 },
    );
  });

  it('X3 agrees on every area code, with exchanges and lines libphonenumber treats specially', () => {
    for (let npa = 200; npa <= 999; npa++) {
      for (const rest of ['8675309', '5550123', '5551234', '2001000', '9119999', '1234567', '0001111']) {
        const n = `${npa}${rest}`;
        expect(isValidNanpNationalNumber(n), n).toBe(readWithLibrary(`+1${n}`) !== null);
      }
    }
  });

  it('X3 reads the common written shapes exactly as libphonenumber does', () => {
    fc.assert(
      fc.property(shaped, (text) => {
        const fast = readCommonNanp(text);
        expect(fast).not.toBeUndefined();
        expect(fast).toBe(readWithLibrary(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves every other shape to libphonenumber', () => {
    for (const text of [
      '+44 20 7946 0958',
      '619-867-5309 ext 12',
      '(619)867-5309x',
      '0619 867 5309',
      '1198675309',
      '+6198675309',
      '619 867 53 09',
      'tel:6198675309',
    ]) {
      expect(readCommonNanp(text), text).toBeUndefined();
    }
  });
});
