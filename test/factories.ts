/**
 * Factories for the decision core's tests: a small, complete world that each test changes only
 * where its rule needs it. Every call builds fresh objects; nothing is shared between tests.
 */
import type { Call, CallEvent } from '../src/domain/call.js';
import {
  DEFAULT_RECORDING_DEFAULTS,
  type Employee,
  type NetworkData,
  type Queue,
  type RecordingDefaults,
  type Tenant,
  type TrackingNumber,
  type VoiceAgent,
} from '../src/domain/model.js';
import { parsePhoneNumber, type AreaCode, type E164 } from '../src/domain/phone-number.js';
import { NetworkSnapshot } from '../src/domain/snapshot.js';

export const num = (text: string): E164 => parsePhoneNumber(text, 'test');

/** Numbers of the standard world. */
export const N = {
  caller: num('+16198675309'),
  excludedCaller: num('+14158675309'),
  areaExcludedCaller: num('+12128674000'),
  queueLine: num('+16198675301'),
  employeeLine: num('+16198675302'),
  voiceAgentLine: num('+16198675303'),
  forwardLine: num('+16198675304'),
  exceptionLine: num('+16198675305'),
  agentDirect: num('+16198675701'),
  agent2Direct: num('+16198675702'),
  excludedDirect: num('+16198675703'),
  coreUserDirect: num('+16198675705'),
  continuityDefault: num('+18582041100'),
  continuityException: num('+18582041199'),
  forwardTarget: num('+17603014000'),
  otherTenantLine: num('+17608675501'),
} as const;

export function buildTenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: 't1',
    name: 'Tenant One',
    contactCenterActive: true,
    voiceAgentsEnabled: { contactCenter: true, core: true },
    coreRecording: { inbound: 'automatic', outbound: 'automatic' },
    continuity: { enabled: false, defaultDestination: { kind: 'external_number', number: N.continuityDefault } },
    ...overrides,
  };
}

export function buildQueue(overrides: Partial<Queue> = {}): Queue {
  return { id: 'q1', name: 'Service', customRecording: null, ...overrides };
}

export function buildEmployee(overrides: Partial<Employee> = {}): Employee {
  return { id: 'agent', name: 'Ana', contactCenterUser: true, directLine: null, homeTenantId: 't1', customRecording: null, ...overrides };
}

export function buildVoiceAgent(overrides: Partial<VoiceAgent> = {}): VoiceAgent {
  return { id: 'va1', tenantId: 't1', name: 'Ava', createdAt: '2025-01-01T00:00:00Z', enabled: true, ...overrides };
}

export function buildTrackingNumber(overrides: Partial<TrackingNumber> = {}): TrackingNumber {
  return {
    id: 'tn-q',
    tenantId: 't1',
    number: N.queueLine,
    workflow: { kind: 'queue', queueId: 'q1' },
    continuityNumber: null,
    ...overrides,
  };
}

export interface WorldChanges {
  defaults?: Partial<RecordingDefaults>;
  tenant?: Partial<Tenant>;
  queues?: Record<string, Partial<Queue>>;
  employees?: Record<string, Partial<Employee>>;
  voiceAgents?: VoiceAgent[];
  trackingNumbers?: Record<string, Partial<TrackingNumber>>;
  exclusions?: { numbers?: E164[]; areaCodes?: string[] };
}

/**
 * The standard world: tenant t1 (live on the contact center, voice agents on both sides, core
 * automatic, continuity off with an external default), queues q1 (defaults) and q2, a voice agent,
 * agents with direct lines (one excluded), a core-only user, tracking numbers to each kind of
 * workflow, and an exclusion list with one caller and area code 212.
 */
