/** `switchboard demo`: explains a few test calls on the built-in demo network. */
import { DEMO_SCENARIOS } from '../demo/demo-scenarios.js';
import { explainTestCall } from '../domain/explain.js';
import { readScenario } from '../domain/scenario.js';
import { runTestCall } from '../domain/test-call.js';
import { builtInNetwork } from './test-call.command.js';

export function demoCommand(): string {
  return DEMO_SCENARIOS.map((scenario) => explainTestCall(runTestCall(readScenario(scenario, builtInNetwork)))).join('\n\n');
}
