import { describe, expect, it } from 'vitest';
import { buildWorld, N, world } from '../../test/factories.js';
import { NetworkSnapshot } from './snapshot.js';

describe('NetworkSnapshot', () => {
  it('answers lookups by number and id', () => {
    const snapshot = world();
    expect(snapshot.trackingNumber(N.queueLine)?.id).toBe('tn-q');
    expect(snapshot.directLineOwner(N.agentDirect)?.id).toBe('agent');
    expect(snapshot.tenant('t2')?.name).toBe('Tenant Two');
    expect(snapshot.trackingNumbersOf('t1').map((tn) => tn.id)).toEqual(['tn-q', 'tn-emp', 'tn-va', 'tn-fwd', 'tn-exc']);
    expect(snapshot.trackingNumbersOf('nobody')).toEqual([]);
    expect(snapshot.exclusionOf(N.excludedCaller)).toBe('number');
    expect(snapshot.exclusionOf(N.areaExcludedCaller)).toBe('area_code');
    expect(snapshot.exclusionOf(N.caller)).toBeUndefined();
    expect(snapshot.ownerOf(N.agentDirect)).toMatchObject({ kind: 'direct_line', employeeId: 'agent' });
  });

  it.each([
    [
      'a tracking number of an unknown tenant',
      (d: ReturnType<typeof buildWorld>) => ({ ...d, trackingNumbers: [{ ...d.trackingNumbers[0]!, tenantId: 'ghost' }] }),
      'trackingNumbers[0].tenantId: no tenant "ghost" in this network.',
    ],
    [
      'a workflow to an unknown queue',
      (d: ReturnType<typeof buildWorld>) => ({
        ...d,
        trackingNumbers: [{ ...d.trackingNumbers[0]!, workflow: { kind: 'queue' as const, queueId: 'q-ghost' } }],
      }),
      'trackingNumbers[0].workflow: no queue "q-ghost" in this network.',
    ],
    [
      'a number used twice',
      (d: ReturnType<typeof buildWorld>) => ({
        ...d,
        trackingNumbers: [d.trackingNumbers[0]!, { ...d.trackingNumbers[1]!, number: N.queueLine }],
      }),
      'trackingNumbers[1].number: +16198675301 is already a tracking number or direct line in this network.',
    ],
    [
      'a tracking number that is a direct line',
      (d: ReturnType<typeof buildWorld>) => ({ ...d, trackingNumbers: [{ ...d.trackingNumbers[0]!, number: N.agentDirect }] }),
      'trackingNumbers[0].number: +16198675701 is already a tracking number or direct line',
    ],
    [
      'a duplicate id',
      (d: ReturnType<typeof buildWorld>) => ({ ...d, queues: [d.queues[0]!, d.queues[0]!] }),
      'queues[1].id: "q1" is used twice.',
    ],
    [
      'a core-only user without a home tenant',
      (d: ReturnType<typeof buildWorld>) => ({
        ...d,
        employees: d.employees.map((e) => (e.id === 'core-user' ? { ...e, homeTenantId: null } : e)),
      }),
      'employees[3].homeTenantId: "core-user" is not a contact-center user',
    ],
  ])('refuses %s, naming the field', (_, change, message) => {
    expect(() => NetworkSnapshot.build(change(buildWorld()))).toThrow(message);
  });

  it('C5 picks the oldest agent by creation time, the id breaking a tie, whatever the load order', () => {
    const agents = [
      { id: 'va-b', tenantId: 't1', name: 'B', createdAt: '2025-01-01T00:00:00Z', enabled: true },
      { id: 'va-a', tenantId: 't1', name: 'A', createdAt: '2025-01-01T00:00:00Z', enabled: true },
      { id: 'va1', tenantId: 't1', name: 'Later', createdAt: '2025-02-01T00:00:00Z', enabled: true },
    ];
    for (const order of [agents, [...agents].reverse()]) {
      const availability = NetworkSnapshot.build({ ...buildWorld(), voiceAgents: order }).continuityVoiceAgent('t1');
      expect(availability).toMatchObject({ usable: true, agent: { id: 'va-a' } });
    }
  });
  it('C13 a patch that moves a number to another tenant (deleted and created again, a new id) leaves it under that tenant only', () => {
    const before = world();
    const moved = { ...before.trackingNumber(N.queueLine)!, id: 'tn-q-again', tenantId: 't2' };
    const after = before.patched({ version: before.version + 2, trackingNumbers: { upserted: [moved], removed: [] } });
    expect(after.trackingNumbersOf('t1').map((tn) => tn.id)).toEqual(['tn-emp', 'tn-va', 'tn-fwd', 'tn-exc']);
    expect(after.trackingNumbersOf('t2').map((tn) => tn.id)).toContain('tn-q-again');
    expect(after.trackingNumber(N.queueLine)?.tenantId).toBe('t2');
    expect(before.trackingNumbersOf('t1').map((tn) => tn.id)).toContain('tn-q');
  });
});
