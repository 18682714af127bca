/**
 * One call in progress, whatever edge carries it (SIP today, a Twilio-compatible CPaaS next): its
 * route, its recording plan fed event by event (the decision core's RecordingSession), who
 * answered it, and how its events are placed in time. Edges speak to it in typed events (numbers
 * already parsed, once, at the edge); it holds no protocol.
 */
import { RecordingSession, type RecordingPlan } from '../../domain/decide-recording.js';
import type { RouteDecision } from '../../domain/decide-route.js';
import type { AttemptOutcome, ContinuityAttempt, ContinuityStep } from '../../domain/continuity.js';
import { inboundConsent, type Call, type CallEvent } from '../../domain/call.js';
import type { E164 } from '../../domain/phone-number.js';
import type { NetworkSnapshot } from '../../domain/snapshot.js';

/** Where a transfer or a redirect went, as the edge read it back from its own addressing. */
export type TransferTarget =
  { readonly kind: 'queue' | 'employee' | 'voiceAgent'; readonly id: string } | { readonly kind: 'number'; readonly number: E164 };

/** What is done to a live call's recording from outside the edge: the agent's buttons (R4 R15), an integration's pause and resume (B8). */
export type AgentAction = 'payment_opened' | 'payment_closed' | 'agent_start' | 'agent_stop' | 'paused' | 'resumed';

/** A live call as the agent console and the API see it. */
export interface LiveCallView {
  readonly callId: string;
  readonly networkId: string;
  readonly tenantId: string | null;
  readonly direction: Call['direction'];
  /** The caller's number; for a call an employee placed, their employee id. */
  readonly from: string;
  /** The number called; for an internal call, the called employee's id. */
  readonly to: string;
  readonly startedAt: string;
  /** The employee who answered: the agent whose call it is (null: not answered by an employee). */
  readonly answeredBy: string | null;
  readonly plan: RecordingPlan;
}

/**
 * What rebuilds a call on another node (issue 13: a call whose node died is adopted): its numbers,
 * route and times, and the events of its plan so far. Plain JSON.
 */
export interface CallState {
  readonly callId: string;
  readonly networkId: string;
  /** Who called whom (absent in a row written before outbound calls: an inbound call from `from` to `to`). */
  readonly call?: Call;
  readonly from?: E164;
  readonly to?: E164;
  readonly route: RouteDecision | null;
  readonly startedAt: number;
  readonly decided: boolean;
  readonly source: string;
  /** The plan's events after `connected`, in seconds from the start. */
  readonly events: readonly CallEvent[];
  readonly mediaUp: boolean;
  readonly answeredBy: string | null;
  /** B6: the continuity destinations tried and left (absent: none). */
  readonly attempts?: readonly ContinuityAttempt[];
  /** B7: the edge plays the consent announcement and recording waits for it (absent: it does not). */
  readonly announces?: boolean;
}

export class CallSession {
  /** Built at the call's first event after `connected`, or when anything reads the plan (see `recording`). */
  private built: RecordingSession | null = null;
  /** What the plan is decided on (the network as it was when the call connected), until it is built. */
  private snapshot: NetworkSnapshot | null;
  /** Media flows (the call was answered): the edge can record it. */
  mediaUp = false;
  /** The employee who answered (named by the route or by the answering side), or null. */
  answeredBy: string | null = null;
  ended = false;
  /** B6: the continuity destinations this call tried and left, in order. */
  attempts: ContinuityAttempt[] = [];

  constructor(
    readonly callId: string,
    snapshot: NetworkSnapshot,
    /** Who called whom: a caller to a number (inbound), an employee to a number (outbound) or to another employee (internal). */
    readonly call: Call,
    /** Where an inbound call was sent (null: a call an employee placed). */
    readonly route: RouteDecision | null,
    /** When the call connected (epoch ms). */
    readonly startedAt: number,
    /** Whether the route is Switchboard's (false: the edge's failsafe routed it, B9). */
    private readonly decided: boolean,
    /** The edge that carries it, as the call log names it (`sip`). */
    readonly source: string,
    /** The plan keeps `route` rather than deciding it again on `snapshot` (a failsafe call; a call taken over from another node). */
    keepRoute = !decided,
    /** B7: the edge plays the consent announcement, so recording waits for it where the caller's law asks. */
    readonly announces = false,
  ) {
    this.networkId = snapshot.networkId;
    this.snapshot = snapshot;
    this.keepRoute = keepRoute;
    // A call an employee places is theirs from the start (R4: their buttons).
    if (call.direction !== 'inbound') this.answeredBy = call.direction === 'outbound' ? call.employeeId : call.fromEmployeeId;
  }

  readonly networkId: string;
  private readonly keepRoute: boolean;

