/**
 * Invariants of the decision core over random networks, calls and event sequences (fast-check).
 * Event sequences are made valid by construction: each candidate event is kept only if a live
 * session accepts it, exactly as a telephony edge's events would be.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWorld, N, num } from '../../test/factories.js';
import type { Call, CallEvent } from './call.js';
import { numbersWithoutDestination } from './continuity.js';
import { decideRecording, RecordingSession, type RecordingPlan } from './decide-recording.js';
import { decideRoute } from './decide-route.js';
import { DomainError } from './errors.js';
import type { ModeSetting, NetworkData } from './model.js';
import { NetworkSnapshot } from './snapshot.js';

const otherCaller = num('+13128675309');
const setting: fc.Arbitrary<ModeSetting> = fc.record({
  mode: fc.constantFrom('always', 'automatic', 'manual', 'never'),
  announcement: fc.constantFrom('prompt_agent', 'none'),
});
const transfer = fc.constantFrom('keep_original', 'follow_destination');
const core = fc.constantFrom('automatic', 'on_demand', 'never');

const networkArb: fc.Arbitrary<NetworkData> = fc
  .record({
    trigger: fc.constantFrom('on_call_answered', 'on_call_connected'),
    connectedMode: fc.constantFrom('always', 'automatic'),
    queue: setting,
    individual: fc.record({ inbound: setting, outbound: setting }),
    transfer: fc.record({ toQueue: transfer, toEmployee: transfer }),
    coreRecording: fc.record({ inbound: core, outbound: core }),
    continuityOn: fc.boolean(),
    defaultDestination: fc.constantFrom(
      null,
      { kind: 'voice_agent' as const },
      { kind: 'external_number' as const, number: N.continuityDefault },
    ),
    voiceAgentsEnabled: fc.record({ contactCenter: fc.boolean(), core: fc.boolean() }),
    q1: fc.option(setting, { nil: null }),
    q2: fc.option(setting, { nil: null }),
    agent: fc.option(fc.record({ inbound: setting, outbound: setting }), { nil: null }),
    agent2: fc.option(fc.record({ inbound: setting, outbound: setting }), { nil: null }),
    excludedNumbers: fc.subarray([N.caller, N.excludedCaller, N.agentDirect, N.agent2Direct, otherCaller]),
    excludedAreaCodes: fc.subarray(['619', '212', '312']),
  })
  .map((g) =>
    buildWorld({
      defaults: { trigger: g.trigger, connectedMode: g.connectedMode, queue: g.queue, individual: g.individual, transfer: g.transfer },
      tenant: {
        coreRecording: g.coreRecording,
        voiceAgentsEnabled: g.voiceAgentsEnabled,
        continuity: { enabled: g.continuityOn, defaultDestination: g.defaultDestination },
      },
      queues: { q1: { customRecording: g.q1 }, q2: { customRecording: g.q2 } },
      employees: { agent: { customRecording: g.agent }, agent2: { customRecording: g.agent2 } },
      exclusions: { numbers: g.excludedNumbers, areaCodes: g.excludedAreaCodes },
    }),
  );

const callers = [N.caller, N.excludedCaller, N.areaExcludedCaller, otherCaller];
const callArb: fc.Arbitrary<Call> = fc.oneof(
  fc.record({
    direction: fc.constant('inbound' as const),
    from: fc.constantFrom(...callers),
    to: fc.constantFrom(
      N.queueLine,
      N.employeeLine,
      N.voiceAgentLine,
      N.forwardLine,
      N.exceptionLine,
      N.otherTenantLine,
      N.agentDirect,
      N.excludedDirect,
      N.coreUserDirect,
    ),
  }),
  fc.record({
    direction: fc.constant('outbound' as const),
    employeeId: fc.constantFrom('agent', 'agent2', 'excluded-agent'),
    to: fc.constantFrom(...callers),
    via: fc.constant('contact_center' as const),
  }),
  fc.record({
    direction: fc.constant('outbound' as const),
    employeeId: fc.constantFrom('agent', 'core-user'),
    to: fc.constantFrom(...callers),
    via: fc.constant('click_to_call' as const),
    tenantId: fc.constantFrom('t1', 't2'),
  }),
  fc.record({
    direction: fc.constant('internal' as const),
    fromEmployeeId: fc.constantFrom('agent', 'core-user'),
    toEmployeeId: fc.constantFrom('agent2', 'excluded-agent'),
  }),
);

const employees = ['agent', 'agent2', 'excluded-agent'];
const queues = ['q1', 'q2', 'q-never', 'q-always'];
const candidateArb = fc.array(
  fc.record({
    dt: fc.nat({ max: 20 }),
    type: fc.constantFrom<CallEvent['type']>(
      'answered',
      'answered',
      'redirected',
      'transferred_to_queue',
      'transferred_to_employee',
      'forwarded',
      'payment_opened',
      'payment_closed',
      'payment_opened',
      'payment_closed',
      'agent_start',
      'agent_stop',
      'agent_start',
      'agent_stop',
    ),
    employee: fc.option(fc.constantFrom(...employees), { nil: undefined }),
    queue: fc.constantFrom(...queues),
    byVoiceAgent: fc.boolean(),
  }),
  { maxLength: 14 },
);

function toEvent(
  c: { type: CallEvent['type']; employee: string | undefined; queue: string; byVoiceAgent: boolean },
  at: number,
): CallEvent {
  switch (c.type) {
    case 'answered':
      return c.byVoiceAgent && c.employee === undefined
        ? { type: 'answered', at, voiceAgentId: 'va1' }
        : { type: 'answered', at, ...(c.employee === undefined ? {} : { employeeId: c.employee }) };
    case 'redirected':
    case 'transferred_to_queue':
      return { type: c.type, at, queueId: c.queue };
    case 'transferred_to_employee':
      return { type: c.type, at, employeeId: c.employee ?? 'agent2' };
    case 'forwarded':
      return { type: c.type, at, number: N.forwardTarget };
    default:
      return { type: c.type, at } as CallEvent;
  }
}

interface Generated {
  snapshot: NetworkSnapshot;
  call: Call;
  events: CallEvent[];
  /** The plan after each accepted event, from a live session. */
  livePlans: RecordingPlan[];
}

