/**
 * B7 consent by jurisdiction: where a caller is (a NANP number's area code names a US state or a
 * Canadian province; any other number its country), and whether recording there needs every
 * party's consent: then an announcement is required even where the recording mode says `none`.
 * The area codes are data (nanp-jurisdictions.ts, from libphonenumber's geocoding data).
 */
import parsePhoneNumberFromString from 'libphonenumber-js/max';
import { NANP_JURISDICTIONS } from './nanp-jurisdictions.js';
import { nanpCountryOf } from './nanp.js';
import type { E164 } from './phone-number.js';
import { reason, type Reason } from './rules.js';

export interface Jurisdiction {
  /** ISO 3166-1 alpha-2 ('US', 'CA', 'JM', 'GB'); null when the number names none. */
  readonly country: string | null;
  /** ISO 3166-2 for the US and Canada ('US-CA', 'CA-ON'; 'CA-NS/PE' where an area code serves two); null elsewhere or when unknown. */
  readonly region: string | null;
}

/** `unknown`: the law of where the caller is cannot be told (a country outside North America, an area code not in the table). */
export type ConsentRule = 'all_party' | 'one_party' | 'unknown';

/** A tenant's choice: announce where the law asks (and where it is unknown), or on every call. */
export type ConsentPolicy = 'by_jurisdiction' | 'announce_always';

/** The states whose law asks every party's consent to record a call (the spec's list, B7). */
export const ALL_PARTY_STATES: ReadonlySet<string> = new Set([
  'US-CA',
  'US-DE',
  'US-FL',
  'US-IL',
  'US-MD',
  'US-MA',
  'US-MT',
  'US-NV',
  'US-NH',
  'US-PA',
  'US-WA',
]);

const UNKNOWN: Jurisdiction = Object.freeze({ country: null, region: null });

/** Where the caller is, from their number alone. */
export function jurisdictionOf(number: E164): Jurisdiction {
  if (number.startsWith('+1') && number.length === 12) {
    const national = number.slice(2);
    const country = nanpCountryOf(national);
    if (country === undefined) return UNKNOWN;
    if (country !== 'US' && country !== 'CA') return { country, region: null };
    const region = NANP_JURISDICTIONS[national.slice(0, 3)];
    // An area code the table does not place (new, or not geographic: toll free) names the country only.
    return { country, region: region !== undefined && region.startsWith(`${country}-`) ? region : null };
  }
  return { country: parsePhoneNumberFromString(number)?.country ?? null, region: null };
}

/** Canada's private-sector privacy law asks a business to tell callers before it records: every province, every party. */
export function consentRuleOf(where: Jurisdiction): ConsentRule {
  if (where.country === 'CA') return 'all_party';
  if (where.country === 'US') return where.region === null ? 'unknown' : ALL_PARTY_STATES.has(where.region) ? 'all_party' : 'one_party';
  return 'unknown';
}

export interface ConsentDecision {
  readonly jurisdiction: Jurisdiction;
  readonly rule: ConsentRule;
  /** An announcement before recording starts, whatever the recording mode says. */
  readonly announcementRequired: boolean;
  readonly reason: Reason;
}

/**
 * B7: what the law of the caller's place asks before a call is recorded, under the tenant's
 * policy. Where it cannot be told, the call is announced (the stricter reading).
 */
export function consentFor(caller: E164, policy: ConsentPolicy = 'by_jurisdiction'): ConsentDecision {
  const jurisdiction = jurisdictionOf(caller);
  const rule = consentRuleOf(jurisdiction);
  const place = jurisdiction.region ?? jurisdiction.country ?? 'an unknown place';
  if (policy === 'announce_always')
    return {
      jurisdiction,
      rule,
      announcementRequired: true,
      reason: reason('B7', "The tenant announces recording on every call, whatever the caller's place."),
    };
  switch (rule) {
    case 'all_party':
      return {
        jurisdiction,
        rule,
        announcementRequired: true,
        reason: reason(
          'B7',
          `The caller is in ${place}, where every party must consent to a recording: the call is announced before recording starts.`,
        ),
      };
    case 'one_party':
      return {
        jurisdiction,
        rule,
        announcementRequired: false,
        reason: reason('B7', `The caller is in ${place}, where one party's consent is enough: no announcement is required by law.`),
      };
    case 'unknown':
      return {
        jurisdiction,
        rule,
        announcementRequired: true,
        reason: reason(
          'B7',
          `The consent law of the caller's place (${place}) is not known here: the call is announced before recording starts.`,
        ),
      };
  }
}
