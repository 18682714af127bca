/**
 * A call in progress on the SIP edge: its recording session and what rtpengine was told, the
 * view the agent console gets of it, and how Kamailio's event times place events in the call.
 */
import type { RecordingPlan, RecordingSession } from '../../domain/decide-recording.js';
import type { RouteDecision } from '../../domain/decide-route.js';
import type { E164 } from '../../domain/phone-number.js';

export interface LiveCall {
  readonly callId: string;
  readonly networkId: string;
  readonly from: E164;
  readonly to: E164;
  readonly route: RouteDecision;
  readonly startedAt: number;
  readonly session: RecordingSession;
  /** Media flows (the call was answered): rtpengine can record it. */
  mediaUp: boolean;
  /** The employee who answered (named by the route or by the answering side), or null. */
  answeredBy: string | null;
  /** What rtpengine was last told. */
  recording: boolean;
  /** Recording commands in order, one at a time. */
  control: Promise<void>;
  /** rtpengine failed to take a command: the files may hold more than the plan (cut at the end). */
  controlFailed: boolean;
  /** Hung up: rtpengine closed the recording with the call (Kamailio deletes it on BYE). */
  ended: boolean;
}

/** A live call as the agent console and the API see it. */
export interface LiveCallView {
  readonly callId: string;
  readonly networkId: string;
  readonly tenantId: string | null;
  readonly from: string;
  readonly to: string;
  readonly startedAt: string;
  /** The employee who answered: the agent whose call it is (null: not answered by an employee). */
  readonly answeredBy: string | null;
  readonly plan: RecordingPlan;
}

export function viewOf(call: LiveCall): LiveCallView {
  const plan = call.session.plan();
  return { callId: call.callId, networkId: call.networkId, tenantId: plan.linkedTenantId, from: call.from, to: call.to, startedAt: new Date(call.startedAt).toISOString(), answeredBy: call.answeredBy, plan };
}

/** rtpengine did not take a recording command: the agent must know the pause (or start) did not happen. */
export class RecordingControlError extends Error {
  constructor(readonly callId: string, readonly action: string, reason: string) {
    super(`The recording could not be ${action === 'payment_opened' || action === 'agent_stop' ? 'paused' : 'started'} (${reason}). Pause it manually before taking card details.`);
  }
}

/** When Kamailio saw it (epoch ms; its `at` is "seconds.microseconds"), else now. */
export function eventTime(message: Record<string, unknown>): number {
  const at = typeof message.at === 'string' ? Number(message.at) * 1000 : NaN;
  return Number.isFinite(at) && at > 0 ? at : Date.now();
}

/** Seconds into the call at which Kamailio saw `message`, never before the call's last event. */
export function callTime(call: LiveCall, message: Record<string, unknown>): number {
  return Math.max(call.session.events.at(-1)?.at ?? 0, (eventTime(message) - call.startedAt) / 1000);
}
