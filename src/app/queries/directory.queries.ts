/**
 * Reading a network's directory for the edges: tenants, tracking numbers, voice agents, queues,
 * employees and the call log, narrowed to what the caller may see (another tenant's record is a
 * 404, like another network's).
 */
import type { VoiceAgent } from '../../domain/model.js';
import { errors } from '../../shared/errors.js';
import { expiresAt, isHeld, KEEP_FOREVER } from '../../domain/retention.js';
import { listCalls, type CallLogEntry, type LoggedRecording } from '../../store/call-log.repository.js';
import { listHolds } from '../../store/legal-holds.repository.js';
import { getEmployee, listEmployees, type EmployeeRecord } from '../../store/employees.repository.js';
import { getNetwork, type NetworkRecord } from '../../store/networks.repository.js';
import { getQueue, listQueues, type QueueRecord } from '../../store/queues.repository.js';
import { getTenant, listTenants, type TenantRecord } from '../../store/tenants.repository.js';
import { getTrackingNumber, listTrackingNumbers, type TrackingNumberRecord } from '../../store/tracking-numbers.repository.js';
import { getVoiceAgent, listVoiceAgents } from '../../store/voice-agents.repository.js';
import type { Application } from '../application.js';
import { seesTenant } from '../policies/actor.js';
import type { Scope } from '../policies/scope.js';
import { readableTenants, visibleTenants } from './visible-tenants.js';

export const network = (app: Application, networkId: string): Promise<NetworkRecord | undefined> => getNetwork(app.store.db, networkId);

export const tenants = (app: Application, networkId: string): Promise<TenantRecord[]> => listTenants(app.store.db, networkId);

/** A tenant the caller may see; the same 404 when it is missing or not theirs to see. */
export async function visibleTenant(app: Application, scope: Scope, tenantId: string): Promise<TenantRecord> {
  const record = await getTenant(app.store.db, scope.networkId, tenantId);
  if (record === undefined || !seesTenant(scope.actor, scope.networkId, tenantId)) throw errors.notFound('tenant', tenantId);
  return record;
}

/** The tenant a tracking number or voice agent is of, when the caller may see it; else the same 404. */
export async function tenantOf(app: Application, scope: Scope, kind: 'tracking number' | 'voice agent', id: string): Promise<string> {
  const tenantId =
    kind === 'tracking number'
      ? (await getTrackingNumber(app.store.db, scope.networkId, id))?.trackingNumber.tenantId
      : (await getVoiceAgent(app.store.db, scope.networkId, id))?.voiceAgent.tenantId;
  if (tenantId === undefined || !seesTenant(scope.actor, scope.networkId, tenantId)) throw errors.notFound(kind, id);
  return tenantId;
}

export const trackingNumber = (app: Application, networkId: string, id: string): Promise<TrackingNumberRecord | undefined> =>
  getTrackingNumber(app.store.db, networkId, id);

/** The tracking numbers of the tenants the caller sees (one tenant's when asked). */
export async function trackingNumbers(app: Application, scope: Scope, tenantId?: string): Promise<TrackingNumberRecord[]> {
  const visible = new Set(await visibleTenants(app.store.db, scope, tenantId));
  const numbers = await listTrackingNumbers(app.store.db, scope.networkId, tenantId);
  return numbers.filter((n) => visible.has(n.trackingNumber.tenantId));
}

export async function voiceAgents(app: Application, scope: Scope, tenantId?: string): Promise<VoiceAgent[]> {
  return listVoiceAgents(app.store.db, scope.networkId, await visibleTenants(app.store.db, scope, tenantId));
}

/** B10: a logged call's recording, with how long it is kept (its tenant's retention, unless a legal hold keeps it). */
export interface CallRecordingView extends LoggedRecording {
  /** When the deletion job removes it (ISO); null: kept for ever, or held. */
  readonly keptUntil: string | null;
  readonly held: boolean;
}
export type CallView = Omit<CallLogEntry, 'recordings'> & { readonly recordings: readonly CallRecordingView[] };

/** L5: the call log, newest first, of the tenants the caller may read (an administrator: every call). */
export async function calls(
  app: Application,
  scope: Scope,
  filter: { tenantId?: string; before?: string },
  limit: number,
): Promise<CallView[]> {
  const tenantIds = await readableTenants(app.store.db, scope, filter.tenantId);
  const page = await listCalls(
    app.store.db,
    scope.networkId,
    { ...(tenantIds === undefined ? {} : { tenantIds }), ...(filter.before === undefined ? {} : { before: filter.before }) },
    limit,
  );
  if (page.every((call) => call.recordings.length === 0)) return page as CallView[];
  const [snapshot, holds] = await Promise.all([app.snapshots?.get(scope.networkId), listHolds(app.store.db, scope.networkId, true)]);
  return page.map(({ recordings, ...call }) => {
    const retention = snapshot?.tenants.find((t) => t.id === call.tenantId)?.recordingRetention ?? KEEP_FOREVER;
    return {
      ...call,
      recordings: recordings.map((recording) => {
        const held = isHeld(holds, { tenantId: call.tenantId, callLogId: call.id, caller: recording.caller });
        const until = held ? null : expiresAt(Date.parse(recording.createdAt), recording.kind, retention);
        return { ...recording, held, keptUntil: until === null ? null : new Date(until).toISOString() };
      }),
    };
  });
}

export const queues = (app: Application, networkId: string): Promise<QueueRecord[]> => listQueues(app.store.db, networkId);
export const queue = (app: Application, networkId: string, id: string): Promise<QueueRecord | undefined> =>
  getQueue(app.store.db, networkId, id);
export const employees = (app: Application, networkId: string): Promise<EmployeeRecord[]> => listEmployees(app.store.db, networkId);
export const employee = (app: Application, networkId: string, id: string): Promise<EmployeeRecord | undefined> =>
  getEmployee(app.store.db, networkId, id);
