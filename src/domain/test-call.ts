/**
 * C16: a test call runs a scenario through the same decisions a real call takes, and reports
 * where it would go, whether it would be recorded, and why.
 */
import type { Call } from './call.js';
import { decideRecording, type RecordingPlan } from './decide-recording.js';
import type { Scenario } from './scenario.js';
import { NetworkSnapshot } from './snapshot.js';

export interface TestCallResult {
  readonly name: string | null;
  readonly network: { readonly id: string; readonly name: string; readonly version: number };
  readonly call: Call;
  readonly plan: RecordingPlan;
}

export function runTestCall(scenario: Scenario, snapshot = NetworkSnapshot.build(scenario.network)): TestCallResult {
  return {
    name: scenario.name ?? null,
    network: { id: snapshot.networkId, name: snapshot.networkName, version: snapshot.version },
    call: scenario.call,
    plan: decideRecording(snapshot, scenario.call, scenario.events),
  };
}
