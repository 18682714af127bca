/** A large network for the storage benchmarks: N tenants with external continuity defaults, M numbers. */
import { DEFAULT_RECORDING_DEFAULTS, type NetworkData } from '../src/domain/model.js';
import type { E164 } from '../src/domain/phone-number.js';

/** A distinct, well-formed NANP number for each index of a series. */
export function nanp(series: number, i: number): E164 {
  const npa = 201 + (i % 700);
  const rest = Math.floor(i / 700);
  const line = series * 1000 + Math.floor(rest / 700);
  return `+1${npa}${200 + (rest % 700)}${String(line).padStart(4, '0')}` as E164;
}

export function largeNetwork(tenants: number, numbers: number): NetworkData {
  return {
    network: { id: 'large', name: 'Large network', version: 1 },
    recordingDefaults: DEFAULT_RECORDING_DEFAULTS,
    tenants: Array.from({ length: tenants }, (_, i) => ({
      id: `t${i}`,
      name: `Tenant ${String(i).padStart(5, '0')}`,
      contactCenterActive: true,
      voiceAgentsEnabled: { contactCenter: true, core: true },
      coreRecording: { inbound: 'automatic', outbound: 'automatic' },
      continuity: { enabled: false, defaultDestination: { kind: 'external_number', number: nanp(9, i) } },
    })),
    queues: [{ id: 'q0', name: 'Queue', customRecording: null }],
    employees: [],
    voiceAgents: [],
    trackingNumbers: Array.from({ length: numbers }, (_, i) => ({
      id: `tn${i}`,
      tenantId: `t${i % tenants}`,
      number: nanp(1, i),
      workflow: { kind: 'queue', queueId: 'q0' },
      continuityNumber: null,
    })),
    exclusions: { numbers: [], areaCodes: [] },
  };
}
