import { describe, expect, it } from 'vitest';
import { buildWorld, N, num, world } from '../../test/factories.js';
import { assessSwitchOn, checkContinuityNumber, continuityBadge, numbersWithoutDestination } from './continuity.js';
import { deploymentDirectory, NetworkSnapshot } from './snapshot.js';

describe('C6 a continuity number must be external', () => {
  const snapshot = world();

  it('C6 accepts an external number', () => {
    expect(checkContinuityNumber(snapshot, N.continuityDefault)).toBeNull();
  });

  it('C6 rejects a tracking number and names the tenant it belongs to', () => {
    const problem = checkContinuityNumber(snapshot, N.otherTenantLine);
    expect(problem).toMatchObject({
      code: 'continuity_destination_not_external',
      number: N.otherTenantLine,
      collidesWith: { kind: 'tracking_number', tenantId: 't2', tenantName: 'Tenant Two' },
    });
    expect(problem?.message).toContain('a tracking number of tenant "Tenant Two"');
  });

  it("C6 rejects an employee's direct line and names the employee", () => {
    const problem = checkContinuityNumber(snapshot, N.agent2Direct);
    expect(problem).toMatchObject({ collidesWith: { kind: 'direct_line', employeeId: 'agent2' } });
    expect(problem?.message).toContain('the direct line of employee "Ben"');
  });

  it('C6 rejects the tracking number itself as its own exception', () => {
    const problem = checkContinuityNumber(snapshot, N.queueLine, N.queueLine);
    expect(problem).toMatchObject({ collidesWith: { kind: 'self' } });
    expect(problem?.message).toContain('the tracking number itself');
  });

  it('C6 looks across the whole deployment, not only the same network', () => {
    const other = NetworkSnapshot.build({
      ...buildWorld(),
      network: { id: 'net2', name: 'Network Two', version: 1 },
      tenants: [{ ...buildWorld().tenants[0]!, id: 'x1', name: 'Elsewhere' }],
      trackingNumbers: [
        { id: 'tn-x', tenantId: 'x1', number: num('+13128675309'), workflow: { kind: 'queue', queueId: 'q1' }, continuityNumber: null },
      ],
      employees: [],
      voiceAgents: [],
    });
    expect(checkContinuityNumber(snapshot, num('+13128675309'))).toBeNull();
    const problem = checkContinuityNumber(deploymentDirectory([snapshot, other]), num('+13128675309'));
    expect(problem).toMatchObject({ collidesWith: { kind: 'tracking_number', networkId: 'net2', tenantName: 'Elsewhere' } });
  });
});

describe('C9 every tracking number must resolve before a tenant can be switched on', () => {
  const voiceAgentDefault = { continuity: { enabled: false, defaultDestination: { kind: 'voice_agent' as const } } };

  it('C9 with a valid default every number resolves', () => {
    const snapshot = world();
    expect(numbersWithoutDestination(snapshot, snapshot.tenant('t1')!)).toEqual([]);
    expect(assessSwitchOn(snapshot, snapshot.tenant('t1')!)).toMatchObject({ canSwitchOn: true, safe: true, problems: [] });
  });

  it('C9 with no usable voice agent, the numbers without an exception are listed', () => {
    const snapshot = world({ tenant: { ...voiceAgentDefault, voiceAgentsEnabled: { contactCenter: true, core: false } } });
    const missing = numbersWithoutDestination(snapshot, snapshot.tenant('t1')!).map((tn) => tn.number);
    expect(missing).toEqual([N.queueLine, N.employeeLine, N.voiceAgentLine, N.forwardLine]);
    expect(missing).not.toContain(N.exceptionLine);
    expect(assessSwitchOn(snapshot, snapshot.tenant('t1')!)).toMatchObject({
      canSwitchOn: false,
      safe: false,
      problems: [{ kind: 'numbers_without_destination', numbers: missing }],
    });
  });

  it('C9 with no default destination at all, only numbers with an exception resolve', () => {
    const snapshot = world({ tenant: { continuity: { enabled: false, defaultDestination: null } } });
    expect(numbersWithoutDestination(snapshot, snapshot.tenant('t1')!)).toHaveLength(4);
  });
});

describe('C10 and C11', () => {
  it('C10 a tenant not live on the contact center is unsafe for Turn On For All but can still be switched on', () => {
    const snapshot = world({ tenant: { contactCenterActive: false } });
    expect(assessSwitchOn(snapshot, snapshot.tenant('t1')!)).toMatchObject({
      canSwitchOn: true,
      safe: false,
      problems: [{ kind: 'not_contact_center_active' }],
    });
  });

  it.each([
    [[true, true, true], { status: 'active', on: 3, total: 3 }],
    [[false, false], { status: 'inactive', on: 0, total: 2 }],
    [[true, false, false], { status: 'partial', on: 1, total: 3 }],
    [[], { status: 'inactive', on: 0, total: 0 }],
  ])('C11 badge for %j is %j', (states, badge) => {
    expect(continuityBadge(states.map((enabled) => ({ continuity: { enabled, defaultDestination: null } })))).toEqual(badge);
  });
});