export function buildWorld(changes: WorldChanges = {}): NetworkData {
  const patch = <T extends { id: string }>(items: T[], by: Record<string, Partial<T>> = {}) =>
    items.map((item) => ({ ...item, ...by[item.id] }));
  return {
    network: { id: 'net1', name: 'Network One', version: 1 },
    recordingDefaults: { ...DEFAULT_RECORDING_DEFAULTS, ...changes.defaults },
    tenants: [buildTenant(changes.tenant), buildTenant({ id: 't2', name: 'Tenant Two' })],
    queues: patch(
      [
        buildQueue(),
        buildQueue({ id: 'q2', name: 'Billing' }),
        buildQueue({ id: 'q-never', name: 'Never', customRecording: { mode: 'never', announcement: 'none' } }),
        buildQueue({ id: 'q-always', name: 'Always', customRecording: { mode: 'always', announcement: 'prompt_agent' } }),
      ],
      changes.queues,
    ),
    employees: patch(
      [
        buildEmployee({ directLine: N.agentDirect }),
        buildEmployee({ id: 'agent2', name: 'Ben', directLine: N.agent2Direct }),
        buildEmployee({ id: 'excluded-agent', name: 'Carla', directLine: N.excludedDirect }),
        buildEmployee({ id: 'core-user', name: 'Eli', contactCenterUser: false, directLine: N.coreUserDirect }),
      ],
      changes.employees,
    ),
    voiceAgents: changes.voiceAgents ?? [buildVoiceAgent()],
    trackingNumbers: patch(
      [
        buildTrackingNumber(),
        buildTrackingNumber({ id: 'tn-emp', number: N.employeeLine, workflow: { kind: 'employee', employeeId: 'agent' } }),
        buildTrackingNumber({ id: 'tn-va', number: N.voiceAgentLine, workflow: { kind: 'voice_agent', voiceAgentId: 'va1' } }),
        buildTrackingNumber({ id: 'tn-fwd', number: N.forwardLine, workflow: { kind: 'external_number', number: N.forwardTarget } }),
        buildTrackingNumber({ id: 'tn-exc', number: N.exceptionLine, continuityNumber: N.continuityException }),
        buildTrackingNumber({ id: 'tn-t2', tenantId: 't2', number: N.otherTenantLine }),
      ],
      changes.trackingNumbers,
    ),
    exclusions: {
      numbers: changes.exclusions?.numbers ?? [N.excludedCaller, N.excludedDirect],
      areaCodes: (changes.exclusions?.areaCodes ?? ['212']) as AreaCode[],
    },
  };
}

export const world = (changes: WorldChanges = {}) => NetworkSnapshot.build(buildWorld(changes));

export const inbound = (to: E164, from: E164 = N.caller): Call => ({ direction: 'inbound', from, to });
export const outbound = (
  employeeId: string,
  to: E164 = N.caller,
  via: 'contact_center' | 'click_to_call' = 'contact_center',
  tenantId?: string,
): Call => ({ direction: 'outbound', employeeId, to, via, ...(tenantId === undefined ? {} : { tenantId }) });
export const internal = (fromEmployeeId = 'agent', toEmployeeId = 'agent2'): Call => ({
  direction: 'internal',
  fromEmployeeId,
  toEmployeeId,
});

/** Events, terse: `answered(5, 'agent')`. */
export const e = {
  connected: (): CallEvent => ({ type: 'connected', at: 0 }),
  answered: (at: number, employeeId?: string, queueId?: string): CallEvent => ({
    type: 'answered',
    at,
    ...(employeeId === undefined ? {} : { employeeId }),
    ...(queueId === undefined ? {} : { queueId }),
  }),
  answeredByVoiceAgent: (at: number, voiceAgentId = 'va1'): CallEvent => ({ type: 'answered', at, voiceAgentId }),
  redirected: (at: number, queueId: string): CallEvent => ({ type: 'redirected', at, queueId }),
  toQueue: (at: number, queueId: string): CallEvent => ({ type: 'transferred_to_queue', at, queueId }),
  toEmployee: (at: number, employeeId: string): CallEvent => ({ type: 'transferred_to_employee', at, employeeId }),
  forwarded: (at: number, number: E164 = N.forwardTarget): CallEvent => ({ type: 'forwarded', at, number }),
  paymentOpened: (at: number): CallEvent => ({ type: 'payment_opened', at }),
  paymentClosed: (at: number): CallEvent => ({ type: 'payment_closed', at }),
  start: (at: number): CallEvent => ({ type: 'agent_start', at }),
  stop: (at: number): CallEvent => ({ type: 'agent_stop', at }),
  hangup: (at: number): CallEvent => ({ type: 'hangup', at }),
};

export const rulesOf = (reasons: readonly { rule: string }[]) => reasons.map((r) => r.rule);
