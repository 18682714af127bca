/**
 * A call's recording, moved forward one event at a time. `decideRecording` (a whole scenario)
 * and `RecordingSession` (a live call) both drive this one class, so a test call can never
 * disagree with a real one. Precedence (SPEC section 4): L4 internal, R13 voice agent, L1 core
 * settings, R14 forwarded, R10/R12 excluded, R2 connected trigger, R9 transfer, then queue
 * (R4-R6) or individual (R7-R8) settings; R15 pauses whatever is recording on a linked call.
 */
import { requireEmployee, type CallContext, type CallEvent } from './call.js';
import { DomainError, quote } from './errors.js';
import { MAX_PAUSE_SECONDS, type Announcement, type Employee, type Queue } from './model.js';
import {
  agentAbility,
  announcementOf,
  CONNECTED_CONTROL,
  EXCLUDED,
  FORWARDED,
  individualControl,
  NO_CONTROL,
  queueControl,
  startsByItself,
  VOICE_AGENT,
  WAITING,
  type Ability,
  type AgentMay,
  type Control,
  type ResolvedControl,
} from './recording-control.js';
import {
  agentActed,
  CORE_MODE,
  excludedText,
  R11_NOT_PERSONAL,
  R12_EXCLUDED,
  R13_VOICE_AGENT,
  R14_FORWARD,
  R14_NOT_CORE,
  R15_MANUAL,
  R15_PAUSE,
  R15_RESUME,
  R2_CONNECTED,
  R2_TRANSFER,
  R3_WAITING,
  R6_ANSWERED_ELSEWHERE,
  R6_REDIRECTED,
  R9_FOLLOW_EMPLOYEE,
  R9_FOLLOW_QUEUE,
  R9_KEEP_EMPLOYEE,
  R9_KEEP_QUEUE,
} from './recording-reasons.js';
import { reason, type Reason, type RuleId } from './rules.js';
import type { NetworkSnapshot } from './snapshot.js';

const B8_PAUSED = reason('B8', 'The recording was paused through the API.');
const B8_RESUMED = reason('B8', 'The recording was resumed through the API.');

