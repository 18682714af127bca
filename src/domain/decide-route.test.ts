import { describe, expect, it } from 'vitest';
import { buildWorld, N, num, world } from '../../test/factories.js';
import { decideRoute, failsafeRoute } from './decide-route.js';
import { NetworkSnapshot } from './snapshot.js';

const on = { continuity: { enabled: true, defaultDestination: { kind: 'external_number' as const, number: N.continuityDefault } } };
const rules = (d: { reasons: readonly { rule: string }[] }) => d.reasons.map((r) => r.rule);

describe('decideRoute', () => {
  it('C1 continuity is off by default: a tracking number call follows its workflow', () => {
    const decision = decideRoute(world(), { to: N.queueLine, from: N.caller });
    expect(decision).toMatchObject({
      kind: 'workflow',
      tenantId: 't1',
      trackingNumberId: 'tn-q',
      target: { kind: 'queue', queueId: 'q1' },
      continuityFallback: false,
    });
    expect(rules(decision)).toEqual(['C1']);
  });

  it.each([
    ['a queue', N.queueLine],
    ['an employee', N.employeeLine],
    ['a voice agent', N.voiceAgentLine],
    ['an external forward', N.forwardLine],
  ])('C2 continuity on: a number whose workflow is %s bypasses it to the continuity destination', (_, to) => {
    const decision = decideRoute(world({ tenant: on }), { to });
    expect(decision).toMatchObject({
      kind: 'continuity',
      tenantId: 't1',
      destination: { kind: 'external_number', number: N.continuityDefault, source: 'default' },
      // B6: without a chain, the recorded message is still the last resort.
      next: [{ kind: 'message' }],
      noAnswerSeconds: 20,
    });
    expect(rules(decision)[0]).toBe('C2');
  });

  it("C2 continuity on for one tenant does not touch another tenant's calls", () => {
    expect(decideRoute(world({ tenant: on }), { to: N.otherTenantLine }).kind).toBe('workflow');
  });

  it("C3 a tracking number's exception wins over the tenant's default", () => {
    const decision = decideRoute(world({ tenant: on }), { to: N.exceptionLine });
    expect(decision).toMatchObject({
      kind: 'continuity',
      destination: { kind: 'external_number', number: N.continuityException, source: 'exception' },
    });
    expect(rules(decision)).toEqual(['C2', 'C3']);
  });

  it('C3 without an exception the default applies, even with a voice-agent default', () => {
    const decision = decideRoute(world({ tenant: { continuity: { enabled: true, defaultDestination: { kind: 'voice_agent' } } } }), {
      to: N.exceptionLine,
    });
    expect(decision).toMatchObject({ destination: { kind: 'external_number', source: 'exception' } });
    const plain = decideRoute(world({ tenant: { continuity: { enabled: true, defaultDestination: { kind: 'voice_agent' } } } }), {
      to: N.queueLine,
    });
    expect(plain).toMatchObject({ kind: 'continuity', destination: { kind: 'voice_agent', voiceAgentId: 'va1' } });
    expect(rules(plain)).toEqual(['C2', 'C3', 'C4', 'C5']);
  });

  it('C4 the default destination is either the voice agent or an external number', () => {
    const external = decideRoute(world({ tenant: on }), { to: N.queueLine });
    expect(external).toMatchObject({ destination: { kind: 'external_number', number: N.continuityDefault } });
    expect(rules(external)).toEqual(['C2', 'C3', 'C4']);
    const agent = decideRoute(world({ tenant: { continuity: { enabled: true, defaultDestination: { kind: 'voice_agent' } } } }), {
      to: N.queueLine,
    });
    expect(agent).toMatchObject({ destination: { kind: 'voice_agent' } });
  });

  describe('C5 voice-agent destination', () => {
    const vaOn = { continuity: { enabled: true, defaultDestination: { kind: 'voice_agent' as const } } };
    const agents = [
      { id: 'va-new', tenantId: 't1', name: 'New', createdAt: '2025-06-01T00:00:00Z', enabled: true },
      { id: 'va-old', tenantId: 't1', name: 'Old', createdAt: '2024-01-01T00:00:00Z', enabled: true },
      { id: 'va-mid', tenantId: 't1', name: 'Mid', createdAt: '2025-01-01T00:00:00Z', enabled: true },
    ];
    const snapshot = (changes: Parameters<typeof buildWorld>[0]) => {
      const data = buildWorld(changes);
      // tn-va's workflow points at va1; keep it valid when the agents change.
      return NetworkSnapshot.build({ ...data, trackingNumbers: data.trackingNumbers.filter((tn) => tn.id !== 'tn-va') });
    };

    it('C5 routes to the first (oldest) voice agent', () => {
      expect(decideRoute(snapshot({ tenant: vaOn, voiceAgents: agents }), { to: N.queueLine })).toMatchObject({
        destination: { voiceAgentId: 'va-old' },
      });
    });

    it('C5 when the oldest is disabled the next oldest takes over', () => {
      const list = agents.map((a) => (a.id === 'va-old' ? { ...a, enabled: false } : a));
      expect(decideRoute(snapshot({ tenant: vaOn, voiceAgents: list }), { to: N.queueLine })).toMatchObject({
        destination: { voiceAgentId: 'va-mid' },
      });
    });

    it('C5 when the oldest is deleted the next oldest takes over', () => {
      const list = agents.filter((a) => a.id !== 'va-old');
      expect(decideRoute(snapshot({ tenant: vaOn, voiceAgents: list }), { to: N.queueLine })).toMatchObject({
        destination: { voiceAgentId: 'va-mid' },
      });
    });

    it('C5 with no usable agent left the destination is invalid and the call is not dropped', () => {
      const decision = decideRoute(snapshot({ tenant: vaOn, voiceAgents: agents.map((a) => ({ ...a, enabled: false })) }), {
        to: N.queueLine,
      });
      expect(decision).toMatchObject({ kind: 'workflow', continuityFallback: true });
      expect(rules(decision)).toEqual(['C2', 'C3', 'C4', 'C5', 'C9']);
    });

    it('B6 with no usable agent, a chain starts at its first destination that can take the call', () => {
      const chained = {
        continuity: {
          ...vaOn.continuity,
          chain: { then: [{ kind: 'external_number' as const, number: N.continuityDefault }], noAnswerSeconds: 15 },
        },
      };
      const decision = decideRoute(snapshot({ tenant: chained, voiceAgents: agents.map((a) => ({ ...a, enabled: false })) }), {
        to: N.queueLine,
      });
      expect(decision).toMatchObject({
        kind: 'continuity',
        destination: { kind: 'external_number', number: N.continuityDefault, source: 'chain' },
        next: [{ kind: 'message' }],
      });
      expect(rules(decision)).toEqual(['C2', 'C3', 'C4', 'C5', 'B6']);
    });

    it('B6 a chain is tried after the default, each link ringing its set time, and ends with the recorded message', () => {
      const other = num('+13125550142');
      const chained = {
        continuity: {
          ...vaOn.continuity,
          chain: { then: [{ kind: 'external_number' as const, number: other }, { kind: 'voice_agent' as const }], noAnswerSeconds: 15 },
        },
      };
      const decision = decideRoute(snapshot({ tenant: chained, voiceAgents: agents }), { to: N.queueLine });
      expect(decision).toMatchObject({
        kind: 'continuity',
        destination: { kind: 'voice_agent', voiceAgentId: 'va-old' },
        // The voice agent, already the first destination, is not tried twice.
        next: [{ kind: 'external_number', number: other, source: 'chain' }, { kind: 'message' }],
        noAnswerSeconds: 15,
      });
      expect(rules(decision)).toEqual(['C2', 'C3', 'C4', 'C5', 'B6']);
      expect(decision.reasons.at(-1)!.text).toContain('15 seconds');
    });

    it.each([
      ['the contact center', { contactCenter: false, core: true }],
      ['the core', { contactCenter: true, core: false }],
    ])('C5 voice agents disabled on %s make the voice-agent destination invalid', (_, enabled) => {
      const decision = decideRoute(snapshot({ tenant: { ...vaOn, voiceAgentsEnabled: enabled }, voiceAgents: agents }), {
        to: N.queueLine,
      });
      expect(decision).toMatchObject({ kind: 'workflow', continuityFallback: true });
    });

    it("C5 another tenant's voice agent is never used", () => {
      const list = [{ id: 'va-other', tenantId: 't2', name: 'Other', createdAt: '2020-01-01T00:00:00Z', enabled: true }];
      expect(decideRoute(snapshot({ tenant: vaOn, voiceAgents: list }), { to: N.queueLine })).toMatchObject({
        kind: 'workflow',
        continuityFallback: true,
      });
    });
  });

  it('C14 switching continuity off returns the next call to the workflow', () => {
    const before = decideRoute(world({ tenant: on }), { to: N.queueLine });
    const after = decideRoute(world({ tenant: { continuity: { ...on.continuity, enabled: false } } }), { to: N.queueLine });
    expect(before.kind).toBe('continuity');
    expect(after).toMatchObject({ kind: 'workflow', target: { kind: 'queue', queueId: 'q1' }, continuityFallback: false });
  });

  it("routes a direct line to its employee, and says when a number is not the network's", () => {
    const snapshot = world();
    expect(decideRoute(snapshot, { to: N.agentDirect })).toMatchObject({ kind: 'direct_line', employeeId: 'agent' });
    expect(decideRoute(snapshot, { to: num('+13055550199') })).toMatchObject({ kind: 'unknown_number', reasons: [] });
  });
});

