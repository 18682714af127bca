/**
 * B7 consent by jurisdiction: where a caller is (a NANP number's area code names a US state or a
 * Canadian province; any other number its country), and whether recording there needs every
 * party's consent: then an announcement is required even where the recording mode says `none`.
 * The area codes are data (nanp-jurisdictions.ts, from libphonenumber's geocoding data).
 */
import parsePhoneNumberFromString from 'libphonenumber-js/max';
import { NANP_JURISDICTIONS } from './nanp-jurisdictions.js';
import { nanpCountryOfAreaCode } from './nanp.js';
import { areaCodeNumberOf, type E164 } from './phone-number.js';
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

/** Where the caller is, from their number alone. */
export function jurisdictionOf(number: E164): Jurisdiction {
  if (number.startsWith('+1') && number.length === 12) {
    // The place a caller id names is its area code's, whether or not the rest is a valid number:
    // a US or Canadian area code's state or province from the table; else the country whose area
    // codes (libphonenumber's leading digits) hold it; else the United States (the region unknown).
    const areaCode = number.slice(2, 5);
    const region = NANP_JURISDICTIONS[areaCode];
    if (region !== undefined) return { country: region.slice(0, 2), region };
    return { country: nanpCountryOfAreaCode(areaCode), region: null };
  }
  return { country: parsePhoneNumberFromString(number)?.country ?? null, region: null };
}

/** Canada's private-sector privacy law asks a business to tell callers before it records: every province, every party. */
export function consentRuleOf(where: Jurisdiction): ConsentRule {
  if (where.country === 'CA') return 'all_party';
  if (where.country === 'US') return where.region === null ? 'unknown' : ALL_PARTY_STATES.has(where.region) ? 'all_party' : 'one_party';
  return 'unknown';
}

/** B7: the consent given for a call, as its log entry and its recording keep it. */
export interface ConsentStamp {
  readonly jurisdiction: Jurisdiction;
  readonly rule: ConsentRule;
  readonly announcementRequired: boolean;
  /** When the consent announcement had played (seconds from connect); null when none played. */
  readonly announcedAt: number | null;
}

/** The stamp of a call's plan (its consent decision and when its announcement played); null when no consent rule applied. */
export function consentStampOf(plan: {
  readonly consent?: ConsentDecision | null;
  readonly announcedAt?: number | null;
}): ConsentStamp | null {
  // A plan kept from before B7 (a call log row waiting on disk through an upgrade) has neither.
  const { consent } = plan;
  if (consent === null || consent === undefined) return null;
  return {
    jurisdiction: consent.jurisdiction,
    rule: consent.rule,
    announcementRequired: consent.announcementRequired,
    announcedAt: plan.announcedAt ?? null,
  };
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
 * policy. Where it cannot be told, the call is announced (the stricter reading). A NANP number's
 * place is its area code's, so its decision is kept per area code (a plan is made for every
 * call: P1).
 */
export function consentFor(caller: E164, policy: ConsentPolicy = 'by_jurisdiction'): ConsentDecision {
  // By the area code as an integer: a plan made for every call allocates nothing here (P1).
  const area = areaCodeNumberOf(caller);
  const kept = policy === 'announce_always' ? ALWAYS : BY_JURISDICTION;
  if (area < 0) return decide(jurisdictionOf(caller), policy);
  return (kept[area] ??= decide(jurisdictionOf(caller), policy));
}

const BY_JURISDICTION: (ConsentDecision | undefined)[] = new Array(1000);
const ALWAYS: (ConsentDecision | undefined)[] = new Array(1000);
const ANNOUNCE_ALWAYS = reason('B7', "The tenant announces recording on every call, whatever the caller's place.");

/** Why, in words, for each rule: every rule but one-party announces the call. */
const WHY: Record<ConsentRule, (place: string) => string> = {
  all_party: (place) =>
    `The caller is in ${place}, where every party must consent to a recording: the call is announced before recording starts.`,
  one_party: (place) => `The caller is in ${place}, where one party's consent is enough: no announcement is required by law.`,
  unknown: (place) => `The consent law of the caller's place (${place}) is not known here: the call is announced before recording starts.`,
};

function decide(jurisdiction: Jurisdiction, policy: ConsentPolicy): ConsentDecision {
  const rule = consentRuleOf(jurisdiction);
  if (policy === 'announce_always') return { jurisdiction, rule, announcementRequired: true, reason: ANNOUNCE_ALWAYS };
  const place = jurisdiction.region ?? jurisdiction.country ?? 'an unknown place';
  return { jurisdiction, rule, announcementRequired: rule !== 'one_party', reason: reason('B7', WHY[rule](place)) };
}
