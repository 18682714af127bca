/**
 * decideRecording: whether and how a call is recorded, where it is logged, and why. One function
 * for a whole scenario (a test call) and, through RecordingSession, for a live call fed one event
 * at a time; both drive the same timeline, so their answers are identical.
 */
import { classifyCall, type Call, type CallEvent, type Exclusion, type RuleSet } from './call.js';
import type { RouteDecision } from './decide-route.js';
import type { Announcement } from './model.js';
import type { AgentMay } from './recording-control.js';
import { RecordingTimeline, type Moment, type RejectedAction, type Segment } from './recording-timeline.js';
import { reason, type Reason } from './rules.js';
import type { NetworkSnapshot } from './snapshot.js';
import type { ConsentDecision } from './consent.js';

export type { Moment, RejectedAction, Segment } from './recording-timeline.js';

export type LogSystem = 'contact_center' | 'core';

export interface RecordingPlan {
  /** L1: whose settings decide the recording. */
  readonly ruleSet: RuleSet;
  /** L6. */
  readonly linkedTenantId: string | null;
  /** The route of an inbound call (decideRoute), or null for outbound and internal calls. */
  readonly route: RouteDecision | null;
  /** R10: the party that matched the exclusion list, if any. */
  readonly exclusion: Exclusion | null;
  /** What is stored, in seconds from connect; paused time is absent (R15). */
  readonly segments: readonly Segment[];
  /** The recording after each event: state, what the agent may do and why. */
  readonly moments: readonly Moment[];
  /** Agent requests refused, with the rule that refused them. */
  readonly rejected: readonly RejectedAction[];
  /** What the agent or administrator must know (R15 manual pause, L3 no sync). */
  readonly warnings: readonly Reason[];
  /** Now (at the last event): what the record button allows and its announcement tooltip. */
  readonly agentMay: AgentMay;
  readonly announcement: Announcement;
  /** L5. */
  readonly loggedIn: readonly LogSystem[];
  /** The tenant whose core call records receive the call, if any (L5). */
  readonly coreTenantId: string | null;
  /** L3: a contact-center recording of this call is copied into the tenant's core call record. */
  readonly syncsToCore: boolean;
  readonly ended: boolean;
  /** R16: every rule that produced this plan, in order. */
  readonly reasons: readonly Reason[];
  /**
   * B7: what the law of the caller's place asks before this call is recorded (an inbound call
   * that a rule set records); when `announcementRequired`, the edge plays the consent announcement
   * before any recording starts, whatever the mode's announcement. Null for other calls.
   */
  readonly consent: ConsentDecision | null;
  /** B7: when the consent announcement finished playing to the caller (seconds from connect); null when it has not played. */
  readonly announcedAt: number | null;
  /** B8: when the recording, paused now, resumes by itself (seconds from connect: the pause's start and the tenant's maximum); null when not paused. */
  readonly pauseEndsAt: number | null;
}

/** The recording plan of a call after `events`, which start with `connected` at 0. */
export function decideRecording(snapshot: NetworkSnapshot, call: Call, events: readonly CallEvent[]): RecordingPlan {
  const timeline = new RecordingTimeline(snapshot, classifyCall(snapshot, call));
  for (const event of events) timeline.apply(event);
  return planOf(timeline, false);
}

/**
 * A live call: feed events as they happen, read the plan at any time. Holds the snapshot the call
 * started with, so a settings change mid-call does not rewrite the call's past (C13 is about the
 * next call).
 */
export class RecordingSession {
  private timeline: RecordingTimeline;
  private readonly accepted: CallEvent[] = [];

  constructor(
    private readonly snapshot: NetworkSnapshot,
    call: Call,
    /** The route the call took, when Switchboard did not decide it (B9). */
    routed?: RouteDecision,
    /** B7: the edge plays the consent announcement, and recording waits for it where the law asks (RecordingTimeline). */
    private readonly announces = false,
  ) {
    this.timeline = new RecordingTimeline(snapshot, classifyCall(snapshot, call, routed), announces);
  }

  /** Applies one event and returns the plan so far. An event that cannot happen throws and changes nothing. */
  apply(event: CallEvent): RecordingPlan {
    try {
      this.timeline.apply(event);
    } catch (error) {
      // Rare (a telephony edge or UI out of step): rebuild from the accepted events rather than
      // make every handler of the timeline undo its partial work.
      this.timeline = new RecordingTimeline(this.snapshot, this.timeline.context, this.announces);
      for (const accepted of this.accepted) this.timeline.apply(accepted);
      throw error;
    }
    this.accepted.push(event);
    return this.plan();
  }

