import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { e, inbound, N, rulesOf, world } from '../../test/factories.js';
import type { CallEvent } from './call.js';
import { decideRecording, RecordingSession } from './decide-recording.js';
import { MAX_PAUSE_SECONDS } from './model.js';

/** The tenant's queue records by itself (automatic): a call linked to tenant t1 (R15 pauses it). */
const queueCall = (maxPauseSeconds?: number) => world({ tenant: maxPauseSeconds === undefined ? {} : { maxPauseSeconds } });
const paused = (at: number): CallEvent => ({ type: 'paused', at });
const resumed = (at: number): CallEvent => ({ type: 'resumed', at });

describe('B8 pause governance', () => {
  it('B8 a payment pause left open resumes by itself after the default maximum (10 minutes): the plan has the resumption, at its second', () => {
    const plan = decideRecording(queueCall(), inbound(N.queueLine), [
      e.connected(),
      e.answered(10, 'agent'),
      e.paymentOpened(30),
      e.hangup(30 + MAX_PAUSE_SECONDS.default + 90),
    ]);
    expect(plan.segments).toEqual([
      { start: 10, end: 30 },
      { start: 630, end: 720 },
    ]);
    const expired = plan.moments.find((m) => m.event === 'pause_expired');
    expect(expired).toMatchObject({ at: 630, recording: 'on' });
    expect(expired!.reasons.map((r) => r.text)).toEqual(['The recording was paused for the maximum of 10 minutes: it resumes by itself.']);
    expect(rulesOf(plan.reasons)).toContain('B8');
  });

  it("B8 the tenant's own maximum applies; the payment screen closed after the resumption changes nothing; a new pause counts afresh", () => {
    const session = new RecordingSession(queueCall(90), inbound(N.queueLine));
    session.apply(e.connected());
    session.apply(e.answered(10, 'agent'));
    const pausing = session.apply(e.paymentOpened(20));
    expect(pausing.pauseEndsAt).toBe(110);
    const closedLate = session.apply(e.paymentClosed(200));
    expect(closedLate.pauseEndsAt).toBeNull();
    expect(closedLate.segments).toEqual([
      { start: 10, end: 20 },
      { start: 110, end: null },
    ]);
    expect(session.apply(e.paymentOpened(250)).pauseEndsAt).toBe(340);
    expect(session.apply(e.paymentClosed(260)).segments.at(-1)).toEqual({ start: 260, end: null });
  });

  it('B8 the edge timer says the pause expired at its second; earlier, it cannot', () => {
    const session = new RecordingSession(queueCall(60), inbound(N.queueLine));
    session.apply(e.connected());
    session.apply(e.answered(5, 'agent'));
    session.apply(e.paymentOpened(10));
    expect(() => session.apply({ type: 'pause_expired', at: 50 })).toThrow(/no pause has reached its maximum/);
    expect(session.apply({ type: 'pause_expired', at: 70 }).moments.at(-1)).toMatchObject({ event: 'pause_expired', recording: 'on' });
  });

  it("B8 R15's gap: a call without a tenant is paused and resumed through the API (the payment screen cannot pause it), and resumes by itself at the default maximum", () => {
    const snapshot = queueCall();
    const direct = decideRecording(snapshot, inbound(N.agentDirect), [e.connected(), e.answered(5), e.paymentOpened(10), e.hangup(20)]);
    expect(direct.linkedTenantId).toBeNull();
    expect(direct.segments).toEqual([{ start: 5, end: 20 }]); // R15: the screen alone does not pause it
    const viaApi = decideRecording(snapshot, inbound(N.agentDirect), [e.connected(), e.answered(5), paused(10), resumed(40), e.hangup(60)]);
    expect(viaApi.segments).toEqual([
      { start: 5, end: 10 },
      { start: 40, end: 60 },
    ]);
    expect(viaApi.moments.find((m) => m.event === 'paused')).toMatchObject({ recording: 'paused' });
    const forgotten = decideRecording(snapshot, inbound(N.agentDirect), [e.connected(), e.answered(5), paused(10), e.hangup(1000)]);
    expect(forgotten.segments).toEqual([
      { start: 5, end: 10 },
      { start: 610, end: 1000 },
    ]);
  });

  it('B8 a recording that is not on cannot be paused; one not paused through the API cannot be resumed through it', () => {
    const snapshot = queueCall();
    expect(() => decideRecording(snapshot, inbound(N.queueLine), [e.connected(), paused(1)])).toThrow(/the recording is not on/);
    expect(() => decideRecording(snapshot, inbound(N.queueLine), [e.connected(), e.answered(2, 'agent'), resumed(3)])).toThrow(
      /not paused through the API/,
    );
  });

  it('B8 no plan has a pause longer than the maximum, and every pause that reached it resumes in the plan at that second (property)', () => {
    const step = fc.constantFrom<CallEvent['type']>('payment_opened', 'payment_closed', 'paused', 'resumed', 'agent_start', 'agent_stop');
    fc.assert(
      fc.property(
        fc.constantFrom(undefined, 5, 60, 600),
        fc.boolean(),
        fc.array(fc.tuple(step, fc.integer({ min: 0, max: 700 })), { maxLength: 10 }),
        fc.integer({ min: 0, max: 2000 }),
        (maxPause, linked, steps, tail) => {
          // A call without a tenant has the default maximum; a linked call its tenant's.
          const max = linked ? (maxPause ?? MAX_PAUSE_SECONDS.default) : MAX_PAUSE_SECONDS.default;
          const session = new RecordingSession(queueCall(maxPause), inbound(linked ? N.queueLine : N.agentDirect));
          session.apply(e.connected());
          session.apply(e.answered(1, linked ? 'agent' : undefined));
          let at = 1;
          for (const [type, gap] of steps) {
            at += gap;
            try {
              session.apply({ type, at } as CallEvent);
            } catch {
              // Not possible now (nothing to pause, nothing paused): changes nothing.
            }
          }
          const plan = session.apply(e.hangup(at + tail));
          let since: number | null = null;
          for (const moment of plan.moments) {
            if (moment.recording === 'paused') since ??= moment.at;
            else if (since !== null) {
              expect(moment.at - since).toBeLessThanOrEqual(max);
              if (moment.event === 'pause_expired') expect(moment.at).toBe(since + max);
              since = null;
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