/** "10 minutes", "90 seconds". */
function durationWords(seconds: number): string {
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

const B7_WAITS = reason('B7', 'Recording waits until the consent announcement has played to the caller.');
const B7_PLAYED_RECORDING = reason('B7', 'The consent announcement has played: recording starts.');
const B7_PLAYED = reason('B7', 'The consent announcement has played: the call may be recorded.');

export interface Segment {
  /** Seconds from connect. */
  readonly start: number;
  /** Null while the segment is still recording (a live call). */
  readonly end: number | null;
}

/** The state of the recording right after one event. */
export interface Moment {
  readonly at: number;
  readonly event: CallEvent['type'];
  readonly recording: 'on' | 'off' | 'paused';
  readonly agentMay: AgentMay;
  readonly why: Reason;
  readonly announcement: Announcement;
  /** What this event changed, and the rules that say so. */
  readonly reasons: readonly Reason[];
}

export interface RejectedAction {
  readonly at: number;
  readonly action: 'start' | 'stop';
  readonly rule: RuleId;
  readonly reason: string;
}

const NO_REASONS: readonly Reason[] = Object.freeze([]);
const NO_REJECTIONS: readonly RejectedAction[] = Object.freeze([]);

type Phase = 'new' | 'ringing' | 'answered' | 'queued' | 'left' | 'ended';

export class RecordingTimeline {
  private phase: Phase = 'new';
  private at = 0;
  private control: Control = WAITING;
  /** Recording wanted by the control or the agent, before any payment pause. */
  private wanted = false;
  private paymentOpen = false;
  private agentPresent = false;
  /** The queue the call is in or was answered from (R6: the answering queue decides). */
  private queue: Queue | null = null;
  /** R9 "follow destination" moved the call to a queue: if it moves on (R6), its settings follow again. */
  private followsQueue = false;
  private openSince: number | null = null;
  private readonly segments: Segment[] = [];
  private readonly moments: Moment[] = [];
  // Most calls have no rejection or warning: these stay shared empty lists until one happens.
  private rejectedActions: RejectedAction[] | null = null;
  private warningList: Reason[] | null = null;
  /** Every reason so far, in order: the call's own, then each event's (R16). */
  private readonly reasonLog: Reason[];
  /** The reasons of the event being applied. */
  private notes: Reason[] | null = null;
  /** B7: recording waits for the consent announcement (the edge plays it) until it has played. */
  private readonly awaitsAnnouncement: boolean;
  /** B7: when the consent announcement finished playing (seconds from connect), or null. */
  private playedAt: number | null = null;
  /** B7: the wait for the announcement has been explained (once a call). */
  private waitNoted = false;
  /** B8: an integration paused the recording through the API. */
  private apiPaused = false;
  /** B8: when the current pause began (seconds from connect), or null when the recording is not paused. */
  private pausedSince: number | null = null;
  /** B8: a pause reached its maximum while the payment screen was open: its closing is expected and changes nothing. */
  private paymentExpired = false;
  /** B8: the longest a pause lasts (the linked tenant's, else the default). */
  private readonly maxPause: number;
  /** B8: moments of pauses that reached their maximum between two events (added here, not given). */
  private expiries = 0;

  constructor(
    private readonly snapshot: NetworkSnapshot,
    readonly context: CallContext,
    /**
     * B7: the edge carrying the call plays the consent announcement: where the caller's law asks
     * for one, recording is held from the moment it would start until the announcement has played
     * (`announcement_played`). Without it (a test call's scenario), the plan records as the modes say.
     */
    announces = false,
  ) {
    this.reasonLog = [...context.reasons];
    this.awaitsAnnouncement = announces && context.consent?.announcementRequired === true;
    this.maxPause = context.linkedTenant?.maxPauseSeconds ?? MAX_PAUSE_SECONDS.default;
  }

  get closedSegments(): readonly Segment[] {
    return this.segments;
  }
  get openSegmentStart(): number | null {
    return this.openSince;
  }
  get allMoments(): readonly Moment[] {
    return this.moments;
  }
  get rejected(): readonly RejectedAction[] {
    return this.rejectedActions ?? NO_REJECTIONS;
  }
  get warnings(): readonly Reason[] {
    return this.warningList ?? NO_REASONS;
  }
  /**
   * The reasons so far followed by the closing ones. `copy` leaves the log as it is for later
   * events (a live call); without it the log itself is handed over, and the timeline must not be
   * used again (a whole scenario).
   */
  finalReasons(copy: boolean, ...closing: (Reason | null)[]): readonly Reason[] {
    const reasons = copy ? [...this.reasonLog] : this.reasonLog;
    for (const r of closing) if (r !== null) reasons.push(r);
    return reasons;
  }
  get ended(): boolean {
    return this.phase === 'ended';
  }
  /** B7: when the consent announcement finished playing (seconds from connect), or null when it has not. */
  get announcedAt(): number | null {
    return this.playedAt;
  }
  /** B8: when the current pause resumes by itself (seconds from connect), or null when the recording is not paused. */
  get pauseEndsAt(): number | null {
    return this.pausedSince === null ? null : this.pausedSince + this.maxPause;
  }
  /** B7: the caller's law asks for the consent announcement, the edge plays it, and it has not played yet. */
  get announcementPending(): boolean {
    return this.awaitingAnnouncement();
  }
  /** B7: recording would run now but waits for the consent announcement: the edge must play it. */
  get announcementDue(): boolean {
    return this.awaitingAnnouncement() && this.wanted && !this.pausedNow() && this.phase !== 'ended';
  }

  /** Moves the call forward by one event. Throws a DomainError naming the event when it cannot happen now. */
  apply(event: CallEvent): void {
    // The event's place among those given (moments B8 added by itself are not among them).
    const index = this.moments.length - this.expiries;
    this.checkTime(event, index);
    // B8: a pause that reached its maximum before this event resumed at that moment, whatever came after.
    const due = this.pauseEndsAt;
    if (due !== null && event.at > due && event.type !== 'pause_expired') {
      this.step({ type: 'pause_expired', at: due }, index);
      this.expiries++;
    }
    this.step(event, index);
  }

  private step(event: CallEvent, index: number): void {
    switch (event.type) {
      case 'connected':
        this.connect();
        break;
      case 'answered':
        this.answer(event, index);
        break;
      case 'redirected':
        this.redirect(event, index);
        break;
      case 'transferred_to_queue':
      case 'transferred_to_employee':
        this.transfer(event, index);
        break;
      case 'forwarded':
        this.forward(event, index);
        break;
      case 'payment_opened':
      case 'payment_closed':
        this.payment(event.type === 'payment_opened', index);
        break;
      case 'agent_start':
      case 'agent_stop':
        this.agentAction(event.type === 'agent_start' ? 'start' : 'stop', event.at);
        break;
      case 'announcement_played':
        this.announced(event.at, index);
        break;
      case 'paused':
      case 'resumed':
        this.apiPause(event.type === 'paused', index);
        break;
      case 'pause_expired':
        this.pauseExpired(event.at, index);
        break;
      case 'hangup':
        this.phase = 'ended';
        this.agentPresent = false;
        break;
    }
    this.at = event.at;
    if (!this.waitNoted && this.announcementDue) {
      this.waitNoted = true;
      this.note(B7_WAITS);
    }
    const recording = this.isRecording();
    this.trackSegment(recording, event.at);
    const paused = this.wanted && this.pausedNow() && this.phase !== 'ended';
    if (!paused) this.pausedSince = null;
    else if (this.pausedSince === null) this.pausedSince = event.at;
    const now = this.ability();
    this.moments.push({
      at: event.at,
      event: event.type,
      recording: recording ? 'on' : paused ? 'paused' : 'off',
      agentMay: now.may,
      why: now.why,
      announcement: announcementOf(this.control),
      reasons: this.notes ?? NO_REASONS,
    });
    this.notes = null;
  }

  /** What the agent may do now, and why. */
  ability(): Ability {
    return agentAbility(this.control, this.wanted, this.pausedNow(), this.agentPresent, this.phase === 'ended');
  }

  private connect(): void {
    const { context, snapshot } = this;
    const route = context.route;
    this.phase = 'ringing';
    this.agentPresent = context.call.direction === 'outbound';
    this.queue = context.workflowQueue;
    if (context.ruleSet === 'none') {
      this.take(NO_CONTROL);
      return;
    }
    // Routes that leave no one in the contact center to answer: a voice agent picks up (R13), or an external number does.
    // (A workflow with a resolved queue needs no look at its target.)
    const destination =
      route?.kind === 'continuity' ? route.destination : route?.kind === 'workflow' && context.workflowQueue === null ? route.target : null;
    if (destination?.kind === 'voice_agent') {
      this.take(VOICE_AGENT, R13_VOICE_AGENT);
      if (context.exclusion !== null)
        this.note(reason('R10', `${excludedText(context)}, but a voice agent's call is always recorded (R13 precedes R10).`));
      this.phase = 'answered';
      return;
    }
    if (context.ruleSet === 'core') {
      this.take({ kind: 'core', mode: context.coreMode! }, CORE_MODE[context.coreMode!]);
      if (context.exclusion !== null)
        this.note(reason('R10', `${excludedText(context)}, but the core settings decide this call (L1 precedes R10).`));
      if (destination?.kind === 'external_number') this.phase = 'left';
      return;
    }
    if (destination?.kind === 'external_number') {
      this.take(FORWARDED, R14_FORWARD);
      if (context.exclusion !== null)
        this.note(reason('R10', `${excludedText(context)}, but a forwarded call is always recorded (R14 precedes R10).`));
      this.phase = 'left';
      return;
    }
    if (context.exclusion !== null) {
      this.take(EXCLUDED, reason('R10', `${excludedText(context)}.`), R12_EXCLUDED);
      return;
    }
    const defaults = snapshot.recordingDefaults;
    if (defaults.trigger === 'on_call_connected') {
      this.take(CONNECTED_CONTROL[defaults.connectedMode], R2_CONNECTED);
      return;
    }
    this.take(WAITING, R3_WAITING);
  }

  private answer(event: Extract<CallEvent, { type: 'answered' }>, index: number): void {
    if (this.phase !== 'ringing' && this.phase !== 'queued') {
      throw this.cannot(
        index,
        'answered',
        this.phase === 'left' ? 'the call has left the contact center' : 'the call is already answered; a transfer comes first',
      );
    }
    // Everything is checked before anything changes.
    const { context, snapshot } = this;
    const outbound = context.call.direction === 'outbound';
    if (event.voiceAgentId !== undefined && snapshot.voiceAgent(event.voiceAgentId) === undefined) {
      throw new DomainError(
        'unknown_reference',
        `events[${index}].voiceAgentId`,
        event.voiceAgentId,
        `events[${index}].voiceAgentId: no voice agent ${quote(event.voiceAgentId)} in this network.`,
      );
    }
    if (outbound && event.employeeId !== undefined)
      throw this.cannot(index, 'answered', 'an outbound call is answered by the callee; omit employeeId');
    let answerer: Employee | null = null;
    if (event.voiceAgentId === undefined && !outbound) {
      const id = event.employeeId ?? defaultAnswerer(context);
      if (id === undefined) throw this.cannot(index, 'answered', 'name the employeeId or voiceAgentId that answered');
      answerer = requireEmployee(snapshot, id, `events[${index}].employeeId`);
    }
    const otherQueue =
      event.queueId !== undefined && event.queueId !== this.queue?.id ? this.requireQueue(event.queueId, `events[${index}].queueId`) : null;

    if (otherQueue !== null) this.moveToQueue(otherQueue, R6_ANSWERED_ELSEWHERE);
    this.phase = 'answered';
    const defaults = snapshot.recordingDefaults;
    if (event.voiceAgentId !== undefined) {
      this.agentPresent = false;
      if (this.control.kind !== 'none') this.take(VOICE_AGENT, R13_VOICE_AGENT);
    } else if (answerer === null) {
      // Outbound: the callee picked up; the employee who placed the call was there from the start.
      if (this.control === WAITING) this.take(individualControl(context.employee!, 'outbound', defaults));
    } else {
      this.agentPresent = true;
      if (
        !context.personal &&
        answerer.directLine !== null &&
        this.control.kind !== 'none' &&
        snapshot.exclusionOf(answerer.directLine) !== undefined
      ) {
        this.note(R11_NOT_PERSONAL);
      }
      if (this.control === WAITING)
        this.take(this.queue !== null ? queueControl(this.queue, defaults) : individualControl(answerer, 'inbound', defaults));
    }
  }

  private redirect(event: Extract<CallEvent, { type: 'redirected' }>, index: number): void {
    if ((this.phase !== 'ringing' && this.phase !== 'queued') || this.queue === null) {
      throw this.cannot(index, 'redirected', 'only a queue call that is not yet answered can be redirected');
    }
    this.moveToQueue(this.requireQueue(event.queueId, `events[${index}].queueId`), R6_REDIRECTED);
  }

  /**
   * R6: a call not yet answered moves to another queue; the queue that answers decides. Before the
   * first answer nothing is decided yet; after a transfer that follows its destination (R9), the
   * new queue's settings take over from the old one's.
   */
  private moveToQueue(queue: Queue, why: Reason): void {
    this.queue = queue;
    this.note(why);
    if (this.phase === 'queued' && this.followsQueue && this.control.kind === 'mode')
      this.take(queueControl(queue, this.snapshot.recordingDefaults));
  }

  private transfer(event: Extract<CallEvent, { type: 'transferred_to_queue' | 'transferred_to_employee' }>, index: number): void {
    if (this.phase !== 'answered') throw this.cannot(index, event.type, 'only an answered call can be transferred');
    const { snapshot } = this;
    const defaults = snapshot.recordingDefaults;
    let destination: ResolvedControl;
    if (event.type === 'transferred_to_queue') {
      this.queue = this.requireQueue(event.queueId, `events[${index}].queueId`);
      destination = queueControl(this.queue, defaults);
      this.phase = 'queued';
      this.agentPresent = false;
    } else {
      destination = individualControl(requireEmployee(snapshot, event.employeeId, `events[${index}].employeeId`), 'inbound', defaults);
      this.agentPresent = true;
    }
    const control = this.control;
    if (control.kind !== 'mode') return; // L4, R13, L1, R14 and R12 all outrank a transfer.
    if (control.rule === 'R2') {
      this.note(R2_TRANSFER);
      return;
    }
    const toQueue = event.type === 'transferred_to_queue';
    this.followsQueue = false;
    if ((toQueue ? defaults.transfer.toQueue : defaults.transfer.toEmployee) === 'keep_original') {
      this.note(toQueue ? R9_KEEP_QUEUE : R9_KEEP_EMPLOYEE);
      return;
    }
    this.note(toQueue ? R9_FOLLOW_QUEUE : R9_FOLLOW_EMPLOYEE);
    this.take(destination);
    this.followsQueue = toQueue;
  }

  private forward(event: Extract<CallEvent, { type: 'forwarded' }>, index: number): void {
    if (this.phase === 'left') throw this.cannot(index, 'forwarded', 'the call has already left the contact center');
    const owner = this.snapshot.ownerOf(event.number);
    if (owner !== undefined)
      throw this.cannot(
        index,
        'forwarded',
        `${event.number} is a ${owner.kind.replace('_', ' ')} of this network: that is a transfer, not a forward`,
      );
    this.phase = 'left';
    this.agentPresent = false;
    const kind = this.control.kind;
    if (kind === 'none' || this.control === VOICE_AGENT) return; // L4; R13 already records it all
    if (kind === 'core') {
      this.note(R14_NOT_CORE);
      return;
    }
    this.take(FORWARDED, R14_FORWARD);
  }

  private payment(open: boolean, index: number): void {
    if (!open && this.paymentExpired) {
      // B8: the pause ended at its maximum; the screen closing now changes nothing.
      this.paymentExpired = false;
      return;
    }
    if (open) this.paymentExpired = false;
    if (open === this.paymentOpen) {
      throw this.cannot(
        index,
        open ? 'payment_opened' : 'payment_closed',
        open ? 'the payment screen is already open' : 'the payment screen is not open',
      );
    }
    this.paymentOpen = open;
    if (this.control.kind === 'none') return;
    if (this.context.linkedTenantId === null) {
      if (open) {
        this.note(R15_MANUAL);
        (this.warningList ??= []).push(R15_MANUAL);
      }
      return;
    }
    if (this.wanted) this.note(open ? R15_PAUSE : R15_RESUME);
  }

  private agentAction(action: 'start' | 'stop', at: number): void {
    const now = this.ability();
    if (now.may === action) {
      this.wanted = action === 'start';
      this.note(agentActed(now.why.rule, action));
      return;
    }
    // The refusal names the action refused: "Start refused" under "always" is not about stopping.
    const already = now.may !== 'nothing' || (action === 'start' ? this.wanted && !this.pausedByPayment() : !this.wanted);
    const why = !already ? now.why.text : action === 'start' ? 'The recording is already on.' : 'The recording is already off.';
    (this.rejectedActions ??= []).push({
      at,
      action,
      rule: now.why.rule,
      reason: `${action === 'start' ? 'Start' : 'Stop'} refused. ${why}`,
    });
  }

  /** Hands the call to a new control (with the reason it came with): recording follows what it does by itself. */
  private take(next: Control | ResolvedControl, why?: Reason, why2?: Reason): void {
    if ('kind' in next) {
      this.control = next;
    } else {
      this.control = next.control;
      this.note(next.why);
    }
    this.wanted = startsByItself(this.control);
    if (why !== undefined) this.note(why);
    if (why2 !== undefined) this.note(why2);
  }

  /** Records why this event changed something; most events change nothing and allocate nothing. */
  private note(why: Reason): void {
    if (this.notes === null) this.notes = [why];
    else this.notes.push(why);
    this.reasonLog.push(why);
  }

  private isRecording(): boolean {
    return this.wanted && !this.pausedNow() && this.phase !== 'ended' && !this.awaitingAnnouncement();
  }

  /** R15 B8: paused by the payment screen (a linked call) or through the API. */
  private pausedNow(): boolean {
    return this.pausedByPayment() || this.apiPaused;
  }

  /** B8: an integration pauses (or resumes) the recording through the API: only a recording that is on can be paused. */
  private apiPause(pause: boolean, index: number): void {
    if (pause) {
      if (this.apiPaused) throw this.cannot(index, 'paused', 'the recording is already paused through the API');
      if (!this.wanted || this.phase === 'ended') throw this.cannot(index, 'paused', 'the recording is not on');
      this.apiPaused = true;
      this.note(B8_PAUSED);
      return;
    }
    if (!this.apiPaused) throw this.cannot(index, 'resumed', 'the recording is not paused through the API');
    this.apiPaused = false;
    this.note(B8_RESUMED);
  }

  /** B8: the pause reached its maximum: the recording resumes (the payment screen, if still open, no longer pauses it). */
  private pauseExpired(at: number, index: number): void {
    const due = this.pauseEndsAt;
    if (due === null || at < due) throw this.cannot(index, 'pause_expired', 'no pause has reached its maximum');
    if (this.paymentOpen) this.paymentExpired = true;
    this.paymentOpen = false;
    this.apiPaused = false;
    this.note(reason('B8', `The recording was paused for the maximum of ${durationWords(this.maxPause)}: it resumes by itself.`));
  }

  private awaitingAnnouncement(): boolean {
    return this.awaitsAnnouncement && this.playedAt === null;
  }

  /** B7: the consent announcement has played; recording held for it starts now, where the modes want it. */
  private announced(at: number, index: number): void {
    if (this.playedAt !== null) throw this.cannot(index, 'announcement_played', 'the consent announcement has already played');
    this.playedAt = at;
    if (this.awaitsAnnouncement) this.note(this.wanted ? B7_PLAYED_RECORDING : B7_PLAYED);
  }

  /** R15: auto-pause applies only to calls linked to a tenant. */
  private pausedByPayment(): boolean {
    return this.paymentOpen && this.context.linkedTenantId !== null;
  }

  private trackSegment(recording: boolean, at: number): void {
    // Segments are never merged or rewritten once closed: a live call has already acted on them
    // (a stop and a start at the same second are two files on the media server).
    if (recording && this.openSince === null) {
      this.openSince = at;
    } else if (!recording && this.openSince !== null) {
      if (at > this.openSince) this.segments.push({ start: this.openSince, end: at });
      this.openSince = null;
    }
  }

  private checkTime(event: CallEvent, index: number): void {
    const at: unknown = event.at;
    if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) {
      throw new DomainError(
        'invalid_event_time',
        `events[${index}].at`,
        at,
        `events[${index}].at: ${quote(at)} is not a number of seconds from connect (0 or more).`,
      );
    }
    if (this.phase === 'new') {
      if (event.type !== 'connected' || at !== 0) throw this.cannot(index, event.type, 'a call starts with "connected" at 0');
      return;
    }
    if (event.type === 'connected') throw this.cannot(index, 'connected', 'the call is already connected');
    if (this.phase === 'ended') throw this.cannot(index, event.type, 'the call has hung up');
    if (at < this.at) {
      throw new DomainError(
        'events_out_of_order',
        `events[${index}].at`,
        at,
        `events[${index}].at: ${at} is before the previous event (${this.at}); events must be in time order.`,
      );
    }
  }

  private requireQueue(id: string, field: string): Queue {
    const queue = this.snapshot.queue(id);
    if (queue === undefined) throw new DomainError('unknown_reference', field, id, `${field}: no queue ${quote(id)} in this network.`);
    return queue;
  }

  private cannot(index: number, type: string, why: string): DomainError {
    return new DomainError('invalid_event', `events[${index}].type`, type, `events[${index}].type: "${type}" cannot happen here: ${why}.`);
  }
}

/** Who picks up when an answer does not say: the direct line's owner, the workflow's employee, the internal callee. */
function defaultAnswerer(context: CallContext): string | undefined {
  const { call, route } = context;
  if (call.direction === 'internal') return call.toEmployeeId;
  if (route?.kind === 'workflow' && route.target.kind === 'employee') return route.target.employeeId;
  return context.employee?.id;
}