  /**
   * The recording plan fed event by event, from `connected` on. A call waiting to be answered
   * holds only its numbers and route: its plan is built when first needed (P8: a queue full of
   * waiting calls costs little), on the snapshot of the moment it connected, so it is the plan
   * it would have been.
   */
  private get recording(): RecordingSession {
    if (this.built === null) {
      const recording = new RecordingSession(
        this.snapshot!,
        this.call,
        this.keepRoute && this.route !== null ? this.route : undefined,
        this.announces,
      );
      recording.apply({ type: 'connected', at: 0 });
      this.built = recording;
      this.snapshot = null;
    }
    return this.built;
  }

  /** The caller's number (null: an employee placed the call). */
  get from(): E164 | null {
    return this.call.direction === 'inbound' ? this.call.from : null;
  }

  /** The number called (null: an internal call). */
  get to(): E164 | null {
    return this.call.direction === 'internal' ? null : this.call.to;
  }

  /**
   * The call as another node left it (its state), on this node's snapshot of the network, with the
   * route it was given: the same events give the same plan (decision 0110).
   */
  static restore(state: CallState, snapshot: NetworkSnapshot): CallSession {
    // The call keeps the route it was given, whatever the snapshot here says now (a switch made
    // since applies to the next calls, not to this one's past events).
    const session = new CallSession(
      state.callId,
      snapshot,
      state.call ?? { direction: 'inbound', from: state.from!, to: state.to! },
      state.route,
      state.startedAt,
      state.decided,
      state.source,
      true,
      state.announces ?? false,
    );
    for (const event of state.events) session.recording.apply(event);
    session.mediaUp = state.mediaUp;
    session.answeredBy = state.answeredBy;
    session.attempts = [...(state.attempts ?? [])];
    return session;
  }

  state(): CallState {
    return {
      callId: this.callId,
      networkId: this.networkId,
      call: this.call,
      route: this.route,
      startedAt: this.startedAt,
      decided: this.decided,
      source: this.source,
      events: this.built === null ? [] : this.built.events.slice(1),
      mediaUp: this.mediaUp,
      answeredBy: this.answeredBy,
      ...(this.attempts.length === 0 ? {} : { attempts: this.attempts }),
      ...(this.announces ? { announces: true } : {}),
    };
  }

  /** B6: where a continuity call is being put through now (a destination, or the message), or null when it is no continuity call. */
  get continuityStep(): ContinuityStep | null {
    const route = this.route;
    if (route?.kind !== 'continuity') return null;
    return this.attempts.length === 0 ? route.destination : (route.next[this.attempts.length - 1] ?? null);
  }

  /**
   * B6: the destination the continuity call was put through to failed at `at` (epoch ms): busy,
   * no answer within its ring time, declined or unreachable. Kept as an attempt; returns the next
   * step of the chain (the last is the recorded message), or null when there is none to take (no
   * continuity call, already answered, or the message was the step).
   */
  destinationFailed(at: number, outcome: AttemptOutcome, status: number | null): ContinuityStep | null {
    const step = this.continuityStep;
    if (step === null || step.kind === 'message' || this.mediaUp || this.route?.kind !== 'continuity') return null;
    this.attempts.push({ destination: step, outcome, status, at: this.secondsAt(at) });
    return this.route.next[this.attempts.length - 1] ?? null;
  }

  /** Seconds into the call at epoch ms `at`, never before the call's last event. */
  secondsAt(at: number): number {
    return Math.max(this.built?.events.at(-1)?.at ?? 0, (at - this.startedAt) / 1000);
  }

  /**
   * The call was answered at `at` (epoch ms). A voice agent or an external number takes the call
   * by itself (the route says so); an employee answers their own calls; a queue's answering agent
   * names themself (`agent`, an employee id), else the call is not an employee's; a voice agent
   * that answers a queue's call (`voiceAgentId`) records it from then on (R13). After a transfer to
   * a queue (R9) the call is answered again, by that queue's agent. Whether the answer changed the
   * call (false: answered already, or by no one the plan can name).
   */
  answered(at: number, agent: string | null, voiceAgentId: string | null = null): boolean {
    if (this.mediaUp) return this.answeredInQueue(at, agent, voiceAgentId);
    const { route } = this;
    if (route === null) {
      // A call an employee placed: the callee answered.
      this.recording.apply({ type: 'answered', at: this.secondsAt(at) });
      this.mediaUp = true;
      return true;
    }
    this.mediaUp = true;
    const own = route.kind === 'direct_line' || (route.kind === 'workflow' && route.target.kind === 'employee');
    const employeeId =
      route.kind === 'direct_line'
        ? route.employeeId
        : route.kind === 'workflow' && route.target.kind === 'employee'
          ? route.target.employeeId
          : route.kind === 'workflow' && route.target.kind === 'queue'
            ? agent
            : null;
    const seconds = this.secondsAt(at);
    if (!own && employeeId === null) {
      if (voiceAgentId !== null && route.kind === 'workflow' && route.target.kind === 'queue')
        this.recording.apply({ type: 'answered', at: seconds, voiceAgentId });
      return true;
    }
    this.recording.apply(own ? { type: 'answered', at: seconds } : { type: 'answered', at: seconds, employeeId: employeeId! });
    this.answeredBy = employeeId;
    return true;
  }

