import { describe, expect, it } from 'vitest';
import { e, inbound, N, outbound, world } from '../../test/factories.js';
import { decideRecording } from './decide-recording.js';
import { expiresAt, isHeld, keptSince, KEEP_FOREVER, recordingKindOf } from './retention.js';

describe('B10 the kind of a recording (what its retention goes by)', () => {
  const kindOf = (to = N.queueLine, snapshot = world(), answered = true) =>
    recordingKindOf(
      decideRecording(
        snapshot,
        inbound(to),
        answered ? [e.connected(), e.answered(5, 'agent'), e.hangup(60)] : [e.connected(), e.hangup(60)],
      ),
    );

  it('B10 a queue call is a queue recording; a direct line, a workflow to an employee and a call an employee places are individual', () => {
    expect(kindOf(N.queueLine)).toBe('queue');
    expect(kindOf(N.agentDirect)).toBe('individual');
    expect(kindOf(N.employeeLine)).toBe('individual');
    expect(recordingKindOf(decideRecording(world(), outbound('agent'), [e.connected(), e.answered(5), e.hangup(60)]))).toBe('individual');
  });

  it("B10 a voice agent's call (R13) is a voice agent recording; a call in continuity is a continuity recording", () => {
    expect(kindOf(N.voiceAgentLine, world(), false)).toBe('voice_agent');
    const outage = world({
      tenant: { continuity: { enabled: true, defaultDestination: { kind: 'external_number', number: N.continuityDefault } } },
    });
    expect(kindOf(N.queueLine, outage, false)).toBe('continuity');
  });

  it("B10 a recording expires its kind's number of days after it was made; null keeps it for ever", () => {
    const made = 1_767_225_600_000; // 2026-01-01, UTC
    expect(expiresAt(made, 'queue', { ...KEEP_FOREVER, queue: 30 })).toBe(made + 30 * 86_400_000);
    expect(expiresAt(made, 'individual', { ...KEEP_FOREVER, queue: 30 })).toBeNull();
    expect(expiresAt(made, null, { ...KEEP_FOREVER, queue: 30 })).toBeNull();
    // The job's cut-off agrees: a recording made at `made` is past 30 days exactly when it expires.
    expect(keptSince(made + 30 * 86_400_000, 30)).toBe(made);
  });

  it('B10 a hold in force on the call, the caller or the tenant keeps a recording; a hold on something else does not', () => {
    const recording = { tenantId: 'sunrise-plumbing', callLogId: 'call-1', caller: '+14155550188' };
    expect(isHeld([], recording)).toBe(false);
    expect(isHeld([{ kind: 'call', value: 'call-1' }], recording)).toBe(true);
    expect(isHeld([{ kind: 'caller', value: '+14155550188' }], recording)).toBe(true);
    expect(isHeld([{ kind: 'tenant', value: 'sunrise-plumbing' }], recording)).toBe(true);
    expect(
      isHeld(
        [
          { kind: 'call', value: 'call-2' },
          { kind: 'caller', value: 'sunrise-plumbing' },
          { kind: 'tenant', value: '+14155550188' },
        ],
        recording,
      ),
    ).toBe(false);
    expect(isHeld([{ kind: 'caller', value: '+14155550188' }], { ...recording, caller: null })).toBe(false);
  });
});
