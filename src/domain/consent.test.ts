import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_PARTY_STATES, consentFor, consentRuleOf, jurisdictionOf } from './consent.js';
import { NANP_JURISDICTIONS } from './nanp-jurisdictions.js';
import { nanpCountryOf } from './nanp.js';
import { asE164 } from './phone-number.js';
import { decideRecording, RecordingSession } from './decide-recording.js';
import { e, inbound, N, num, rulesOf, world } from '../../test/factories.js';
import { inboundConsent, type CallEvent } from './call.js';

/** A valid number in the area code, when the metadata knows one (a few exchanges tried). */
function numberIn(areaCode: string): string | undefined {
  for (const exchange of ['234', '555', '867', '940', '212', '301']) {
    const national = `${areaCode}${exchange}0142`;
    if (nanpCountryOf(national) !== undefined) return `+1${national}`;
  }
  return undefined;
}

describe('B7 consent by jurisdiction', () => {
  it('B7 every area code of the table maps to exactly its state or province, and the metadata puts it in that country', () => {
    const misplaced: string[] = [];
    let checked = 0;
    for (const [areaCode, region] of Object.entries(NANP_JURISDICTIONS)) {
      expect(region).toMatch(/^(US|CA)-[A-Z]{2}(\/[A-Z]{2})*$/);
      const number = numberIn(areaCode);
      if (number === undefined) continue; // no valid number in it today (an area code not yet in service)
      checked++;
      // libphonenumber's metadata (not the geocoding data the table comes from) puts the number in the same country.
      const country = nanpCountryOf(number.slice(2));
      const where = jurisdictionOf(asE164(number));
      if (where.region !== region || country !== region.slice(0, 2))
        misplaced.push(`${areaCode}: ${region}, but ${JSON.stringify(where)} in the metadata's ${country}`);
    }
    expect(misplaced).toEqual([]);
    expect(checked).toBeGreaterThan(Object.keys(NANP_JURISDICTIONS).length * 0.9);
  });

  it('B7 every NANP area code (200-999) maps to exactly one jurisdiction or to unknown, and an unknown one is announced', () => {
    let placed = 0;
    for (let code = 200; code <= 999; code++) {
      const number = numberIn(String(code));
      if (number === undefined) continue;
      placed++;
      const where = jurisdictionOf(asE164(number));
      const rule = consentRuleOf(where);
      // One jurisdiction: a US or Canadian number has its region from the table or none (unknown); another country has none.
      if (where.country === 'US' || where.country === 'CA') {
        expect(where.region === null || where.region.startsWith(`${where.country}-`)).toBe(true);
        expect(where.region).toBe(
          NANP_JURISDICTIONS[String(code)]?.startsWith(`${where.country}-`) ? NANP_JURISDICTIONS[String(code)] : null,
        );
      } else expect(where.region).toBeNull();
      const decision = consentFor(asE164(number));
      expect(decision.rule).toBe(rule);
      if (rule === 'unknown') expect(decision.announcementRequired).toBe(true);
    }
    expect(placed).toBeGreaterThan(400);
  });

  it.each([
    ['+14155550142', 'US-CA', 'all_party', true],
    ['+13055550142', 'US-FL', 'all_party', true],
    ['+13125550142', 'US-IL', 'all_party', true],
    ['+12065550142', 'US-WA', 'all_party', true],
    ['+12125550142', 'US-NY', 'one_party', false],
    ['+12145550142', 'US-TX', 'one_party', false],
    ['+14165550142', 'CA-ON', 'all_party', true],
    ['+19025550142', 'CA-NS/PE', 'all_party', true],
  ] as const)('B7 %s is in %s: %s consent, announced: %s', (number, region, rule, announced) => {
    const decision = consentFor(asE164(number));
    expect(decision.jurisdiction.region).toBe(region);
    expect(decision.rule).toBe(rule);
    expect(decision.announcementRequired).toBe(announced);
    expect(decision.reason.rule).toBe('B7');
  });

  it("B7 the spec's all-party states are the ones the rule names", () => {
    expect([...ALL_PARTY_STATES].sort()).toEqual([
      'US-CA',
      'US-DE',
      'US-FL',
      'US-IL',
      'US-MA',
      'US-MD',
      'US-MT',
      'US-NH',
      'US-NV',
      'US-PA',
      'US-WA',
    ]);
  });

  it('B7 outside the US and Canada: the country, its law unknown here, so the call is announced', () => {
    expect(consentFor(asE164('+18765550142'))).toMatchObject({
      jurisdiction: { country: 'JM', region: null },
      rule: 'unknown',
      announcementRequired: true,
    });
    expect(consentFor(asE164('+442071838750'))).toMatchObject({
      jurisdiction: { country: 'GB', region: null },
      rule: 'unknown',
      announcementRequired: true,
    });
  });

  it('B7 a tenant that announces always announces every call, one-party states too', () => {
    expect(consentFor(asE164('+12125550142'), 'announce_always')).toMatchObject({ rule: 'one_party', announcementRequired: true });
  });

  it('B7 by jurisdiction, a call is announced exactly when the rule is not one-party (property)', () => {
    const areaCodes = Object.keys(NANP_JURISDICTIONS);
    fc.assert(
      fc.property(fc.constantFrom(...areaCodes), fc.integer({ min: 2_000_000, max: 9_999_999 }), (areaCode, local) => {
        const national = `${areaCode}${local}`;
        fc.pre(nanpCountryOf(national) !== undefined);
        const decision = consentFor(asE164(`+1${national}`));
        expect(decision.announcementRequired).toBe(decision.rule !== 'one_party');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('B7 recording waits for the consent announcement where the edge plays it', () => {
  // The queue records by itself and its announcement option says none: only B7 announces.
  const silentQueue = () => world({ defaults: { queue: { mode: 'always', announcement: 'none' } } });
  const live = (snapshot = silentQueue(), caller = N.caller) =>
    new RecordingSession(snapshot, inbound(N.queueLine, caller), undefined, true);

  it("B7 an all-party caller's call on a queue whose announcement is none records only once the announcement has played; the plan says when", () => {
    const session = live();
    session.apply(e.connected());
    const answered = session.apply(e.answered(10, 'agent'));
    expect(answered.consent).toMatchObject({ rule: 'all_party', announcementRequired: true, jurisdiction: { region: 'US-CA' } });
    expect(answered.segments).toEqual([]);
    expect(answered.moments.at(-1)).toMatchObject({ recording: 'off' });
    expect(rulesOf(answered.moments.at(-1)!.reasons)).toContain('B7');
    expect(session.announcementDue).toBe(true);
    const played = session.apply({ type: 'announcement_played', at: 14 });
    expect(session.announcementDue).toBe(false);
    expect(played).toMatchObject({ announcedAt: 14, segments: [{ start: 14, end: null }] });
    expect(played.moments.at(-1)).toMatchObject({ recording: 'on' });
    expect(session.apply(e.hangup(60)).segments).toEqual([{ start: 14, end: 60 }]);
  });

  it('B7 an announcement that never plays leaves the call unrecorded (no consent, no recording)', () => {
    const session = live();
    session.apply(e.connected());
    session.apply(e.answered(10, 'agent'));
    expect(session.apply(e.hangup(60))).toMatchObject({ segments: [], announcedAt: null });
  });

  it('B7 a one-party caller is recorded from the answer, nothing waits', () => {
    const session = live(silentQueue(), num('+12145550142')); // Texas: one party's consent
    session.apply(e.connected());
    expect(session.apply(e.answered(10, 'agent')).segments).toEqual([{ start: 10, end: null }]);
    expect(session.announcementDue).toBe(false);
  });

  it('B7 under a manual mode the announcement is due when the agent starts the recording, and the recording starts after it', () => {
    const session = live(world({ defaults: { queue: { mode: 'manual', announcement: 'none' } } }));
    session.apply(e.connected());
    session.apply(e.answered(10, 'agent'));
    expect(session.announcementDue).toBe(false);
    session.apply(e.start(20));
    expect(session.announcementDue).toBe(true);
    expect(session.apply({ type: 'announcement_played', at: 23 }).segments).toEqual([{ start: 23, end: null }]);
  });

  it('B7 an agent who stops the recording while the announcement plays, then starts it again, records from then: it is not announced twice', () => {
    const session = live(world({ defaults: { queue: { mode: 'manual', announcement: 'none' } } }));
    session.apply(e.connected());
    session.apply(e.answered(10, 'agent'));
    session.apply(e.start(20));
    session.apply(e.stop(22));
    expect(session.announcementDue).toBe(false);
    expect(session.announcementPending).toBe(true);
    session.apply({ type: 'announcement_played', at: 23 });
    expect(session.apply(e.start(30)).segments).toEqual([{ start: 30, end: null }]);
    expect(session.announcementDue).toBe(false);
  });

  it('B7 the announcement plays once', () => {
    const session = live();
    session.apply(e.connected());
    session.apply({ type: 'announcement_played', at: 1 });
    expect(() => session.apply({ type: 'announcement_played', at: 2 })).toThrow(/already played/);
  });

  it("B7 an inbound call's consent from its route alone is its plan's (the tracking number's tenant's policy; a direct line's call has none)", () => {
    for (const policy of ['by_jurisdiction', 'announce_always'] as const) {
      const snapshot = world({ tenant: { recordingConsent: policy } });
      for (const caller of [N.caller, num('+12145550142'), num('+442071838750')])
        for (const to of [N.queueLine, N.agentDirect, N.voiceAgentLine, N.forwardLine]) {
          const call = inbound(to, caller);
          const plan = decideRecording(snapshot, call, [e.connected()]);
          expect(inboundConsent(snapshot, caller, plan.route!), `${policy} ${caller} → ${to}`).toEqual(plan.consent);
        }
    }
  });

  it('B7 a test call (no edge playing it) records as the modes say and explains the consent', () => {
    const plan = decideRecording(silentQueue(), inbound(N.queueLine), [e.connected(), e.answered(10, 'agent'), e.hangup(60)]);
    expect(plan).toMatchObject({ segments: [{ start: 10, end: 60 }], consent: { announcementRequired: true }, announcedAt: null });
  });

  it('B7 no stored second of a live call comes before its announcement has played, whatever happens in it (property)', () => {
    const step = fc.oneof(
      fc.constant<CallEvent['type']>('payment_opened'),
      fc.constant<CallEvent['type']>('payment_closed'),
      fc.constant<CallEvent['type']>('agent_start'),
      fc.constant<CallEvent['type']>('agent_stop'),
      fc.constant<CallEvent['type']>('announcement_played'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('always', 'automatic', 'manual', 'never'),
        fc.array(fc.tuple(step, fc.integer({ min: 0, max: 30 })), { maxLength: 8 }),
        (mode, steps) => {
          const session = live(world({ defaults: { queue: { mode: mode as 'always', announcement: 'none' } } }));
          session.apply(e.connected());
          session.apply(e.answered(5, 'agent'));
          let at = 5;
          for (const [type, gap] of steps) {
            at += gap;
            try {
              session.apply({ type, at } as CallEvent);
            } catch {
              // An event that cannot happen now (a second announcement, a payment screen already open) changes nothing.
            }
          }
          const plan = session.apply(e.hangup(at + 1));
          if (plan.announcedAt === null) expect(plan.segments).toEqual([]);
          else for (const segment of plan.segments) expect(segment.start).toBeGreaterThanOrEqual(plan.announcedAt);
        },
      ),
      { numRuns: 500 },
    );
  });
});
