/** L5: the calls Switchboard handled, with the plan that decided their recording. Filled by the telephony edges. */
import { sql } from 'kysely';
import type { RecordingPlan } from '../domain/decide-recording.js';
import type { ContinuityAttempt } from '../domain/continuity.js';
import { consentStampOf, type ConsentStamp } from '../domain/consent.js';
import { recordingKindOf, type RecordingKind } from '../domain/retention.js';
import type { Executor } from './db.js';
import { timeOrderedId } from './ids.js';
import { bool, int } from './rows.js';

export interface CallLogEntry {
  readonly id: string;
  readonly startedAt: string;
  readonly tenantId: string | null;
  readonly direction: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly ruleSet: string;
  readonly route: unknown;
  readonly segments: readonly { start: number; end: number | null }[];
  readonly loggedIn: readonly string[];
  readonly synced: boolean;
  readonly reasons: readonly { rule: string; text: string }[];
  readonly source: string;
  /** B6: the continuity destinations tried and left, and why (empty: none). */
  readonly attempts: readonly ContinuityAttempt[];
  /** B7: the consent given (null: no consent rule applied, or logged before B7). */
  readonly consent: ConsentStamp | null;
  /** B10: its recordings kept here or by the provider, oldest first (a call moved on after a transfer may have several). */
  readonly recordings: readonly LoggedRecording[];
}

export interface LoggedRecording {
  readonly id: string;
  readonly durationMs: number;
  readonly createdAt: string;
  readonly kind: RecordingKind | null;
  readonly caller: string | null;
}

export interface NewCall {
  /** Chosen before the first attempt, so a retried write is the same entry. */
  readonly id: string;
  /** The edge's id of the call (SIP Call-ID): a call is logged once per network and source. */
  readonly callId: string;
  readonly networkId: string;
  readonly startedAt: string;
  readonly direction: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly plan: RecordingPlan;
  /** Which edge logged it: `sip`, `twilio`, ... */
  readonly source: string;
  /** B6: the continuity destinations tried and left (absent or empty: none). */
  readonly attempts?: readonly ContinuityAttempt[];
}

/** A new entry's id: time-ordered, so the log lists newest first by id. */
export const newCallLogId = timeOrderedId;

/** L4: internal calls are never logged (the caller does not need to check). */
export function isLogged(call: Pick<NewCall, 'plan'>): boolean {
  return call.plan.loggedIn.length > 0;
}

/**
 * L5: writes the entry once: a second write of the same entry (a retry) or of the same call
 * (another node, a replayed event) changes nothing (null). L4: an internal call is not logged (null).
 */
export async function logCall(db: Executor, call: NewCall): Promise<string | null> {
  if (!isLogged(call)) return null;
  const id = call.id;
  const result = await db
    .insertInto('call_log')
    .values({
      id,
      call_id: call.callId,
      network_id: call.networkId,
      tenant_id: call.plan.linkedTenantId ?? call.plan.coreTenantId,
      started_at: call.startedAt,
      direction: call.direction,
      from_number: call.from,
      to_number: call.to,
      rule_set: call.plan.ruleSet,
      route: call.plan.route === null ? null : JSON.stringify(call.plan.route),
      segments: JSON.stringify(call.plan.segments),
      logged_in: JSON.stringify(call.plan.loggedIn),
      synced: int(call.plan.syncsToCore && call.plan.segments.length > 0),
      reasons: JSON.stringify(call.plan.reasons),
      source: call.source,
      attempts: call.attempts === undefined || call.attempts.length === 0 ? null : JSON.stringify(call.attempts),
      consent: jsonOrNull(consentStampOf(call.plan)),
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

export async function listCalls(
  db: Executor,
  networkId: string,
  filter: { tenantIds?: readonly string[]; before?: string },
  limit: number,
): Promise<CallLogEntry[]> {
  let query = db.selectFrom('call_log').selectAll().where('network_id', '=', networkId);
  if (filter.tenantIds !== undefined) {
    if (filter.tenantIds.length === 0) return [];
    query = query.where('tenant_id', 'in', filter.tenantIds);
  }
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  const recordings = new Map<string, LoggedRecording[]>();
  if (rows.length > 0)
    for (const r of await db
      .selectFrom('recordings')
      .select(['id', 'call_log_id', 'duration_ms', 'created_at', 'kind', 'caller'])
      .orderBy('created_at')
      .orderBy('id')
      .where('network_id', '=', networkId)
      .where(
        'call_log_id',
        'in',
        rows.map((row) => row.id),
      )
      .execute())
      recordings.set(r.call_log_id, [
        ...(recordings.get(r.call_log_id) ?? []),
        {
          id: r.id,
          durationMs: r.duration_ms,
          createdAt: r.created_at,
          kind: (r.kind ?? null) as RecordingKind | null,
          caller: r.caller ?? null,
        },
      ]);
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    tenantId: r.tenant_id,
    direction: r.direction,
    from: r.from_number,
    to: r.to_number,
    ruleSet: r.rule_set,
    route: r.route === null ? null : JSON.parse(r.route),
    segments: JSON.parse(r.segments),
    loggedIn: JSON.parse(r.logged_in),
    synced: bool(r.synced),
    reasons: JSON.parse(r.reasons),
    source: r.source,
    attempts: r.attempts === null || r.attempts === undefined ? [] : JSON.parse(r.attempts),
    consent: r.consent === null || r.consent === undefined ? null : JSON.parse(r.consent),
    recordings: recordings.get(r.id) ?? [],
  }));
}

