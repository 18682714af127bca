/**
 * Real calls through Kamailio and Switchboard (sipp calling and answering): routing, continuity
 * switched through the API applying to the very next call, and the failsafe when Switchboard is
 * down or slow (B9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Answerer, call, PORTS, ROUTE_TIMEOUT_MS, Switchboard, Telephony } from './sip-harness.js';

describe('SIP edge: routing, continuity and failsafe with real calls', () => {
  const telephony = new Telephony();
  const switchboard = new Switchboard(telephony);
  let queue: Answerer;
  let voiceAgent: Answerer;
  let numbers: Answerer;

  beforeAll(async () => {
    telephony.up();
    queue = new Answerer(telephony.dir, PORTS.queue, 'emp-ana');
    voiceAgent = new Answerer(telephony.dir, PORTS.voiceAgent);
    numbers = new Answerer(telephony.dir, PORTS.number);
    await switchboard.start();
  }, 180_000);

  afterAll(async () => {
    await switchboard.stop();
    for (const answerer of [queue, voiceAgent, numbers]) answerer?.stop();
    telephony.down();
  });

  const lastInvite = (answerer: Answerer) => answerer.invites().at(-1);

  it('C1 L5 a call to a tracking number reaches its workflow target and is logged with its reasons', async () => {
    const before = queue.invites().length;
    expect(call('+16198675301').code).toBe(0);
    expect(queue.invites()).toHaveLength(before + 1);
    expect(lastInvite(queue)).toMatchObject({ uri: `sip:queue-q-service@127.0.0.1:${PORTS.queue}`, headers: { 'x-switchboard-route': 'workflow' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const calls = (await switchboard.api<{ calls: { to: string; source: string; route: { kind: string }; segments: unknown[]; reasons: { rule: string }[] }[] }>('GET', '/api/networks/summit/calls')).body.calls;
    expect(calls[0]).toMatchObject({ to: '+16198675301', source: 'sip', route: { kind: 'workflow' } });
    expect(calls[0]!.segments).toHaveLength(1); // answered by emp-ana on the Service queue: recorded automatically (R4)
    expect(calls[0]!.reasons.map((r) => r.rule)).toContain('R4');
  }, 30_000);

  it('C2 C3 C13 C14 switched on through the API, the very next call goes to the continuity destination; an exception to its own; switched off, back to the workflow', async () => {
    const on = await switchboard.api('POST', '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch', { enabled: true });
    expect(on.status).toBe(200);
    expect(call('+16198675301').code).toBe(0);
    expect(lastInvite(voiceAgent)).toMatchObject({ uri: `sip:va-sunrise-ava@127.0.0.1:${PORTS.voiceAgent}`, headers: { 'x-switchboard-route': 'continuity' } });
    expect(call('+16198675303').code).toBe(0);
    expect(lastInvite(numbers)?.uri).toBe(`sip:+16199402200@127.0.0.1:${PORTS.number}`);

    const off = await switchboard.api('POST', '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch', { enabled: false });
    expect(off.status).toBe(200);
    const before = queue.invites().length;
    expect(call('+16198675301').code).toBe(0);
    expect(queue.invites()).toHaveLength(before + 1);
    expect(lastInvite(queue)?.uri).toBe(`sip:queue-q-service@127.0.0.1:${PORTS.queue}`);
  }, 60_000);

  it('B9 Switchboard slowed past the timeout: the call reaches the continuity destination at the timeout; recovered, normal routing resumes', async () => {
    switchboard.pause();
    try {
      const started = Date.now();
      expect(call('+18588675401').code).toBe(0);
      const elapsed = Date.now() - started;
      expect(lastInvite(numbers)).toMatchObject({ uri: `sip:+18582041100@127.0.0.1:${PORTS.number}`, headers: { 'x-switchboard-failsafe': 'switchboard_timeout' } });
      // Ringing, answer and a 1 s call on top of the timeout.
      expect(elapsed).toBeGreaterThanOrEqual(ROUTE_TIMEOUT_MS + 1000);
      expect(elapsed).toBeLessThan(ROUTE_TIMEOUT_MS + 1000 + 2000);
    } finally {
      switchboard.resume();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = queue.invites().length;
    expect(call('+16198675302').code).toBe(0);
    expect(queue.invites()).toHaveLength(before + 1);
    expect(lastInvite(queue)).toMatchObject({ uri: `sip:queue-q-billing@127.0.0.1:${PORTS.queue}`, headers: { 'x-switchboard-route': 'workflow' } });
    expect(telephony.kamailioLog()).toContain('routed to sip:+18582041100@127.0.0.1:15072 because switchboard_timeout');
  }, 60_000);

  it('B9 Switchboard killed mid-traffic: calls keep reaching each number\'s continuity destination through the failsafe', async () => {
    await switchboard.kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(call('+16198675303').code).toBe(0);
    expect(lastInvite(numbers)).toMatchObject({ uri: `sip:+16199402200@127.0.0.1:${PORTS.number}`, headers: { 'x-switchboard-failsafe': 'switchboard_not_connected' } });
    expect(call('+16198675301').code).toBe(0);
    expect(lastInvite(voiceAgent)).toMatchObject({ uri: `sip:va-sunrise-ava@127.0.0.1:${PORTS.voiceAgent}`, headers: { 'x-switchboard-failsafe': 'switchboard_not_connected' } });
    // Back: normal routing resumes.
    await switchboard.start();
    expect(call('+16198675301').code).toBe(0);
    expect(lastInvite(queue)?.headers['x-switchboard-route']).toBe('workflow');
  }, 90_000);
});
