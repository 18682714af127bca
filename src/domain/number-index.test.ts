import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberIndex } from './number-index.js';

describe('NumberIndex', () => {
  it('maps each number to the position it was added at, once', () => {
    const index = new NumberIndex(3);
    expect(index.add('+16198675309', 0)).toBe(true);
    expect(index.add('+442079460958', 1)).toBe(true);
    expect(index.add('+16198675309', 2)).toBe(false);
    expect(index.add('6198675309', 2)).toBe(false);
    expect(index.size).toBe(2);
    expect(index.positionOf('+16198675309')).toBe(0);
    expect(index.positionOf('+442079460958')).toBe(1);
    expect(index.positionOf('+16198675308')).toBe(-1);
    expect(index.has('+1619abc5309')).toBe(false);
    expect(new NumberIndex(0).has('+16198675309')).toBe(false);
  });

  it('refuses to grow past its capacity', () => {
    const index = new NumberIndex(8);
    for (let i = 0; i < 8; i++) index.add(`+1619867530${i}`, i);
    expect(() => index.add('+16198675399', 9)).toThrow('more than its capacity');
  });

  it('agrees with a Map for any numbers (property)', () => {
    const e164 = fc.stringMatching(/^\+[1-9]\d{6,14}$/);
    fc.assert(
      fc.property(fc.array(e164, { maxLength: 300 }), fc.array(e164, { maxLength: 50 }), (members, probes) => {
        const index = new NumberIndex(members.length);
        const reference = new Map<string, number>();
        members.forEach((n, i) => {
          expect(index.add(n, i)).toBe(!reference.has(n));
          if (!reference.has(n)) reference.set(n, i);
        });
        expect(index.size).toBe(reference.size);
        for (const n of [...members, ...probes]) expect(index.positionOf(n)).toBe(reference.get(n) ?? -1);
      }),
      { numRuns: 300 },
    );
  });
});
