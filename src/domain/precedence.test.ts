/**
 * SPEC section 4's precedence line, tested pairwise: for each rule, a call where it and a rule
 * below it both apply and disagree; the higher one must decide.
 * L4 internal > R13 voice agent > L1 core settings > R14 forwarded > R10/R12 excluded >
 * R2 connected trigger > R9 transfer > queue (R4-R6) / individual (R7-R8) settings.
 */
import { describe, expect, it } from 'vitest';
import { e, inbound, internal, N, outbound, rulesOf, world } from '../../test/factories.js';
import type { Call, CallEvent } from './call.js';
import { decideRecording, type RecordingPlan } from './decide-recording.js';
import type { NetworkSnapshot } from './snapshot.js';

const always = { mode: 'always', announcement: 'none' } as const;
const connectedAlways = { trigger: 'on_call_connected', connectedMode: 'always' } as const;
const coreNever = { coreRecording: { inbound: 'never', outbound: 'never' } } as const;
const continuityExternal = { enabled: true, defaultDestination: { kind: 'external_number', number: N.continuityDefault } } as const;
const continuityVoiceAgent = { enabled: true, defaultDestination: { kind: 'voice_agent' } } as const;
const follow = { toQueue: 'follow_destination', toEmployee: 'follow_destination' } as const;

interface Case {
  higher: string;
  lower: string;
  snapshot: NetworkSnapshot;
  call: Call;
  events: CallEvent[];
  expect: (plan: RecordingPlan) => void;
}

const notRecordedBy = (rule: string) => (plan: RecordingPlan) => {
  expect(plan.segments).toEqual([]);
  expect(plan.moments.at(-2)?.why.rule ?? plan.moments[0]!.why.rule).toBe(rule);
};
const recordedFrom = (start: number, end: number, rule: string) => (plan: RecordingPlan) => {
  expect(plan.segments).toEqual([{ start, end }]);
  expect(rulesOf(plan.moments.flatMap((m) => [m.why]))).toContain(rule);
};

