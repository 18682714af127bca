import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { areaCodeNumberOf, areaCodeOf, asE164, parseAreaCode, parseExclusionEntry, parsePhoneNumber, type E164 } from './phone-number.js';

describe('phone numbers', () => {
  it.each([
    '(619) 867-5309',
    '619.867.5309',
    '619-867-5309',
    '6198675309',
    '1-619-867-5309',
    '16198675309',
    '+1 619 867 5309',
    '+16198675309',
    '  (619)867-5309  ',
  ])('parses %j to E.164', (input) => {
    expect(parsePhoneNumber(input, 'number')).toBe('+16198675309');
  });

  it('parses an international number written with +', () => {
    expect(parsePhoneNumber('+44 20 7946 0958', 'number')).toBe('+442079460958');
  });

  it.each([
    ['', 'number: a phone number is required.'],
    ['abc', 'number: "abc" is not a valid phone number (expected e.g. (619) 867-5309 or +1 619 867 5309).'],
    ['867-5309', 'number: "867-5309" is not a valid phone number'],
    ['(119) 867-5309', 'number: "(119) 867-5309" is not a valid phone number'],
  ])('rejects %j naming the field and the value', (input, message) => {
    expect(() => parsePhoneNumber(input, 'number')).toThrow(message);
  });

  it('rejects a value that is not text with a DomainError carrying field and value', () => {
    try {
      parsePhoneNumber({ n: 1 }, 'tenant.continuityNumber');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'invalid_phone_number', field: 'tenant.continuityNumber', value: { n: 1 } });
    }
  });

  it('finds the area code of a NANP number, and none outside NANP', () => {
    expect(areaCodeOf('+16198675309' as E164)).toBe('619');
    expect(areaCodeNumberOf('+16198675309' as E164)).toBe(619);
    expect(areaCodeOf('+442079460958' as E164)).toBeUndefined();
    expect(areaCodeNumberOf('+442079460958' as E164)).toBe(-1);
  });

  it.each(['619', ' 212 ', 907])('accepts the area code %j', (input) => {
    expect(parseAreaCode(input, 'areaCode')).toBe(String(input).trim());
  });

  it.each(['119', '911', '61', '6190', 'abc'])('rejects the area code %j', (input) => {
    expect(() => parseAreaCode(input, 'areaCode')).toThrow(`areaCode: "${input}" is not a NANP area code`);
  });

  it('X1 an exclusion entry is a 3-digit area code or a full number', () => {
    expect(parseExclusionEntry('619', 'entry')).toEqual({ kind: 'area_code', areaCode: '619' });
    expect(parseExclusionEntry('(619) 867-5309', 'entry')).toEqual({ kind: 'number', number: '+16198675309' });
    expect(() => parseExclusionEntry('61', 'entry')).toThrow('entry: "61" is not a valid phone number');
  });

  it('asE164 trusts a stored number after a shape check only', () => {
    expect(asE164('+16198675309')).toBe('+16198675309');
    expect(() => asE164('6198675309', 'trackingNumbers[0].number')).toThrow(
      'trackingNumbers[0].number: "6198675309" is not an E.164 number',
    );
  });
});
