import { describe, expect, it } from 'vitest';
import { e, inbound, internal, N, outbound, rulesOf, world } from '../../test/factories.js';
import { readNetworkData } from './network-reader.js';
import { decideRecording, RecordingSession } from './decide-recording.js';
import { failsafeRoute } from './decide-route.js';
import { DEFAULT_RECORDING_DEFAULTS } from './model.js';

const continuityOn = (core: 'automatic' | 'on_demand' | 'never' = 'automatic') => ({
  tenant: {
    coreRecording: { inbound: core, outbound: core },
    continuity: { enabled: true, defaultDestination: { kind: 'external_number' as const, number: N.continuityDefault } },
  },
});
const queueCall = [e.connected(), e.answered(10, 'agent'), e.hangup(100)];

describe('L rules: which settings decide, and where a call is logged', () => {
  it('L1 a call handled by the contact center uses the contact-center settings', () => {
    const plan = decideRecording(world(), inbound(N.queueLine), queueCall);
    expect(plan.ruleSet).toBe('contact_center');
    expect(rulesOf(plan.reasons)).toContain('R4');
  });

  it('L1a a click-to-call by a user who is not a contact-center user uses the core settings', () => {
    const plan = decideRecording(
      world({ tenant: { coreRecording: { inbound: 'never', outbound: 'never' } } }),
      outbound('core-user', N.caller, 'click_to_call', 't1'),
      [e.connected(), e.answered(4), e.hangup(60)],
    );
    expect(plan).toMatchObject({ ruleSet: 'core', segments: [], linkedTenantId: 't1' });
    expect(plan.reasons[1]).toMatchObject({ rule: 'L1' });
    expect(plan.reasons[1]!.text).toContain('L1a');
  });

  it('L1b an inbound call while continuity is on uses the core settings', () => {
    const plan = decideRecording(world(continuityOn('never')), inbound(N.queueLine), [e.connected(), e.hangup(60)]);
    expect(plan).toMatchObject({ ruleSet: 'core', segments: [] });
    expect(plan.reasons[1]!.text).toContain('L1b');
  });

  it('L1 a contact-center user placing a click-to-call stays on the contact-center settings', () => {
    const plan = decideRecording(world(), outbound('agent', N.caller, 'click_to_call', 't1'), [e.connected(), e.answered(3), e.hangup(30)]);
    expect(plan.ruleSet).toBe('contact_center');
  });

  it.each([
    ['automatic', [{ start: 0, end: 60 }], 'nothing'],
    ['on_demand', [], 'nothing'],
    ['never', [], 'nothing'],
  ] as const)('L2 core setting %s on a continuity call', (mode, segments, agentMay) => {
    const plan = decideRecording(world(continuityOn(mode)), inbound(N.queueLine), [e.connected(), e.hangup(60)]);
    expect(plan.segments).toEqual(segments);
    expect(plan.agentMay).toBe(agentMay);
    expect(rulesOf(plan.reasons)).toContain('L2');
  });

  it('L2 core "on demand": the core user starts and stops the recording; "never" refuses', () => {
    const onDemand = world({ tenant: { coreRecording: { inbound: 'on_demand', outbound: 'on_demand' } } });
    const plan = decideRecording(onDemand, outbound('core-user', N.caller, 'click_to_call', 't1'), [
      e.connected(),
      e.answered(2),
      e.start(5),
      e.stop(20),
      e.hangup(40),
    ]);
    expect(plan.segments).toEqual([{ start: 5, end: 20 }]);
    const never = world({ tenant: { coreRecording: { inbound: 'never', outbound: 'never' } } });
    const refused = decideRecording(never, outbound('core-user', N.caller, 'click_to_call', 't1'), [
      e.connected(),
      e.start(5),
      e.hangup(40),
    ]);
    expect(refused.rejected).toEqual([
      { at: 5, action: 'start', rule: 'L2', reason: 'Start refused. Core setting "never": calls are not recorded.' },
    ]);
    expect(refused.segments).toEqual([]);
  });

  it('L2 inbound and outbound core settings are separate', () => {
    const snapshot = world({ tenant: { coreRecording: { inbound: 'never', outbound: 'automatic' } } });
    expect(
      decideRecording(snapshot, outbound('core-user', N.caller, 'click_to_call', 't1'), [e.connected(), e.hangup(10)]).segments,
    ).toEqual([{ start: 0, end: 10 }]);
    expect(decideRecording(snapshot, inbound(N.coreUserDirect), [e.connected(), e.answered(2), e.hangup(10)]).segments).toEqual([]);
  });

  it('L3 a linked contact-center recording syncs to the core when core is automatic both ways', () => {
    const plan = decideRecording(world(), inbound(N.queueLine), queueCall);
    expect(plan.syncsToCore).toBe(true);
    expect(plan.warnings).toEqual([]);
  });

  it.each([
    ['inbound is on demand', { inbound: 'on_demand', outbound: 'automatic' }],
    ['outbound is never', { inbound: 'automatic', outbound: 'never' }],
  ] as const)('L3 no sync, and a warning, when core %s', (_, coreRecording) => {
    const plan = decideRecording(world({ tenant: { coreRecording } }), inbound(N.queueLine), queueCall);
    expect(plan.syncsToCore).toBe(false);
    expect(plan.warnings.map((w) => w.rule)).toEqual(['L3']);
  });

  it('L3 a call not linked to a tenant never syncs', () => {
    const plan = decideRecording(world(), inbound(N.agentDirect), [e.connected(), e.answered(2), e.hangup(30)]);
    expect(plan).toMatchObject({ syncsToCore: false, loggedIn: ['contact_center'] });
  });

  it('L4 an internal call is never recorded nor logged, even under On Call Connected "always"', () => {
    const snapshot = world({ defaults: { trigger: 'on_call_connected', connectedMode: 'always' } });
    const plan = decideRecording(snapshot, internal(), [e.connected(), e.answered(2), e.start(5), e.hangup(30)]);
    expect(plan).toMatchObject({ ruleSet: 'none', segments: [], loggedIn: [], syncsToCore: false, coreTenantId: null });
    expect(plan.rejected).toMatchObject([{ action: 'start', rule: 'L4' }]);
    expect(rulesOf(plan.reasons)).toEqual(['L4', 'L5']);
  });

  it.each([
    { label: 'a linked contact-center call', call: inbound(N.queueLine), loggedIn: ['contact_center', 'core'] },
    { label: 'a direct-line call', call: inbound(N.agentDirect), loggedIn: ['contact_center'] },
    { label: 'a keypad outbound call', call: outbound('agent'), loggedIn: ['contact_center'] },
    { label: 'a continuity call', call: inbound(N.exceptionLine), loggedIn: ['core'], continuity: true },
    { label: 'a core-only click-to-call', call: outbound('core-user', N.caller, 'click_to_call', 't1'), loggedIn: ['core'] },
    { label: 'an internal call', call: internal(), loggedIn: [] },
  ])('L5 $label is logged in $loggedIn', ({ call, loggedIn, continuity }) => {
    const snapshot = world(continuity ? continuityOn() : {});
    const answer = call.direction === 'inbound' && call.to === N.queueLine ? e.answered(2, 'agent') : e.answered(2);
    const events = continuity ? [e.connected(), e.hangup(9)] : [e.connected(), answer, e.hangup(9)];
    expect(decideRecording(snapshot, call, events).loggedIn).toEqual(loggedIn);
  });

  it.each([
    { label: 'a tracking-number call', call: inbound(N.queueLine), tenant: 't1' },
    { label: 'a click-to-call from a tenant record', call: outbound('agent', N.caller, 'click_to_call', 't2'), tenant: 't2' },
    { label: "a call to an employee's direct line", call: inbound(N.agentDirect), tenant: null },
    { label: 'a keypad outbound call', call: outbound('agent'), tenant: null },
  ])('L6 $label is linked to $tenant', ({ call, tenant }) => {
    expect(decideRecording(world(), call, [e.connected()]).linkedTenantId).toBe(tenant);
  });
});

