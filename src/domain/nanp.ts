/**
 * Validity of North American (+1) numbers at the speed of a few precompiled regular expressions.
 * It answers exactly what libphonenumber-js's `isValid()` answers for a +1 number (the same
 * metadata, the same choice of country among the 25 that share +1, the same type patterns), but
 * libphonenumber compiles each pattern again on every call: 25 µs a number, too slow for an
 * exclusion list of a million rows. nanp.test.ts checks the two agree.
 */
import { Metadata } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';

interface NumberingPlan {
  readonly country: string;
  /** Matched at the start of the national number: enough to pick this country. */
  readonly leadingDigits: RegExp | null;
  readonly nationalNumber: RegExp;
  readonly types: readonly { readonly pattern: RegExp; readonly lengths: readonly number[] | undefined }[];
}

// getNumberType's order: fixed line first, then the others. Any match makes the number valid.
const TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

interface PlanView {
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
  type(type: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

function loadPlans(): NumberingPlan[] {
  const json = metadata as unknown as { country_calling_codes: Record<string, string[]> };
  const reader = new Metadata(metadata as never) as unknown as { selectNumberingPlan(country: string): void; numberingPlan: PlanView };
  return (json.country_calling_codes['1'] ?? []).map((country) => {
    reader.selectNumberingPlan(country);
    const plan = reader.numberingPlan;
    const leading = plan.leadingDigits();
    const types = TYPES.flatMap((name) => {
      const type = plan.type(name);
      const pattern = type?.pattern();
      return type === undefined || !pattern ? [] : [{ pattern: new RegExp(`^(?:${pattern})$`), lengths: type.possibleLengths() }];
    });
    return {
      country,
      leadingDigits: leading ? new RegExp(leading) : null,
      nationalNumber: new RegExp(`^(?:${plan.nationalNumberPattern()})$`),
      types,
    };
  });
}

const PLANS = loadPlans();
const MAIN = PLANS[0]!; // US, the main country of +1

function hasType(plan: NumberingPlan, national: string): boolean {
  if (!plan.nationalNumber.test(national)) return false;
  return plan.types.some((type) => (type.lengths === undefined || type.lengths.includes(national.length)) && type.pattern.test(national));
}

/** Whether +1 followed by `national` (10 digits) is a valid number, as libphonenumber-js/max decides. */
export function isValidNanpNationalNumber(national: string): boolean {
  // getCountryByNationalNumber: the first country whose leading digits match, or whose types match;
  // then the number is valid if it has a type in that country (known already in the second case).
  for (const plan of PLANS) {
    if (plan.leadingDigits === null) {
      if (hasType(plan, national)) return true;
    } else if (national.search(plan.leadingDigits) === 0) {
      return hasType(plan, national);
    }
  }
  return hasType(MAIN, national);
}

/**
 * B7: which of the countries sharing +1 an area code is in: the first whose leading digits (its
 * area codes) match, else the United States, as libphonenumber picks a valid number's country.
 */
export function nanpCountryOfAreaCode(areaCode: string): string {
  for (const plan of PLANS) if (plan.leadingDigits !== null && areaCode.search(plan.leadingDigits) === 0) return plan.country;
  return MAIN.country;
}

/**
 * B7: which of the countries sharing +1 a number is in (US, CA, JM, BS, ...), as libphonenumber
 * picks it (the first whose leading digits match, or whose number types match); undefined when
 * it is not a valid number.
 */
export function nanpCountryOf(national: string): string | undefined {
  for (const plan of PLANS) {
    if (plan.leadingDigits === null) {
      if (hasType(plan, national)) return plan.country;
    } else if (national.search(plan.leadingDigits) === 0) {
      return hasType(plan, national) ? plan.country : undefined;
    }
  }
  return hasType(MAIN, national) ? MAIN.country : undefined;
}

/** The shapes people write NANP numbers in: (619) 867-5309, 619.867.5309, 1-619-867-5309, +1 619 867 5309. */
const COMMON_SHAPE = /^(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}$/;

/**
 * A NANP number written in a common shape: its E.164 form, `null` when it is not valid, or
 * `undefined` when the text is not in a common shape (let libphonenumber read it).
 */
export function readCommonNanp(text: string): string | null | undefined {
  if (!COMMON_SHAPE.test(text)) return undefined;
  const digits = text.replace(/\D/g, '');
  const national = digits.length === 11 ? digits.slice(1) : digits;
  // A national number starting with 0 or 1 goes through libphonenumber's national-prefix rules.
  if (national.charCodeAt(0) < 50 /* '2' */) return undefined;
  return isValidNanpNationalNumber(national) ? `+1${national}` : null;
}
