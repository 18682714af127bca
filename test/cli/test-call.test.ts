/** The `switchboard test-call` command, run as a user runs it: a real process, real files, real stdin. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'switchboard.js');
const fixture = join(root, 'test', 'fixtures', 'scenarios', '02-queue-call-payment-pause.json');

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('switchboard test-call', () => {
  it('C16 prints the decision as JSON for a scenario file on the demo network', () => {
    const { code, stdout, stderr } = run(['test-call', fixture]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.network).toEqual({ id: 'summit', name: 'Summit Home Services', version: 1 });
    expect(result.plan.segments).toEqual([
      { start: 8, end: 60 },
      { start: 95, end: 140 },
    ]);
    expect(result.plan.route).toMatchObject({ kind: 'workflow', target: { queueId: 'q-service' } });
  });

  it('C16 reads the scenario from standard input', () => {
    const scenario = {
      network: 'demo',
      call: { direction: 'inbound', from: '(619) 867-5309', to: '858.867.5401' },
      events: [
        { type: 'connected', at: 0 },
        { type: 'hangup', at: 30 },
      ],
    };
    const { code, stdout } = run(['test-call', '-'], JSON.stringify(scenario));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).plan.route).toMatchObject({ kind: 'continuity', destination: { number: '+18582041100' } });
  });

  it('C16 explains the decision as readable text with --explain', () => {
    const { code, stdout } = run(['test-call', fixture, '--explain']);
    expect(code).toBe(0);
    expect(stdout).toContain('Route: normal workflow -> queue q-service');
    expect(stdout).toContain('Recorded: 8s-60s, 95s-140s (97 s)');
    expect(stdout).toMatch(/R15\s+The payment screen is open/);
  });

  it('names the field and value of a bad scenario, exits 1, and prints no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ network: 'demo', call: { direction: 'inbound', from: 'not a number', to: '(619) 867-5301' }, events: [] }),
    );
    const { code, stdout, stderr } = run(['test-call', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'switchboard: call.from: "not a number" is not a valid phone number (expected e.g. (619) 867-5309 or +1 619 867 5309).\n',
    );
  });

  it.each([
    [['test-call', '/nonexistent.json'], 'switchboard: test-call: cannot read /nonexistent.json: no such file\n'],
    [['test-call', '--verbose'], 'switchboard: test-call: unknown option --verbose\n'],
    [['frobnicate'], 'switchboard: unknown command "frobnicate"'],
  ])('a usage mistake %j exits 2 with one clear line', (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('says when standard input is not JSON', () => {
    const { code, stderr } = run(['test-call'], '{ nope');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^switchboard: test-call: standard input is not valid JSON/);
  });
});
