/** Recordings of real calls (one WAV per call) and what decided them. */
import type { Executor } from './db.js';
import { timeOrderedId } from './ids.js';
import type { ConsentStamp } from '../domain/consent.js';
import type { RecordingKind } from '../domain/retention.js';

export interface RecordingRecord {
  readonly id: string;
  readonly callLogId: string;
  readonly tenantId: string | null;
  readonly sipCallId: string;
  readonly file: string;
  readonly durationMs: number;
  readonly segments: readonly { start: number; end: number | null }[];
  readonly createdAt: string;
  /** Held by the provider (a Twilio-compatible edge's call): its media's address there; null for our WAV (`file`). */
  readonly mediaUrl: string | null;
  /** B7: the consent given for the call (jurisdiction, rule, announcement played); null when no consent rule applied. */
  readonly consent: ConsentStamp | null;
  /** B10: what its tenant's retention goes by (null: stored before B10, kept for ever). */
  readonly kind: RecordingKind | null;
  /** B10: the caller's number (a hold on a caller goes by it); null: none. */
  readonly caller: string | null;
}

/** What an edge stores of a recording (a provider's media URL, the consent stamp: absent for none). */
export type NewRecording = Omit<RecordingRecord, 'id' | 'createdAt' | 'mediaUrl' | 'consent' | 'kind' | 'caller'> & {
  readonly mediaUrl?: string | null;
  readonly consent?: ConsentStamp | null;
  readonly kind?: RecordingKind | null;
  readonly caller?: string | null;
};

/** A new recording's id, chosen before the first attempt so that a retried write is the same row. */
export const newRecordingId = timeOrderedId;

/** Stores the recording once: a second write with the same id changes nothing. */
export async function insertRecording(
  db: Executor,
  networkId: string,
  recording: NewRecording,
  id: string = newRecordingId(),
): Promise<string> {
  await writeRecording(db, networkId, recording, id);
  return id;
}

/** Writes the recording once; whether this call wrote it (false: it was there already). */
export async function writeRecording(db: Executor, networkId: string, recording: NewRecording, id: string): Promise<boolean> {
  const result = await db
    .insertInto('recordings')
    .values({
      id,
      network_id: networkId,
      call_log_id: recording.callLogId,
      tenant_id: recording.tenantId,
      sip_call_id: recording.sipCallId,
      file: recording.file,
      duration_ms: recording.durationMs,
      segments: JSON.stringify(recording.segments),
      created_at: new Date().toISOString(),
      media_url: recording.mediaUrl ?? null,
      consent: recording.consent === undefined || recording.consent === null ? null : JSON.stringify(recording.consent),
      kind: recording.kind ?? null,
      caller: recording.caller ?? null,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

const present = (r: {
  id: string;
  call_log_id: string;
  tenant_id: string | null;
  sip_call_id: string;
  file: string;
  duration_ms: number;
  segments: string;
  created_at: string;
  media_url: string | null;
  consent?: string | null;
  kind?: string | null;
  caller?: string | null;
}): RecordingRecord => ({
  id: r.id,
  callLogId: r.call_log_id,
  tenantId: r.tenant_id,
  sipCallId: r.sip_call_id,
  file: r.file,
  durationMs: r.duration_ms,
  segments: JSON.parse(r.segments) as RecordingRecord['segments'],
  createdAt: r.created_at,
  mediaUrl: r.media_url,
  consent: r.consent === null || r.consent === undefined ? null : (JSON.parse(r.consent) as ConsentStamp),
  kind: (r.kind ?? null) as RecordingKind | null,
  caller: r.caller ?? null,
});

/** Newest first; `tenantIds` narrows to those tenants' recordings (undefined: all of the network's). */
export async function listRecordings(
  db: Executor,
  networkId: string,
  tenantIds: readonly string[] | undefined,
  limit: number,
  /** Only recordings older than this one (the next page). */
  before?: string,
): Promise<RecordingRecord[]> {
  // No tenants is no recordings: asked without a query (SQLite cannot bind a boolean).
  if (tenantIds !== undefined && tenantIds.length === 0) return [];
  let query = db.selectFrom('recordings').selectAll().where('network_id', '=', networkId);
  if (tenantIds !== undefined) query = query.where('tenant_id', 'in', [...tenantIds]);
  if (before !== undefined) query = query.where('id', '<', before);
  return (await query.orderBy('id', 'desc').limit(limit).execute()).map(present);
}

export async function getRecording(db: Executor, networkId: string, id: string): Promise<RecordingRecord | undefined> {
  const row = await db.selectFrom('recordings').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : present(row);
}

/** B10: a tenant's recordings of a kind made before `before` (ISO), oldest first: what its retention may delete. */
export async function recordingsOlderThan(
  db: Executor,
  networkId: string,
  tenantId: string,
  kind: RecordingKind,
  before: string,
  limit: number,
  /** The last one of the previous page: this page starts after it (created_at, then id). */
  after?: Pick<RecordingRecord, 'createdAt' | 'id'>,
): Promise<RecordingRecord[]> {
  let query = db
    .selectFrom('recordings')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('created_at', '<', before);
  if (after !== undefined)
    query = query.where((eb) =>
      eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]),
    );
  const rows = await query.orderBy('created_at').orderBy('id').limit(limit).execute();
  return rows.map(present);
}

/** B10: deletes the row once; whether this call deleted it (false: already gone). */
export async function deleteRecording(db: Executor, networkId: string, id: string): Promise<boolean> {
  const deleted = await db.deleteFrom('recordings').where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