  plan(): RecordingPlan {
    // The session goes on after this plan: copy, so later events cannot change a plan already handed out.
    return planOf(this.timeline, true);
  }

  get events(): readonly CallEvent[] {
    return this.accepted;
  }

  /** B7: recording would run now but waits for the consent announcement: the edge must play it. */
  get announcementDue(): boolean {
    return this.timeline.announcementDue;
  }

  /** B7: the caller's law asks for the consent announcement, the edge plays it, and it has not played yet. */
  get announcementPending(): boolean {
    return this.timeline.announcementPending;
  }

  /** B8: when the recording, paused now, resumes by itself (seconds from connect), or null. */
  get pauseEndsAt(): number | null {
    return this.timeline.ended ? null : this.timeline.pauseEndsAt;
  }
}

const LOG_NONE: readonly LogSystem[] = Object.freeze([]);
const LOG_CC: readonly LogSystem[] = Object.freeze(['contact_center']);
const LOG_BOTH: readonly LogSystem[] = Object.freeze(['contact_center', 'core']);
const LOG_CORE: readonly LogSystem[] = Object.freeze(['core']);

const L5_NONE = reason('L5', 'Not logged in either system.');
const L5_CC = reason('L5', 'Logged in the contact center only (not linked to a tenant).');
const L5_BOTH = reason('L5', "Logged in the contact center and in the tenant's core call records.");
const L5_CORE = reason('L5', 'Logged in the core call records only.');
const L3_SYNC = reason(
  'L3',
  "Recordings of this call sync to the tenant's core call record: its core settings are automatic for inbound and outbound.",
);
const L3_NO_SYNC = reason(
  'L3',
  "Recordings of this call stay in the contact center: the tenant's core settings are not automatic for both inbound and outbound.",
);
const L3_CORE = reason('L3', 'The core records this call itself; there is nothing to sync.');

function planOf(timeline: RecordingTimeline, copy: boolean): RecordingPlan {
  const context = timeline.context;
  const { ruleSet, linkedTenantId } = context;
  const loggedIn = ruleSet === 'none' ? LOG_NONE : ruleSet === 'core' ? LOG_CORE : linkedTenantId === null ? LOG_CC : LOG_BOTH;
  const logReason = ruleSet === 'none' ? L5_NONE : ruleSet === 'core' ? L5_CORE : linkedTenantId === null ? L5_CC : L5_BOTH;

  let syncsToCore = false;
  let syncReason: Reason | null = null;
  if (ruleSet === 'core') syncReason = L3_CORE;
  else if (ruleSet === 'contact_center' && linkedTenantId !== null) {
    const core = context.linkedTenant!.coreRecording;
    syncsToCore = core.inbound === 'automatic' && core.outbound === 'automatic';
    syncReason = syncsToCore ? L3_SYNC : L3_NO_SYNC;
  }

  const moments = timeline.allMoments;
  const reasons = timeline.finalReasons(copy, logReason, syncReason);

  const open = timeline.openSegmentStart;
  const closed = timeline.closedSegments;
  const segments = open === null ? (copy ? [...closed] : closed) : [...closed, { start: open, end: null }];
  const warnings =
    syncReason === L3_NO_SYNC
      ? [...timeline.warnings, L3_NO_SYNC]
      : timeline.warnings.length === 0 || !copy
        ? timeline.warnings
        : [...timeline.warnings];
  const now = moments[moments.length - 1];
  const ability = now === undefined ? timeline.ability() : { may: now.agentMay, why: now.why };

  return {
    ruleSet,
    linkedTenantId,
    route: context.route,
    exclusion: context.exclusion,
    segments,
    moments: copy ? [...moments] : moments,
    rejected: copy && timeline.rejected.length > 0 ? [...timeline.rejected] : timeline.rejected,
    warnings,
    agentMay: ability.may,
    announcement: now?.announcement ?? 'none',
    loggedIn,
    coreTenantId: ruleSet === 'none' ? null : context.coreTenantId,
    syncsToCore,
    ended: timeline.ended,
    reasons,
    consent: context.consent,
    announcedAt: timeline.announcedAt,
    pauseEndsAt: timeline.ended ? null : timeline.pauseEndsAt,
  };
}