const cases: Case[] = [
  // L4 internal, above everything
  {
    higher: 'L4',
    lower: 'R13',
    snapshot: world(),
    call: internal(),
    events: [e.connected(), e.answeredByVoiceAgent(2), e.hangup(30)],
    expect: notRecordedBy('L4'),
  },
  {
    higher: 'L4',
    lower: 'L1',
    snapshot: world(),
    call: internal('core-user', 'agent'),
    events: [e.connected(), e.answered(2), e.hangup(30)],
    expect: (p) => {
      expect(p).toMatchObject({ ruleSet: 'none', loggedIn: [] });
    },
  },
  {
    higher: 'L4',
    lower: 'R14',
    snapshot: world(),
    call: internal(),
    events: [e.connected(), e.answered(2), e.forwarded(10), e.hangup(30)],
    expect: notRecordedBy('L4'),
  },
  {
    higher: 'L4',
    lower: 'R10/R12',
    snapshot: world(),
    call: internal('excluded-agent', 'agent'),
    events: [e.connected(), e.answered(2), e.hangup(30)],
    expect: (p) => {
      expect(p.exclusion).toBeNull();
      expect(rulesOf(p.reasons)).not.toContain('R12');
      notRecordedBy('L4')(p);
    },
  },
  {
    higher: 'L4',
    lower: 'R2',
    snapshot: world({ defaults: connectedAlways }),
    call: internal(),
    events: [e.connected(), e.answered(2), e.hangup(30)],
    expect: notRecordedBy('L4'),
  },
  {
    higher: 'L4',
    lower: 'R9',
    snapshot: world({ defaults: { transfer: follow } }),
    call: internal(),
    events: [e.connected(), e.answered(2), e.toQueue(5, 'q-always'), e.answered(8, 'agent2'), e.hangup(30)],
    expect: notRecordedBy('L4'),
  },
  {
    higher: 'L4',
    lower: 'R4-R8',
    snapshot: world({ defaults: { individual: { inbound: always, outbound: always } } }),
    call: internal(),
    events: [e.connected(), e.answered(2), e.hangup(30)],
    expect: notRecordedBy('L4'),
  },
  // R13 voice agent
  {
    higher: 'R13',
    lower: 'L1',
    snapshot: world({ tenant: { ...coreNever, continuity: continuityVoiceAgent } }),
    call: inbound(N.queueLine),
    events: [e.connected(), e.hangup(30)],
    expect: recordedFrom(0, 30, 'R13'),
  },
  {
    higher: 'R13',
    lower: 'R14',
    snapshot: world(),
    call: inbound(N.voiceAgentLine),
    events: [e.connected(), e.forwarded(10), e.hangup(30)],
    expect: (p) => {
      recordedFrom(0, 30, 'R13')(p);
      expect(rulesOf(p.reasons)).not.toContain('R14');
    },
  },
  {
    higher: 'R13',
    lower: 'R10/R12',
    snapshot: world(),
    call: inbound(N.voiceAgentLine, N.excludedCaller),
    events: [e.connected(), e.hangup(30)],
    expect: recordedFrom(0, 30, 'R13'),
  },
  {
    higher: 'R13',
    lower: 'R2',
    snapshot: world({ defaults: { trigger: 'on_call_connected', connectedMode: 'automatic' } }),
    call: inbound(N.voiceAgentLine),
    events: [e.connected(), e.stop(5), e.hangup(30)],
    expect: (p) => {
      recordedFrom(0, 30, 'R13')(p);
      expect(p.rejected).toMatchObject([{ rule: 'R13' }]);
    },
  },
  {
    higher: 'R13',
    lower: 'R9',
    snapshot: world({ defaults: { transfer: follow } }),
    call: inbound(N.voiceAgentLine),
    events: [e.connected(), e.toQueue(10, 'q-never'), e.answered(12, 'agent'), e.hangup(30)],
    expect: recordedFrom(0, 30, 'R13'),
  },
  {
    higher: 'R13',
    lower: 'R4-R8',
    snapshot: world(),
    call: inbound(N.queueLine),
    events: [e.connected(), e.answeredByVoiceAgent(4), e.hangup(30)].map((ev) =>
      ev.type === 'answered' ? { ...ev, queueId: 'q-never' } : ev,
    ),
    expect: recordedFrom(4, 30, 'R13'),
  },
  // L1 core settings
  {
    higher: 'L1',
    lower: 'R14',
    snapshot: world({ tenant: coreNever }),
    call: outbound('core-user', N.caller, 'click_to_call', 't1'),
    events: [e.connected(), e.answered(2), e.forwarded(10), e.hangup(30)],
    expect: (p) => {
      expect(p.segments).toEqual([]);
      expect(rulesOf(p.reasons)).toContain('R14');
      expect(p.reasons.find((r) => r.rule === 'R14')!.text).toContain('L1 precedes R14');
    },
  },
  {
    higher: 'L1',
    lower: 'R10/R12',
    snapshot: world({ tenant: { continuity: continuityExternal } }),
    call: inbound(N.queueLine, N.excludedCaller),
    events: [e.connected(), e.hangup(30)],
    expect: (p) => {
      expect(p.segments).toEqual([{ start: 0, end: 30 }]);
      expect(p.reasons.find((r) => r.rule === 'R10')!.text).toContain('L1 precedes R10');
    },
  },
  {
    higher: 'L1',
    lower: 'R2',
    snapshot: world({ defaults: connectedAlways, tenant: { ...coreNever, continuity: continuityExternal } }),
    call: inbound(N.queueLine),
    events: [e.connected(), e.hangup(30)],
    expect: (p) => {
      expect(p.segments).toEqual([]);
      expect(rulesOf(p.reasons)).not.toContain('R2');
    },
  },
  {
    higher: 'L1',
    lower: 'R9',
    snapshot: world({ defaults: { transfer: follow }, tenant: coreNever }),
    call: outbound('core-user', N.caller, 'click_to_call', 't1'),
    events: [e.connected(), e.answered(2), e.toEmployee(10, 'agent'), e.hangup(30)],
    expect: (p) => {
      expect(p.segments).toEqual([]);
      expect(rulesOf(p.reasons)).not.toContain('R9');
    },
  },
  {
    higher: 'L1',
    lower: 'R4-R8',
    snapshot: world({ defaults: { individual: { inbound: always, outbound: always } }, tenant: coreNever }),
    call: inbound(N.coreUserDirect),
    events: [e.connected(), e.answered(2), e.hangup(30)],
    expect: (p) => {
      expect(p).toMatchObject({ ruleSet: 'core', segments: [] });
      expect(rulesOf(p.reasons)).not.toContain('R7');
    },
  },
  // R14 forwarded
  {
    higher: 'R14',
    lower: 'R10/R12',
    snapshot: world(),
    call: inbound(N.queueLine, N.excludedCaller),
    events: [e.connected(), e.answered(2, 'agent'), e.forwarded(10), e.hangup(30)],
    expect: recordedFrom(10, 30, 'R14'),
  },
  {
    higher: 'R14',
    lower: 'R2',
    snapshot: world({ defaults: { trigger: 'on_call_connected', connectedMode: 'automatic' } }),
    call: inbound(N.queueLine),
    events: [e.connected(), e.answered(2, 'agent'), e.stop(5), e.forwarded(10), e.start(12), e.stop(15), e.hangup(30)],
    expect: (p) => {
      expect(p.segments).toEqual([
        { start: 0, end: 5 },
        { start: 10, end: 30 },
      ]);
      expect(p.rejected.map((r) => r.rule)).toEqual(['R14', 'R14']);
    },
  },
  {
    higher: 'R14',
    lower: 'R9',
    snapshot: world({ defaults: { transfer: follow } }),
    call: inbound(N.queueLine),
    events: [e.connected(), e.answered(2, 'agent'), e.toQueue(5, 'q-never'), e.forwarded(10), e.hangup(30)],
    expect: (p) => {
      expect(p.segments).toEqual([
        { start: 2, end: 5 },
        { start: 10, end: 30 },
      ]);
    },
  },
  {
    higher: 'R14',
    lower: 'R4-R8',
    snapshot: world(),
    call: inbound(N.queueLine),
    events: [e.connected(), e.answered(2, 'agent', 'q-never'), e.forwarded(10), e.hangup(30)],
    expect: recordedFrom(10, 30, 'R14'),
  },
  // R10/R12 excluded
  {
    higher: 'R10/R12',
    lower: 'R2',
    snapshot: world({ defaults: connectedAlways }),
    call: inbound(N.queueLine, N.excludedCaller),
    events: [e.connected(), e.answered(2, 'agent'), e.hangup(30)],
    expect: notRecordedBy('R12'),
  },
  {
    higher: 'R10/R12',
    lower: 'R9',
    snapshot: world({ defaults: { transfer: follow } }),
    call: inbound(N.queueLine, N.areaExcludedCaller),
    events: [e.connected(), e.answered(2, 'agent'), e.toQueue(5, 'q-always'), e.answered(8, 'agent2'), e.hangup(30)],
    expect: notRecordedBy('R12'),
  },
  {
    higher: 'R10/R12',
    lower: 'R4-R8',
    snapshot: world(),
    call: inbound(N.queueLine, N.excludedCaller),
    events: [e.connected(), e.answered(2, 'agent', 'q-always'), e.hangup(30)],
    expect: notRecordedBy('R12'),
  },
  // R2 connected trigger
  {
    higher: 'R2',
    lower: 'R9',
    snapshot: world({ defaults: { ...connectedAlways, transfer: follow } }),
    call: inbound(N.queueLine),
    events: [e.connected(), e.answered(2, 'agent'), e.toQueue(5, 'q-never'), e.answered(8, 'agent2'), e.hangup(30)],
    expect: (p) => {
      expect(p.segments).toEqual([{ start: 0, end: 30 }]);
      expect(rulesOf(p.reasons)).not.toContain('R9');
    },
  },
  {
    higher: 'R2',
    lower: 'R4-R8',
    snapshot: world({ defaults: connectedAlways }),
    call: outbound('agent'),
    events: [e.connected(), e.answered(2), e.hangup(30)].map((ev) => ev),
    expect: recordedFrom(0, 30, 'R2'),
  },
  // R9 transfer
  {
    higher: 'R9',
    lower: 'R4-R8',
    snapshot: world({ defaults: { transfer: { toQueue: 'keep_original', toEmployee: 'keep_original' } } }),
    call: inbound(N.queueLine),
    events: [e.connected(), e.answered(2, 'agent'), e.toQueue(5, 'q-never'), e.answered(8, 'agent2'), e.hangup(30)],
    expect: (p) => {
      expect(p.segments).toEqual([{ start: 2, end: 30 }]);
      expect(rulesOf(p.reasons)).toContain('R9');
    },
  },
];

describe('precedence (SPEC section 4), pairwise', () => {
  const levels = ['L4', 'R13', 'L1', 'R14', 'R10/R12', 'R2', 'R9', 'R4-R8'];

  it('covers every pair of the precedence line', () => {
    const pairs = new Set(cases.map((c) => `${c.higher}>${c.lower}`));
    for (let i = 0; i < levels.length; i++) {
      for (let j = i + 1; j < levels.length; j++) expect(pairs, `${levels[i]}>${levels[j]}`).toContain(`${levels[i]}>${levels[j]}`);
    }
    expect(pairs.size).toBe(28);
  });

  it.each(cases.map((c) => [`${c.higher} outranks ${c.lower}`, c] as const))('%s', (_, c) => {
    c.expect(decideRecording(c.snapshot, c.call, c.events));
  });
});
