/**
 * Golden scenarios: each file in test/fixtures/scenarios is a test call (docs/test-call.md) with
 * an `expected` block written from the rules, not captured from output. Only the fields an
 * expectation names are compared, so each file states exactly what it is about.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInNetwork } from '../src/edges/cli/test-call.command.js';
import { DomainError } from '../src/domain/errors.js';
import { readScenario } from '../src/domain/scenario.js';
import { runTestCall } from '../src/domain/test-call.js';

const folder = join(import.meta.dirname, 'fixtures', 'scenarios');
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort();

const EXACT = [
  'ruleSet',
  'linkedTenantId',
  'coreTenantId',
  'exclusion',
  'segments',
  'loggedIn',
  'syncsToCore',
  'agentMay',
  'announcement',
  'ended',
] as const;

describe('golden scenarios', () => {
  it('there are at least 40 of them', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s', (file) => {
    const json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    const expected = json.expected as Record<string, unknown>;
    expect(Object.keys(expected).length, 'an expectation must name something').toBeGreaterThan(0);

    if (expected.error !== undefined) {
      let caught: unknown;
      try {
        runTestCall(readScenario(json, builtInNetwork));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect(caught).toMatchObject(expected.error as object);
      expect((caught as DomainError).message).toContain((expected.error as { field: string }).field);
      return;
    }

    const { plan } = runTestCall(readScenario(json, builtInNetwork));
    if (expected.route === null) expect(plan.route).toBeNull();
    else if (expected.route !== undefined) expect(plan.route).toMatchObject(expected.route as object);
    if (expected.routeRules !== undefined) expect(plan.route?.reasons.map((r) => r.rule)).toEqual(expected.routeRules);
    for (const key of EXACT) if (key in expected) expect(plan[key], key).toEqual(expected[key]);
    if (expected.reasonRules !== undefined)
      expect(
        plan.reasons.map((r) => r.rule),
        'reasons',
      ).toEqual(expected.reasonRules);
    if (expected.warnings !== undefined)
      expect(
        plan.warnings.map((w) => w.rule),
        'warnings',
      ).toEqual(expected.warnings);
    if (expected.rejected !== undefined)
      expect(
        plan.rejected.map(({ at, action, rule }) => ({ at, action, rule })),
        'rejected',
      ).toEqual(expected.rejected);
    if (expected.moments !== undefined) {
      expect(
        plan.moments.map((m) => ({ at: m.at, recording: m.recording, agentMay: m.agentMay, rule: m.why.rule })),
        'moments',
      ).toEqual(expected.moments);
    }
  });
});