describe('R rules: the contact-center recording policy', () => {
  it('R1 the trigger is "on_call_answered" or "on_call_connected" and nothing else', () => {
    const json = JSON.parse(JSON.stringify(world().recordingDefaults));
    const network = (trigger: string) => ({ network: { id: 'n', name: 'N' }, recordingDefaults: { ...json, trigger }, exclusions: {} });
    expect(readNetworkData(network('on_call_connected')).recordingDefaults.trigger).toBe('on_call_connected');
    expect(() => readNetworkData(network('on_ring'))).toThrow(
      'network.recordingDefaults.trigger: "on_ring" is not one of on_call_answered, on_call_connected.',
    );
    expect(DEFAULT_RECORDING_DEFAULTS.trigger).toBe('on_call_answered');
  });

  it('R2 On Call Connected records from connect and ignores queue settings', () => {
    const snapshot = world({ defaults: { trigger: 'on_call_connected', connectedMode: 'automatic' } });
    const plan = decideRecording(snapshot, inbound(N.queueLine), [e.connected(), e.answered(10, 'agent', 'q-never'), e.hangup(50)]);
    expect(plan.segments).toEqual([{ start: 0, end: 50 }]);
    expect(rulesOf(plan.reasons)).not.toContain('R5');
  });

  it('R2 "always" cannot be stopped by the agent; "automatic" can', () => {
    const always = world({ defaults: { trigger: 'on_call_connected', connectedMode: 'always' } });
    const kept = decideRecording(always, inbound(N.queueLine), [e.connected(), e.answered(5, 'agent'), e.stop(20), e.hangup(50)]);
    expect(kept.segments).toEqual([{ start: 0, end: 50 }]);
    expect(kept.rejected).toMatchObject([{ at: 20, action: 'stop', rule: 'R2' }]);
    const automatic = world({ defaults: { trigger: 'on_call_connected', connectedMode: 'automatic' } });
    const stopped = decideRecording(automatic, inbound(N.queueLine), [e.connected(), e.answered(5, 'agent'), e.stop(20), e.hangup(50)]);
    expect(stopped.segments).toEqual([{ start: 0, end: 20 }]);
  });

  it('R4 a refusal explains the action refused: Start under "always" is refused because the recording is already on (hardening item 14)', () => {
    const always = world({ defaults: { trigger: 'on_call_connected', connectedMode: 'always' } });
    const plan = decideRecording(always, inbound(N.queueLine), [
      e.connected(),
      e.answered(5, 'agent'),
      e.start(10),
      e.stop(20),
      e.hangup(50),
    ]);
    expect(plan.rejected).toEqual([
      { at: 10, action: 'start', rule: 'R2', reason: 'Start refused. The recording is already on.' },
      { at: 20, action: 'stop', rule: 'R2', reason: 'Stop refused. Mode "always": the agent cannot stop the recording.' },
    ]);
    const never = world({ defaults: { queue: { mode: 'never', announcement: 'none' } } });
    const off = decideRecording(never, inbound(N.queueLine), [e.connected(), e.answered(5, 'agent'), e.stop(8), e.start(10), e.hangup(50)]);
    expect(off.rejected.map((r) => r.reason)).toEqual([
      'Stop refused. The recording is already off.',
      'Start refused. Mode "never": the recording cannot be started.',
    ]);
  });

  it('R2 ignores individual settings too, on direct-line and outbound calls', () => {
    const snapshot = world({
      defaults: { trigger: 'on_call_connected', connectedMode: 'always' },
      employees: {
        agent: { customRecording: { inbound: { mode: 'never', announcement: 'none' }, outbound: { mode: 'never', announcement: 'none' } } },
      },
    });
    expect(decideRecording(snapshot, inbound(N.agentDirect), [e.connected(), e.answered(3), e.hangup(20)]).segments).toEqual([
      { start: 0, end: 20 },
    ]);
    expect(decideRecording(snapshot, outbound('agent'), [e.connected(), e.answered(3), e.hangup(20)]).segments).toEqual([
      { start: 0, end: 20 },
    ]);
  });

  it('R3 On Call Answered records nothing before the answer, and nothing of an unanswered call', () => {
    expect(decideRecording(world(), inbound(N.queueLine), queueCall).segments).toEqual([{ start: 10, end: 100 }]);
    const abandoned = decideRecording(world(), inbound(N.queueLine), [e.connected(), e.hangup(45)]);
    expect(abandoned.segments).toEqual([]);
    expect(abandoned.moments[0]).toMatchObject({ recording: 'off', agentMay: 'nothing', why: { rule: 'R3' } });
  });

  it.each([
    ['always', [{ start: 10, end: 100 }], 'nothing'],
    ['automatic', [{ start: 10, end: 100 }], 'stop'],
    ['manual', [], 'start'],
    ['never', [], 'nothing'],
  ] as const)('R4 queue default "%s" decides an inbound queue call', (mode, segments, agentMay) => {
    const snapshot = world({ defaults: { queue: { mode, announcement: 'prompt_agent' } } });
    const plan = decideRecording(snapshot, inbound(N.queueLine), queueCall);
    expect(plan.segments).toEqual(segments);
    expect(plan.moments[1]).toMatchObject({ agentMay, announcement: 'prompt_agent', why: { rule: 'R4' } });
  });

  it('R4 the announcement option reaches the record button: prompt_agent or none', () => {
    const plan = decideRecording(
      world({ defaults: { queue: { mode: 'automatic', announcement: 'none' } } }),
      inbound(N.queueLine),
      queueCall.slice(0, 2),
    );
    expect(plan.announcement).toBe('none');
  });

  it('R5 a customised queue keeps its settings when the defaults change, until Reset to Default', () => {
    const custom = { customRecording: { mode: 'manual' as const, announcement: 'none' as const } };
    const changedDefaults = { queue: { mode: 'always' as const, announcement: 'prompt_agent' as const } };
    const kept = decideRecording(world({ defaults: changedDefaults, queues: { q1: custom } }), inbound(N.queueLine), queueCall);
    expect(kept.segments).toEqual([]);
    expect(kept.moments[1]).toMatchObject({ agentMay: 'start', why: { rule: 'R5' } });
    const reset = decideRecording(
      world({ defaults: changedDefaults, queues: { q1: { customRecording: null } } }),
      inbound(N.queueLine),
      queueCall,
    );
    expect(reset.segments).toEqual([{ start: 10, end: 100 }]);
    expect(reset.moments[1]).toMatchObject({ why: { rule: 'R4' } });
  });

  it("R6 a queue call redirected to another queue takes the answering queue's settings", () => {
    const plan = decideRecording(world(), inbound(N.queueLine), [
      e.connected(),
      e.redirected(20, 'q-never'),
      e.answered(30, 'agent'),
      e.hangup(90),
    ]);
    expect(plan.segments).toEqual([]);
    expect(rulesOf(plan.reasons)).toEqual(['L6', 'L1', 'R3', 'R6', 'R5', 'L5', 'L3']);
  });

  it('R6 an answer in another queue counts as a redirect', () => {
    const plan = decideRecording(world(), inbound(N.queueLine), [e.connected(), e.answered(30, 'agent', 'q-always'), e.hangup(90)]);
    expect(plan.segments).toEqual([{ start: 30, end: 90 }]);
    expect(rulesOf(plan.reasons)).toContain('R6');
  });

  it('R7 individual inbound defaults decide a call to a direct line; outbound defaults a call the agent places', () => {
    const snapshot = world({
      defaults: {
        individual: { inbound: { mode: 'never', announcement: 'none' }, outbound: { mode: 'always', announcement: 'prompt_agent' } },
      },
    });
    const inboundPlan = decideRecording(snapshot, inbound(N.agentDirect), [e.connected(), e.answered(4), e.hangup(40)]);
    expect(inboundPlan.segments).toEqual([]);
    expect(inboundPlan.moments[1]).toMatchObject({ why: { rule: 'R7' } });
    const outboundPlan = decideRecording(snapshot, outbound('agent'), [e.connected(), e.answered(6), e.hangup(40)]);
    expect(outboundPlan.segments).toEqual([{ start: 6, end: 40 }]);
  });

  it('R7 individual settings do not apply to a click-to-call by a non-contact-center user (L1a)', () => {
    const snapshot = world({
      defaults: {
        individual: { inbound: DEFAULT_RECORDING_DEFAULTS.individual.inbound, outbound: { mode: 'always', announcement: 'none' } },
      },
      tenant: { coreRecording: { inbound: 'never', outbound: 'never' } },
    });
    const plan = decideRecording(snapshot, outbound('core-user', N.caller, 'click_to_call', 't1'), [
      e.connected(),
      e.answered(2),
      e.hangup(30),
    ]);
    expect(plan.segments).toEqual([]);
    expect(rulesOf(plan.reasons)).not.toContain('R7');
  });

  it("R7 a tracking number routed to an employee uses that employee's inbound settings", () => {
    const snapshot = world({
      defaults: {
        individual: { inbound: { mode: 'manual', announcement: 'none' }, outbound: DEFAULT_RECORDING_DEFAULTS.individual.outbound },
      },
    });
    const plan = decideRecording(snapshot, inbound(N.employeeLine), [e.connected(), e.answered(3), e.hangup(30)]);
    expect(plan.moments[1]).toMatchObject({ recording: 'off', agentMay: 'start', why: { rule: 'R7' } });
  });

  it('R8 an employee with custom settings keeps them over the defaults, until Reset to Default', () => {
    const custom = {
      customRecording: {
        inbound: { mode: 'never' as const, announcement: 'none' as const },
        outbound: { mode: 'always' as const, announcement: 'none' as const },
      },
    };
    const plan = decideRecording(world({ employees: { agent: custom } }), inbound(N.agentDirect), [
      e.connected(),
      e.answered(4),
      e.start(8),
      e.hangup(40),
    ]);
    expect(plan.segments).toEqual([]);
    expect(plan.rejected).toMatchObject([{ action: 'start', rule: 'R8' }]);
    const reset = decideRecording(world({ employees: { agent: { customRecording: null } } }), inbound(N.agentDirect), [
      e.connected(),
      e.answered(4),
      e.hangup(40),
    ]);
    expect(reset.segments).toEqual([{ start: 4, end: 40 }]);
  });

  describe('R9 transfers', () => {
    const calls = (toQueue: 'keep_original' | 'follow_destination', toEmployee: 'keep_original' | 'follow_destination') =>
      world({
        defaults: { transfer: { toQueue, toEmployee } },
        employees: {
          agent2: {
            customRecording: { inbound: { mode: 'never', announcement: 'none' }, outbound: { mode: 'never', announcement: 'none' } },
          },
        },
      });

    it('R9 keep original: a recording call transferred to a "never" queue keeps recording', () => {
      const plan = decideRecording(calls('keep_original', 'keep_original'), inbound(N.queueLine), [
        e.connected(),
        e.answered(10, 'agent'),
        e.toQueue(30, 'q-never'),
        e.answered(40, 'agent2'),
        e.hangup(90),
      ]);
      expect(plan.segments).toEqual([{ start: 10, end: 90 }]);
    });

    it("R9 keep original also keeps an agent's stop across the transfer", () => {
      const plan = decideRecording(calls('keep_original', 'keep_original'), inbound(N.queueLine), [
        e.connected(),
        e.answered(10, 'agent'),
        e.stop(20),
        e.toQueue(30, 'q-always'),
        e.answered(40, 'agent2'),
        e.hangup(90),
      ]);
      expect(plan.segments).toEqual([{ start: 10, end: 20 }]);
    });

    it("R9 follow destination: the destination queue's settings take over at the transfer", () => {
      const plan = decideRecording(calls('follow_destination', 'keep_original'), inbound(N.queueLine), [
        e.connected(),
        e.answered(10, 'agent'),
        e.toQueue(30, 'q-never'),
        e.answered(40, 'agent2'),
        e.hangup(90),
      ]);
      expect(plan.segments).toEqual([{ start: 10, end: 30 }]);
      const started = decideRecording(calls('follow_destination', 'keep_original'), inbound(N.queueLine), [
        e.connected(),
        e.answered(10, 'agent', 'q-never'),
        e.toQueue(30, 'q-always'),
        e.hangup(90),
      ]);
      expect(started.segments).toEqual([{ start: 30, end: 90 }]);
    });

    it('R6 R9 a call transferred to a queue and answered in another one: the answering queue decides when following the destination', async () => {
      const follow = calls('follow_destination', 'keep_original');
      const answeredElsewhere = decideRecording(follow, inbound(N.queueLine), [
        e.connected(),
        e.answered(5, 'agent'),
        e.toQueue(30, 'q-always'),
        e.answered(35, 'agent2', 'q-never'),
        e.hangup(90),
      ]);
      expect(answeredElsewhere.segments).toEqual([{ start: 5, end: 35 }]);
      expect(rulesOf(answeredElsewhere.reasons)).toEqual(['L6', 'L1', 'R3', 'R4', 'R9', 'R5', 'R6', 'R5', 'L5', 'L3']);
      const redirected = decideRecording(follow, inbound(N.queueLine), [
        e.connected(),
        e.answered(5, 'agent'),
        e.toQueue(30, 'q-always'),
        e.redirected(33, 'q-never'),
        e.answered(35, 'agent2'),
        e.hangup(90),
      ]);
      expect(redirected.segments).toEqual([{ start: 5, end: 33 }]);
      const kept = decideRecording(calls('keep_original', 'keep_original'), inbound(N.queueLine), [
        e.connected(),
        e.answered(5, 'agent'),
        e.toQueue(30, 'q-always'),
        e.redirected(33, 'q-never'),
        e.answered(35, 'agent2'),
        e.hangup(90),
      ]);
      expect(kept.segments).toEqual([{ start: 5, end: 90 }]);
    });

    it("R9 transfer to an employee: keep original vs follow the employee's inbound settings", () => {
      const events = [e.connected(), e.answered(10, 'agent'), e.toEmployee(30, 'agent2'), e.hangup(90)];
      expect(decideRecording(calls('keep_original', 'keep_original'), inbound(N.queueLine), events).segments).toEqual([
        { start: 10, end: 90 },
      ]);
      const followed = decideRecording(calls('keep_original', 'follow_destination'), inbound(N.queueLine), events);
      expect(followed.segments).toEqual([{ start: 10, end: 30 }]);
      expect(followed.moments[2]).toMatchObject({ why: { rule: 'R8' } });
      expect(rulesOf(followed.reasons)).toEqual(['L6', 'L1', 'R3', 'R4', 'R9', 'R8', 'L5', 'L3']);
    });
  });

  it.each([
    ['the caller of an inbound call', inbound(N.queueLine, N.excludedCaller), { party: 'caller', match: 'number' }],
    ["the caller's area code", inbound(N.queueLine, N.areaExcludedCaller), { party: 'caller', match: 'area_code' }],
    ['the callee of an outbound call', outbound('agent', N.excludedCaller), { party: 'callee', match: 'number' }],
    ["the employee's direct line on a personal call", inbound(N.excludedDirect), { party: 'direct_line', match: 'number' }],
    ["the employee's direct line on a call they place", outbound('excluded-agent'), { party: 'direct_line', match: 'number' }],
  ])('R10 the exclusion list matches %s', (_, call, exclusion) => {
    const plan = decideRecording(
      world({
        defaults: {
          queue: { mode: 'always', announcement: 'none' },
          individual: { inbound: { mode: 'always', announcement: 'none' }, outbound: { mode: 'always', announcement: 'none' } },
        },
      }),
      call,
      [e.connected(), e.answered(3), e.hangup(30)].map((ev) =>
        ev.type === 'answered' && call.direction === 'inbound' && call.to === N.queueLine ? e.answered(3, 'agent') : ev,
      ),
    );
    expect(plan.exclusion).toMatchObject(exclusion);
    expect(plan.segments).toEqual([]);
    expect(rulesOf(plan.reasons)).toEqual(expect.arrayContaining(['R10', 'R12']));
  });

  it('R10 a number that is not on the list is recorded', () => {
    expect(decideRecording(world(), inbound(N.queueLine, N.caller), queueCall).exclusion).toBeNull();
  });

  it('R11 direct line on the exclusion list still records queue calls', () => {
    const plan = decideRecording(world(), inbound(N.queueLine), [e.connected(), e.answered(10, 'excluded-agent'), e.hangup(100)]);
    expect(plan.exclusion).toBeNull();
    expect(plan.segments).toEqual([{ start: 10, end: 100 }]);
    expect(rulesOf(plan.reasons)).toContain('R11');
  });

  it('R12 an excluded call cannot be recorded: the button is disabled and says why', () => {
    const plan = decideRecording(
      world({ defaults: { queue: { mode: 'manual', announcement: 'prompt_agent' } } }),
      inbound(N.queueLine, N.excludedCaller),
      [e.connected(), e.answered(5, 'agent'), e.start(10), e.hangup(60)],
    );
    expect(plan.segments).toEqual([]);
    expect(plan.moments[1]).toMatchObject({
      agentMay: 'nothing',
      why: { rule: 'R12', text: 'The call is excluded from recording: the record button is disabled.' },
    });
    expect(plan.rejected).toMatchObject([{ at: 10, action: 'start', rule: 'R12' }]);
  });

  it('R13 a voice-agent call is recorded from its start even when the caller is excluded', () => {
    const plan = decideRecording(world(), inbound(N.voiceAgentLine, N.excludedCaller), [e.connected(), e.hangup(80)]);
    expect(plan.segments).toEqual([{ start: 0, end: 80 }]);
    expect(plan.moments[0]).toMatchObject({ agentMay: 'nothing', why: { rule: 'R13' } });
  });

  it('R13 a continuity call to the voice agent is recorded even with core settings "never"', () => {
    const snapshot = world({
      tenant: {
        coreRecording: { inbound: 'never', outbound: 'never' },
        continuity: { enabled: true, defaultDestination: { kind: 'voice_agent' } },
      },
    });
    const plan = decideRecording(snapshot, inbound(N.queueLine, N.excludedCaller), [e.connected(), e.hangup(50)]);
    expect(plan).toMatchObject({ ruleSet: 'core', segments: [{ start: 0, end: 50 }], loggedIn: ['core'] });
  });

  it('R13 a voice agent answering from a queue forces recording from that moment', () => {
    const plan = decideRecording(world(), inbound(N.queueLine, N.excludedCaller), [
      e.connected(),
      e.answeredByVoiceAgent(12),
      e.hangup(50),
    ]);
    expect(plan.segments).toEqual([{ start: 12, end: 50 }]);
  });

  it('R14 a call forwarded to an external number is recorded from the forward on, even when excluded', () => {
    const plan = decideRecording(world(), inbound(N.queueLine, N.excludedCaller), [
      e.connected(),
      e.answered(5, 'agent'),
      e.forwarded(25),
      e.stop(30),
      e.hangup(70),
    ]);
    expect(plan.segments).toEqual([{ start: 25, end: 70 }]);
    expect(plan.rejected).toMatchObject([{ at: 30, action: 'stop', rule: 'R14' }]);
  });

  it('R14 a tracking number whose workflow forwards externally is recorded from connect', () => {
    const plan = decideRecording(world({ defaults: { queue: { mode: 'never', announcement: 'none' } } }), inbound(N.forwardLine), [
      e.connected(),
      e.hangup(40),
    ]);
    expect(plan.segments).toEqual([{ start: 0, end: 40 }]);
  });

  it('R14 does not apply to a continuity call sent to an external number (L1b decides)', () => {
    const plan = decideRecording(world(continuityOn('never')), inbound(N.queueLine), [e.connected(), e.hangup(40)]);
    expect(plan.segments).toEqual([]);
  });

  it('R15 the payment screen pauses a linked call and the paused time is absent', () => {
    const plan = decideRecording(world(), inbound(N.queueLine), [
      e.connected(),
      e.answered(10, 'agent'),
      e.paymentOpened(30),
      e.start(35),
      e.paymentClosed(50),
      e.hangup(100),
    ]);
    expect(plan.segments).toEqual([
      { start: 10, end: 30 },
      { start: 50, end: 100 },
    ]);
    expect(plan.moments[2]).toMatchObject({ recording: 'paused', agentMay: 'nothing', why: { rule: 'R15' } });
    expect(plan.rejected).toMatchObject([{ at: 35, action: 'start', rule: 'R15' }]);
  });

  it('R15 pauses forced recordings too: a voice-agent call transferred to an agent who takes a payment', () => {
    const plan = decideRecording(world(), inbound(N.voiceAgentLine), [
      e.connected(),
      e.toQueue(20, 'q1'),
      e.answered(25, 'agent'),
      e.paymentOpened(40),
      e.paymentClosed(55),
      e.hangup(70),
    ]);
    expect(plan.segments).toEqual([
      { start: 0, end: 40 },
      { start: 55, end: 70 },
    ]);
  });

  it('R15 a call without a tenant is not paused; the agent is warned to pause manually', () => {
    const plan = decideRecording(world(), inbound(N.agentDirect), [
      e.connected(),
      e.answered(5),
      e.paymentOpened(20),
      e.stop(21),
      e.paymentClosed(40),
      e.start(41),
      e.hangup(60),
    ]);
    expect(plan.warnings.map((w) => w.rule)).toEqual(['R15']);
    expect(plan.warnings[0]!.text).toContain('pause the recording manually');
    expect(plan.segments).toEqual([
      { start: 5, end: 21 },
      { start: 41, end: 60 },
    ]);
  });

  it('R16 every decision keeps its ordered reasons: rule set, triggers, settings, pauses, logging, sync', () => {
    const plan = decideRecording(world(), inbound(N.queueLine), [
      e.connected(),
      e.answered(10, 'agent'),
      e.paymentOpened(30),
      e.paymentClosed(50),
      e.hangup(100),
    ]);
    expect(rulesOf(plan.reasons)).toEqual(['L6', 'L1', 'R3', 'R4', 'R15', 'R15', 'L5', 'L3']);
    for (const r of plan.reasons) expect(r.text.length).toBeGreaterThan(10);
  });
});

