/**
 * Issue 14, B9 for a Twilio-compatible provider: `switchboard twilio fallback-twiml` writes each
 * tracking number's fallback TwiML, the route Switchboard gives it now (as the SIP edge's
 * failsafe table holds it), built by the official library. A real process on a real SQLite file.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { runSwitchboard } from './run.js';

const TARGETS = JSON.stringify({ queue: 'queue:{id}', employee: 'client:{id}', voiceAgent: 'sip:{id}@va.example', number: '{number}' });
const run = runSwitchboard;

describe('switchboard twilio fallback-twiml', () => {
  it("B9 writes every tracking number's route as TwiML: a healthy tenant's workflow target, a tenant in continuity its backup; --out writes a file a number", () => {
    const env = {
      SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-cli-twilio-')),
      DATABASE_URL: '',
      SWITCHBOARD_TWILIO_TARGETS: TARGETS,
    };
    expect(run(['demo'], env).code).toBe(0);
    const printed = run(['twilio', 'fallback-twiml', '--network', 'summit'], env);
    expect(printed.code, printed.stderr).toBe(0);
    const documents = JSON.parse(printed.stdout) as Record<string, string>;
    // Sunrise Plumbing is not in continuity: its main number's queue (the provider's queue of that name).
    const queue = new twilio.twiml.VoiceResponse();
    queue.enqueue({}, 'q-service');
    expect(documents['+16198675301']).toBe(queue.toString());
    // Coastal HVAC is: its numbers go to its continuity destination, an external number.
    const backup = new twilio.twiml.VoiceResponse();
    backup.dial({ answerOnBridge: true }).number({}, '+18582041100');
    expect(documents['+18588675401']).toBe(backup.toString());
    // No callbacks: Switchboard is what is down when these are served.
    for (const twiml of Object.values(documents)) expect(twiml).not.toContain('statusCallback');
    const out = mkdtempSync(join(tmpdir(), 'sb-fallback-'));
    const written = run(['twilio', 'fallback-twiml', '--network', 'summit', '--out', out], env);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain(`Wrote ${Object.keys(documents).length} fallback TwiML documents`);
    expect(readdirSync(out).sort()).toEqual(
      Object.keys(documents)
        .map((number) => `${number}.xml`)
        .sort(),
    );
    expect(readFileSync(join(out, '+16198675301.xml'), 'utf8').trim()).toBe(queue.toString());
  });

  it('says what is missing: the targets, the network', () => {
    const env = { SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-cli-twilio-')), DATABASE_URL: '' };
    const untargeted = run(['twilio', 'fallback-twiml', '--network', 'summit'], env);
    expect(untargeted.code).toBe(2);
    expect(untargeted.stderr).toContain('SWITCHBOARD_TWILIO_TARGETS');
    expect(run(['demo'], env).code).toBe(0);
    const unknown = run(['twilio', 'fallback-twiml', '--network', 'nowhere'], { ...env, SWITCHBOARD_TWILIO_TARGETS: TARGETS });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('nowhere');
    expect(unknown.stderr).not.toContain('    at ');
  });
});