describe('failsafeRoute (B9 amended: the SIP edge routed the call by itself, as Switchboard would have)', () => {
  const off = { continuity: { enabled: false, defaultDestination: { kind: 'external_number' as const, number: N.continuityDefault } } };
  const on = { continuity: { enabled: true, defaultDestination: { kind: 'external_number' as const, number: N.continuityDefault } } };

  it('B9 C1 while the tenant is not in continuity the failsafe call went to its workflow target (a healthy tenant is not sent to its backup), with why', () => {
    const decision = failsafeRoute(world({ tenant: off }), N.queueLine, 'switchboard_timeout');
    expect(decision).toMatchObject({ kind: 'workflow', tenantId: 't1', target: { kind: 'queue', queueId: 'q1' } });
    expect(rules(decision!)).toEqual(['B9', 'C1']);
    expect(decision!.reasons[0]!.text).toContain('did not answer within the route timeout');
    expect(failsafeRoute(world({ tenant: off }), N.exceptionLine, 'switchboard_not_connected')).toMatchObject({ kind: 'workflow' });
  });

  it('B9 C2 C3 while the tenant is in continuity it went to the continuity destination (the exception for its number)', () => {
    const decision = failsafeRoute(world({ tenant: on }), N.queueLine, 'switchboard_timeout');
    expect(decision).toMatchObject({ kind: 'continuity', destination: { kind: 'external_number', number: N.continuityDefault } });
    expect(rules(decision!)).toEqual(['B9', ...rules(decideRoute(world({ tenant: on }), { to: N.queueLine }))]);
    const exception = failsafeRoute(world({ tenant: on }), N.exceptionLine, 'switchboard_not_connected')!;
    expect(exception).toMatchObject({ destination: { number: N.continuityException } });
    expect(exception.reasons[0]!.text).toContain('was not connected');
  });

  it('B9 C9 in continuity with no valid destination it went to the workflow, as a route would; undefined for a number that is not a tracking number', () => {
    expect(
      failsafeRoute(world({ tenant: { continuity: { enabled: true, defaultDestination: null } } }), N.queueLine, 'switchboard_timeout'),
    ).toMatchObject({ kind: 'workflow', continuityFallback: true });
    expect(failsafeRoute(world({ tenant: off }), N.caller, 'switchboard_timeout')).toBeUndefined();
  });
});