  /** R9: a call transferred to a queue is answered there, by an agent or a voice agent that names itself. */
  private answeredInQueue(at: number, agent: string | null, voiceAgentId: string | null): boolean {
    const last = this.recording.events.findLast((event) => event.type === 'answered' || event.type === 'transferred_to_queue');
    if (last?.type !== 'transferred_to_queue' || (agent === null && voiceAgentId === null)) return false;
    const seconds = this.secondsAt(at);
    this.recording.apply(
      agent !== null
        ? { type: 'answered', at: seconds, employeeId: agent }
        : { type: 'answered', at: seconds, voiceAgentId: voiceAgentId! },
    );
    this.answeredBy = agent;
    return true;
  }

  /**
   * R9 R14: the call went elsewhere at `at`: the first reading of the target that the network
   * knows wins. A queue or an employee is a transfer (before the answer, a queue is a redirect,
   * R6), an external number a forward (R14). The call becomes the new employee's, or nobody's
   * until someone answers. Returns the event applied and its target, or the reasons none was.
   */
  transferred(
    at: number,
    targets: readonly TransferTarget[],
  ): { applied: CallEvent; target: TransferTarget; problems: string[] } | { applied: null; problems: string[] } {
    const seconds = this.secondsAt(at);
    const answered = this.recording.events.some((event) => event.type === 'answered');
    const problems: string[] = [];
    for (const target of targets) {
      const event: CallEvent | null =
        target.kind === 'queue'
          ? answered
            ? { type: 'transferred_to_queue', at: seconds, queueId: target.id }
            : { type: 'redirected', at: seconds, queueId: target.id }
          : target.kind === 'employee'
            ? { type: 'transferred_to_employee', at: seconds, employeeId: target.id }
            : target.kind === 'number'
              ? { type: 'forwarded', at: seconds, number: target.number }
              : null;
      if (event === null) continue;
      try {
        this.recording.apply(event);
      } catch (error) {
        problems.push((error as Error).message);
        continue;
      }
      this.answeredBy = target.kind === 'employee' ? target.id : null;
      return { applied: event, target, problems };
    }
    return { applied: null, problems };
  }

  /** B8: when the recording, paused now, resumes by itself (epoch ms), or null when it is not paused (or not built yet). */
  get pauseEndsAt(): number | null {
    const seconds = this.built?.pauseEndsAt ?? null;
    return seconds === null ? null : this.startedAt + seconds * 1000;
  }

  /** B8: the pause reached the tenant's maximum: the recording resumes at that very second. */
  pauseExpired(): void {
    const seconds = this.built?.pauseEndsAt ?? null;
    if (seconds !== null) this.recording.apply({ type: 'pause_expired', at: seconds });
  }

  /** R4 R15 B8: the agent pressed the record button, or opened or closed the payment screen; an integration paused or resumed the recording; at `at` (epoch ms). */
  agentAction(type: AgentAction, at: number): void {
    this.recording.apply({ type, at: this.secondsAt(at) });
  }

  /** The call ended at `at` (epoch ms): its final plan. */
  hungUp(at: number): RecordingPlan {
    this.ended = true;
    return this.recording.apply({ type: 'hangup', at: this.secondsAt(at) });
  }

  /** B7: the plan would record now but waits for the consent announcement: the edge plays it, then says `announcementPlayed`. */
  get announcementDue(): boolean {
    return this.mediaUp && !this.ended && this.recording.announcementDue;
  }

  /**
   * B7: the caller's law asks for the consent announcement (the edge plays it) and it has not
   * played yet, whether or not anything would be recorded now: an edge that announces before it
   * puts the call through (a provider's <Play>) asks this.
   */
  get announcementPending(): boolean {
    if (!this.announces) return false;
    if (this.built !== null || this.call.direction !== 'inbound' || this.route === null) return this.recording.announcementPending;
    // Not built yet (a call still being put through): its consent from the route alone (P8).
    return inboundConsent(this.snapshot!, this.call.from, this.route).announcementRequired;
  }

  /** B7: the consent announcement finished playing to the caller at `at` (epoch ms): held recording may start. */
  announcementPlayed(at: number): void {
    this.recording.apply({ type: 'announcement_played', at: this.secondsAt(at) });
  }

  /** Whether the plan records at this moment (what the edge's media must follow). */
  get recordingWanted(): boolean {
    return this.recording.plan().moments.at(-1)?.recording === 'on';
  }

  plan(): RecordingPlan {
    return this.recording.plan();
  }

  view(): LiveCallView {
    const plan = this.recording.plan();
    const { call } = this;
    return {
      callId: this.callId,
      networkId: this.networkId,
      tenantId: plan.linkedTenantId,
      direction: call.direction,
      from: call.direction === 'inbound' ? call.from : call.direction === 'outbound' ? call.employeeId : call.fromEmployeeId,
      to: call.direction === 'internal' ? call.toEmployeeId : call.to,
      startedAt: new Date(this.startedAt).toISOString(),
      answeredBy: this.answeredBy,
      plan,
    };
  }
}