/** One edge's call in the log, by the edge's own call id (unique per network and edge). */
export async function loggedCallByCallId(
  db: Executor,
  networkId: string,
  source: string,
  callId: string,
): Promise<
  | {
      id: string;
      tenantId: string | null;
      segments: { start: number; end: number | null }[];
      consent: ConsentStamp | null;
      kind: RecordingKind;
      from: string | null;
    }
  | undefined
> {
  const row = await db
    .selectFrom('call_log')
    .select(['id', 'tenant_id', 'segments', 'consent', 'route', 'reasons', 'from_number'])
    .where('network_id', '=', networkId)
    .where('source', '=', source)
    .where('call_id', '=', callId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        id: row.id,
        tenantId: row.tenant_id,
        segments: JSON.parse(row.segments),
        consent: row.consent === null ? null : JSON.parse(row.consent),
        kind: recordingKindOf({ route: row.route === null ? null : JSON.parse(row.route), reasons: JSON.parse(row.reasons) }),
        from: row.from_number,
      };
}

/** One inbound call of the traffic overview: when, where it went, and whether it was recorded and paused. */
export interface TrafficRow {
  readonly startedAt: string;
  readonly tenantId: string | null;
  /** The route's kind (`workflow`, `continuity`, `direct_line`, …), or null when none was decided. */
  readonly routeKind: string | null;
  /** B9: the edge's failsafe (or the provider's fallback) routed it. */
  readonly failsafe: boolean;
  readonly recorded: boolean;
  /** Recorded in more than one segment: the recording was paused (or stopped and started) at least once. */
  readonly paused: boolean;
}

/**
 * The inbound calls of a window, read for counting: the route's kind and three flags worked out
 * by the database from the stored JSON text (the same on SQLite and PostgreSQL), not whole entries.
 */
export async function callTraffic(
  db: Executor,
  networkId: string,
  window: { from: string; to: string },
  tenantIds?: readonly string[],
): Promise<TrafficRow[]> {
  let query = db
    .selectFrom('call_log')
    .select(['started_at', 'tenant_id', 'route'])
    .select(sql<number>`case when route like '%"rule":"B9"%' then 1 else 0 end`.as('failsafe'))
    .select(sql<number>`case when segments <> '[]' then 1 else 0 end`.as('recorded'))
    .select(sql<number>`case when segments like '%},{%' then 1 else 0 end`.as('paused'))
    .where('network_id', '=', networkId)
    .where('direction', '=', 'inbound')
    .where('started_at', '>=', window.from)
    .where('started_at', '<', window.to);
  if (tenantIds !== undefined) {
    if (tenantIds.length === 0) return [];
    query = query.where('tenant_id', 'in', tenantIds);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    startedAt: r.started_at,
    tenantId: r.tenant_id,
    routeKind: r.route === null ? null : (/^\{"kind":"(\w+)"/.exec(r.route)?.[1] ?? null),
    failsafe: Number(r.failsafe) === 1,
    recorded: Number(r.recorded) === 1,
    paused: Number(r.paused) === 1,
  }));
}

function jsonOrNull(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
