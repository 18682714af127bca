/**
 * Reading a network's directory for the edges: tenants, tracking numbers, voice agents, queues,
 * employees and the call log, narrowed to what the caller may see (another tenant's record is a
 * 404, like another network's).
 */
import type { VoiceAgent } from '../../domain/model.js';
import { errors } from '../../shared/errors.js';
import { listCalls, type CallLogEntry } from '../../store/call-log.repository.js';
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

/** L5: the call log, newest first, of the tenants the caller may read (an administrator: every call). */
export async function calls(
  app: Application,
  scope: Scope,
  filter: { tenantId?: string; before?: string },
  limit: number,
): Promise<CallLogEntry[]> {
  const tenantIds = await readableTenants(app.store.db, scope, filter.tenantId);
  return listCalls(
    app.store.db,
    scope.networkId,
    { ...(tenantIds === undefined ? {} : { tenantIds }), ...(filter.before === undefined ? {} : { before: filter.before }) },
    limit,
  );
}

export const queues = (app: Application, networkId: string): Promise<QueueRecord[]> => listQueues(app.store.db, networkId);
export const queue = (app: Application, networkId: string, id: string): Promise<QueueRecord | undefined> =>
  getQueue(app.store.db, networkId, id);
export const employees = (app: Application, networkId: string): Promise<EmployeeRecord[]> => listEmployees(app.store.db, networkId);
export const employee = (app: Application, networkId: string, id: string): Promise<EmployeeRecord | undefined> =>
  getEmployee(app.store.db, networkId, id);