describe('RecordingSession (a live call)', () => {
  it('refuses an event that cannot happen and stays exactly as it was', () => {
    const session = new RecordingSession(world(), inbound(N.queueLine));
    session.apply(e.connected());
    session.apply(e.answered(5, 'agent'));
    const before = session.plan();
    expect(() => session.apply(e.toQueue(8, 'q-ghost'))).toThrow('events[2].queueId: no queue "q-ghost" in this network.');
    expect(() => session.apply(e.answered(9, 'agent2'))).toThrow('events[2].type: "answered" cannot happen here');
    expect(session.plan()).toEqual(before);
    expect(session.apply(e.hangup(10)).segments).toEqual([{ start: 5, end: 10 }]);
  });

  it('hands out plans that later events do not change', () => {
    const session = new RecordingSession(world(), inbound(N.queueLine));
    session.apply(e.connected());
    const early = session.apply(e.answered(5, 'agent'));
    session.apply(e.paymentOpened(7));
    session.apply(e.hangup(9));
    expect(early.segments).toEqual([{ start: 5, end: null }]);
    expect(early.moments).toHaveLength(2);
    expect(early.ended).toBe(false);
  });

  it('B9 L1b a call the failsafe routed while its tenant is in continuity is the continuity call it became (core rules)', () => {
    const on = {
      tenant: {
        coreRecording: { inbound: 'never' as const, outbound: 'never' as const },
        continuity: { enabled: true, defaultDestination: { kind: 'external_number' as const, number: N.continuityDefault } },
      },
    };
    const snapshot = world(on);
    const session = new RecordingSession(snapshot, inbound(N.queueLine), failsafeRoute(snapshot, N.queueLine, 'switchboard_not_connected'));
    session.apply(e.connected());
    const plan = session.apply(e.hangup(30));
    expect(plan).toMatchObject({ ruleSet: 'core', segments: [], route: { kind: 'continuity' } });
    expect(rulesOf(plan.route!.reasons)[0]).toBe('B9');
  });

  it('B9 a call the failsafe routed while its tenant is not in continuity follows the workflow, as a routed call does', () => {
    const snapshot = world();
    const routed = failsafeRoute(snapshot, N.queueLine, 'switchboard_timeout');
    expect(routed).toMatchObject({ kind: 'workflow' });
    const session = new RecordingSession(snapshot, inbound(N.queueLine), routed);
    expect(session.plan().route).toMatchObject({ kind: 'workflow' });
    expect(session.plan().ruleSet).toBe(new RecordingSession(snapshot, inbound(N.queueLine)).plan().ruleSet);
  });
});