const scenarioArb: fc.Arbitrary<Generated> = fc
  .tuple(networkArb, callArb, candidateArb, fc.boolean(), fc.nat({ max: 30 }))
  .map(([network, call, candidates, hangUp, hangupDelay]) => {
    const snapshot = NetworkSnapshot.build(network);
    const session = new RecordingSession(snapshot, call);
    const livePlans = [session.apply({ type: 'connected', at: 0 })];
    let at = 0;
    for (const c of candidates) {
      at += c.dt;
      try {
        livePlans.push(session.apply(toEvent(c, at)));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    if (hangUp) livePlans.push(session.apply({ type: 'hangup', at: at + hangupDelay }));
    const events = [...session.events];
    // Counterexamples print as the call and its events, not the whole snapshot.
    return {
      snapshot,
      call,
      events,
      livePlans,
      [fc.toStringMethod]: () => JSON.stringify({ network: network.recordingDefaults, tenant: network.tenants[0], call, events }),
    };
  });

const RUNS = { numRuns: 1500 };

/** The open payment-screen intervals of a call, up to `end`. */
function paymentIntervals(events: readonly CallEvent[], end: number): [number, number][] {
  const intervals: [number, number][] = [];
  let openedAt: number | null = null;
  for (const ev of events) {
    if (ev.type === 'payment_opened') openedAt = ev.at;
    if (ev.type === 'payment_closed' && openedAt !== null) {
      intervals.push([openedAt, ev.at]);
      openedAt = null;
    }
  }
  if (openedAt !== null) intervals.push([openedAt, end]);
  return intervals;
}

describe('invariants (property-based)', () => {
  it('L4 internal calls are never recorded or logged', () => {
    fc.assert(
      fc.property(scenarioArb, ({ snapshot, call, events }) => {
        fc.pre(call.direction === 'internal');
        const plan = decideRecording(snapshot, call, events);
        expect(plan.segments).toEqual([]);
        expect(plan.loggedIn).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R12 an excluded contact-center call outside R13/R14 has no recording segment', () => {
    fc.assert(
      fc.property(scenarioArb, ({ snapshot, call, events }) => {
        const plan = decideRecording(snapshot, call, events);
        fc.pre(plan.exclusion !== null && plan.ruleSet === 'contact_center');
        const forced = plan.reasons.some((r) => r.rule === 'R13' || r.rule === 'R14');
        if (!forced) expect(plan.segments).toEqual([]);
      }),
      RUNS,
    );
  });

  it('R13 a call routed to a voice agent is recorded from its start', () => {
    fc.assert(
      fc.property(scenarioArb, ({ snapshot, call, events }) => {
        const plan = decideRecording(snapshot, call, events);
        const route = plan.route;
        const toVoiceAgent =
          (route?.kind === 'workflow' && route.target.kind === 'voice_agent') ||
          (route?.kind === 'continuity' && route.destination.kind === 'voice_agent');
        fc.pre(toVoiceAgent);
        expect(plan.moments[0]).toMatchObject({ at: 0, recording: 'on', why: { rule: 'R13' } });
        // Unless it hung up at 0 s (nothing to store) or a payment screen opened at 0 s (R15 pauses even R13).
        const pausedAtStart = events.some((ev) => ev.type === 'payment_opened' && ev.at === 0);
        if (events[events.length - 1]!.at > 0 && !pausedAtStart) expect(plan.segments[0]?.start).toBe(0);
      }),
      RUNS,
    );
  });

  it('R15 no segment overlaps an open payment screen on a tenant-linked call', () => {
    fc.assert(
      fc.property(scenarioArb, ({ snapshot, call, events }) => {
        const plan = decideRecording(snapshot, call, events);
        fc.pre(plan.linkedTenantId !== null);
        const end = events[events.length - 1]!.at;
        for (const [open, close] of paymentIntervals(events, end)) {
          for (const s of plan.segments) {
            const overlap = Math.min(close, s.end ?? end) - Math.max(open, s.start);
            expect(overlap, `segment ${s.start}-${s.end} vs payment ${open}-${close}`).toBeLessThanOrEqual(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('C2 with continuity on, an inbound tracking-number call never reaches the workflow while a destination is valid', () => {
    fc.assert(
      fc.property(
        networkArb,
        fc.constantFrom(N.queueLine, N.employeeLine, N.voiceAgentLine, N.forwardLine, N.exceptionLine),
        (network, to) => {
          const snapshot = NetworkSnapshot.build(network);
          const tenant = snapshot.tenant('t1')!;
          fc.pre(tenant.continuity.enabled);
          const route = decideRoute(snapshot, { to });
          const hasDestination = !numbersWithoutDestination(snapshot, tenant).some((tn) => tn.number === to);
          if (hasDestination) expect(route.kind).toBe('continuity');
          else expect(route).toMatchObject({ kind: 'workflow', continuityFallback: true });
        },
      ),
      RUNS,
    );
  });

  const withTenant = (
    network: NetworkData,
    change: (t: NetworkData['tenants'][number]) => NetworkData['tenants'][number],
  ): NetworkData => ({
    ...network,
    tenants: network.tenants.map((t) => (t.id === 't1' ? change(t) : t)),
  });
  const drillArb = fc.record({
    callers: fc.subarray([N.caller, N.excludedCaller, otherCaller, N.agentDirect], { minLength: 1 }),
    endsInMs: fc.integer({ min: -3_600_000, max: 3_600_000 }),
  });
  const callerArb = fc.constantFrom(N.caller, N.excludedCaller, otherCaller, N.agentDirect, N.agent2Direct);
  const lineArb = fc.constantFrom(N.queueLine, N.employeeLine, N.voiceAgentLine, N.forwardLine, N.exceptionLine);

  it('B4 a drill: a caller not listed (or a call after the drill ended) is routed exactly as if continuity were off', () => {
    fc.assert(
      fc.property(networkArb, drillArb, callerArb, lineArb, (network, drill, from, to) => {
        const at = 1_796_644_800_000; // 2026-12-07T12:00Z
        const off = withTenant(network, (t) => ({ ...t, continuity: { ...t.continuity, enabled: false, drill: null } }));
        const drilled = withTenant(off, (t) => ({
          ...t,
          continuity: { ...t.continuity, drill: { callers: drill.callers, endsAt: at + drill.endsInMs } },
        }));
        fc.pre(!drill.callers.includes(from) || drill.endsInMs <= 0);
        expect(decideRoute(NetworkSnapshot.build(drilled), { to, from, at })).toEqual(
          decideRoute(NetworkSnapshot.build(off), { to, from, at }),
        );
      }),
      RUNS,
    );
  });

  it('B4 a drill: a listed caller before its end goes where continuity would send the call (marked a drill, B4 first), never elsewhere', () => {
    fc.assert(
      fc.property(networkArb, drillArb, lineArb, fc.nat(), (network, drill, to, pick) => {
        const at = 1_796_644_800_000; // 2026-12-07T12:00Z
        fc.pre(drill.endsInMs > 0);
        const from = drill.callers[pick % drill.callers.length]!;
        const endsAt = at + drill.endsInMs;
        const drilled = withTenant(network, (t) => ({
          ...t,
          continuity: { ...t.continuity, enabled: false, drill: { callers: drill.callers, endsAt } },
        }));
        const on = withTenant(network, (t) => ({ ...t, continuity: { ...t.continuity, enabled: true, drill: null } }));
        const route = decideRoute(NetworkSnapshot.build(drilled), { to, from, at });
        const outage = decideRoute(NetworkSnapshot.build(on), { to, from, at });
        if (outage.kind === 'continuity') {
          expect(route).toMatchObject({ kind: 'continuity', drill: true, destination: outage.destination });
          expect(route.reasons[0]!.rule).toBe('B4');
          expect(route.reasons.slice(1)).toEqual(outage.reasons.slice(1));
        } else expect(route.kind).toBe('workflow');
      }),
      RUNS,
    );
  });

  const linkArb = fc.oneof(
    fc.constant({ kind: 'voice_agent' as const }),
    fc
      .constantFrom(N.continuityDefault, N.continuityException, otherCaller, N.queueLine, N.agentDirect, N.forwardLine)
      .map((number) => ({ kind: 'external_number' as const, number })),
  );
  const chainArb = fc.record({ then: fc.array(linkArb, { maxLength: 4 }), noAnswerSeconds: fc.integer({ min: 5, max: 120 }) });

  it('B6 a continuity call never ends without the recorded message: it is the last step, once, and no destination is tried twice', () => {
    fc.assert(
      fc.property(networkArb, chainArb, lineArb, (network, chain, to) => {
        const snapshot = NetworkSnapshot.build(
          withTenant(network, (t) => ({ ...t, continuity: { ...t.continuity, enabled: true, chain } })),
        );
        const route = decideRoute(snapshot, { to });
        fc.pre(route.kind === 'continuity');
        if (route.kind !== 'continuity') return;
        const steps = [route.destination, ...route.next];
        expect(steps[steps.length - 1]).toEqual({ kind: 'message' });
        expect(steps.filter((step) => step.kind === 'message')).toHaveLength(1);
        const keys = steps.map((step) =>
          step.kind === 'external_number' ? step.number : step.kind === 'voice_agent' ? step.voiceAgentId : 'message',
        );
        expect(new Set(keys).size).toBe(keys.length);
        expect(route.noAnswerSeconds).toBe(chain.noAnswerSeconds);
      }),
      RUNS,
    );
  });

  it('B6 C6 C5 on every link: no step of a continuity call is a number of the network, and a voice agent step is a usable one', () => {
    fc.assert(
      fc.property(networkArb, chainArb, lineArb, (network, chain, to) => {
        const snapshot = NetworkSnapshot.build(
          withTenant(network, (t) => ({ ...t, continuity: { ...t.continuity, enabled: true, chain } })),
        );
        const route = decideRoute(snapshot, { to });
        if (route.kind !== 'continuity') {
          // C9: only when no link resolves does the call fall back to the workflow.
          expect(route).toMatchObject({ kind: 'workflow', continuityFallback: true });
          expect(chain.then.some((l) => l.kind === 'external_number' && snapshot.ownerOf(l.number) === undefined)).toBe(false);
          return;
        }
        for (const step of [route.destination, ...route.next]) {
          if (step.kind === 'external_number') expect(snapshot.ownerOf(step.number)).toBeUndefined();
          if (step.kind === 'voice_agent') {
            const agent = snapshot.continuityVoiceAgent('t1');
            expect(agent.usable && agent.agent.id).toBe(step.voiceAgentId);
          }
        }
      }),
      RUNS,
    );
  });

  it("B6 the chain comes after the number's own destination: its first step is where the call went without a chain, when that resolves", () => {
    fc.assert(
      fc.property(networkArb, chainArb, lineArb, (network, chain, to) => {
        const on = withTenant(network, (t) => ({ ...t, continuity: { ...t.continuity, enabled: true } }));
        const without = decideRoute(NetworkSnapshot.build(on), { to });
        const withChain = decideRoute(NetworkSnapshot.build(withTenant(on, (t) => ({ ...t, continuity: { ...t.continuity, chain } }))), {
          to,
        });
        if (without.kind === 'continuity') expect(withChain).toMatchObject({ kind: 'continuity', destination: without.destination });
        if (without.kind === 'continuity' && chain.then.length === 0)
          expect(withChain).toEqual({ ...without, noAnswerSeconds: chain.noAnswerSeconds });
      }),
      RUNS,
    );
  });

  it('feeding events one by one equals the whole-scenario result', () => {
    fc.assert(
      fc.property(scenarioArb, ({ snapshot, call, events, livePlans }) => {
        expect(livePlans[livePlans.length - 1]).toEqual(decideRecording(snapshot, call, events));
      }),
      RUNS,
    );
  });

  it('a live plan never rewrites the past: each prefix agrees with the final plan up to its last event', () => {
    fc.assert(
      fc.property(scenarioArb, ({ livePlans }) => {
        const final = livePlans[livePlans.length - 1]!;
        livePlans.forEach((plan, i) => {
          expect(plan.moments).toEqual(final.moments.slice(0, i + 1));
          const closed = plan.segments.filter((s) => s.end !== null);
          expect(final.segments.slice(0, closed.length)).toEqual(closed);
        });
      }),
      RUNS,
    );
  });

  it('segments are ordered, never overlap, are non-empty and lie inside the call', () => {
    fc.assert(
      fc.property(scenarioArb, ({ snapshot, call, events }) => {
        const plan = decideRecording(snapshot, call, events);
        const last = events[events.length - 1]!.at;
        let previousEnd = -1;
        plan.segments.forEach((s, i) => {
          expect(s.start).toBeGreaterThanOrEqual(previousEnd);
          if (s.end === null) {
            expect(i).toBe(plan.segments.length - 1);
            expect(plan.ended).toBe(false);
          } else {
            expect(s.end).toBeGreaterThan(s.start);
            expect(s.end).toBeLessThanOrEqual(last);
            previousEnd = s.end;
          }
        });
      }),
      RUNS,
    );
  });
});
