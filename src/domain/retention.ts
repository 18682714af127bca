/**
 * B10: how long recordings are kept. Each recording has a kind (what its tenant's retention goes
 * by); a tenant keeps each kind a number of days, or for ever (null); a legal hold on the call, the
 * caller's number or the tenant keeps it past that until the hold is lifted.
 */
import type { RecordingPlan } from './decide-recording.js';

export type RecordingKind = 'queue' | 'individual' | 'voice_agent' | 'continuity';
export const RECORDING_KINDS: readonly RecordingKind[] = ['queue', 'individual', 'voice_agent', 'continuity'];

/** Days per kind; null: kept for ever. */
export type RecordingRetention = Readonly<Record<RecordingKind, number | null>>;
export const KEEP_FOREVER: RecordingRetention = Object.freeze({ queue: null, individual: null, voice_agent: null, continuity: null });
export const RETENTION_DAYS = Object.freeze({ min: 1, max: 36_500 });

export type HoldKind = 'call' | 'caller' | 'tenant';

/** A legal hold in force: on a call of the log (its id), a caller's number (E.164) or a tenant (its id). */
export interface Hold {
  readonly kind: string;
  readonly value: string;
}

/** Whether a hold in force keeps this recording (whatever its retention says). */
export function isHeld(
  holds: readonly Hold[],
  recording: { readonly tenantId: string | null; readonly callLogId: string; readonly caller: string | null },
): boolean {
  return holds.some(
    ({ kind, value }) =>
      (kind === 'tenant' && value === recording.tenantId) ||
      (kind === 'call' && value === recording.callLogId) ||
      (kind === 'caller' && value === recording.caller),
  );
}

/**
 * The kind of a call's recording: a continuity call's (C), a voice agent's (R13: it handled the
 * call), a queue's (a tracking number's workflow to a queue, or anything else of the tenant's
 * workflow), or an individual's (a direct line, an employee's own call, a workflow to an employee).
 */
export function recordingKindOf(plan: Pick<RecordingPlan, 'route' | 'reasons'>): RecordingKind {
  const { route } = plan;
  if (route?.kind === 'continuity') return 'continuity';
  if (plan.reasons.some((reason) => reason.rule === 'R13')) return 'voice_agent';
  if (route === null || route.kind === 'direct_line') return 'individual';
  if (route.kind === 'workflow' && route.target.kind === 'employee') return 'individual';
  return 'queue';
}

const DAY_MS = 86_400_000;

/** Recordings made before this (epoch ms) are past `days` days at `nowMs`: the deletion job's cut-off. */
export function keptSince(nowMs: number, days: number): number {
  return nowMs - days * DAY_MS;
}

/** When a recording made at `createdAtMs` (epoch ms) expires under `retention` (epoch ms); null: kept for ever (or of no kind). */
export function expiresAt(createdAtMs: number, kind: RecordingKind | null, retention: RecordingRetention): number | null {
  const days = kind === null ? null : retention[kind];
  return days === null ? null : createdAtMs + days * DAY_MS;
}
