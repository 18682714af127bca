/**
 * Editing a network's directory: tenants, tracking numbers, queues, employees and voice agents.
 * What an administrator would expect is enforced here: a number belongs to one place in the whole
 * deployment, a workflow routes only to what exists (a voice agent of the same tenant), nothing a
 * workflow still routes to can be deleted, and continuity numbers are external (C6).
 */
import type { ContinuityDefault, CoreRecordingSettings, Employee, ModeSetting, WorkflowTarget } from '../../domain/model.js';
import { parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import { errors } from '../../shared/errors.js';
import { findExternalUse, findNumberOwner } from '../../store/continuity.repository.js';
import type { Executor } from '../../store/db.js';
import {
  bumpVersioned, deleteVersioned, insertEmployee, insertQueue, insertTenant, insertTrackingNumber, insertVoiceAgent, updateWorkflow, workflowsUsing,
} from '../../store/directory.repository.js';
import { getEmployee } from '../../store/employees.repository.js';
import { getQueue } from '../../store/queues.repository.js';
import { int } from '../../store/rows.js';
import { getTenant, updateTenant } from '../../store/tenants.repository.js';
import { getTrackingNumber } from '../../store/tracking-numbers.repository.js';
import { getVoiceAgent } from '../../store/voice-agents.repository.js';
import { auditedChange, type ChangeContext } from './audited-change.js';
import { requireExternal } from './continuity-settings.js';

export type WorkflowInput =
  | { kind: 'queue'; queueId: string }
  | { kind: 'employee'; employeeId: string }
  | { kind: 'voice_agent'; voiceAgentId: string }
  | { kind: 'external_number'; number: string };

/** A number that must not be anyone's yet, anywhere in the deployment. */
async function requireFree(db: Executor, networkId: string, number: E164, field: string): Promise<void> {
  const owner = await findNumberOwner(db, number);
  if (owner !== undefined) {
    const what = owner.networkId !== networkId ? 'in use in this deployment'
      : owner.kind === 'tracking_number' ? `already a tracking number of tenant "${owner.tenantName}"` : `already the direct line of ${owner.employeeName}`;
    throw errors.conflict('number_in_use', field, number, `${field}: ${number} is ${what}.`);
  }
  // C6 must keep holding: a continuity destination or forward target stays external.
  const external = await findExternalUse(db, number);
  if (external !== undefined) {
    const what = external.networkId !== networkId ? 'in use in this deployment' : external.use;
    throw errors.conflict('number_in_use', field, number, `${field}: ${number} is ${what}; it must stay an external number.`);
  }
}

async function resolveWorkflow(db: Executor, networkId: string, tenantId: string, input: WorkflowInput): Promise<WorkflowTarget> {
  switch (input.kind) {
    case 'queue':
      if ((await getQueue(db, networkId, input.queueId)) === undefined) throw errors.validation('workflow.queueId', input.queueId, `workflow.queueId: no queue "${input.queueId}" in this network.`);
      return input;
    case 'employee':
      if ((await getEmployee(db, networkId, input.employeeId)) === undefined) throw errors.validation('workflow.employeeId', input.employeeId, `workflow.employeeId: no employee "${input.employeeId}" in this network.`);
      return input;
    case 'voice_agent': {
      const agent = await getVoiceAgent(db, networkId, input.voiceAgentId);
      if (agent === undefined || agent.voiceAgent.tenantId !== tenantId) throw errors.validation('workflow.voiceAgentId', input.voiceAgentId, `workflow.voiceAgentId: no voice agent "${input.voiceAgentId}" of this tenant.`);
      return input;
    }
    case 'external_number': {
      const number = parsePhoneNumber(input.number, 'workflow.number');
      const owner = await findNumberOwner(db, number);
      if (owner !== undefined) throw errors.conflict('forward_not_external', 'workflow.number', number, `workflow.number: ${number} is a number of this deployment; route to its queue, employee or voice agent instead of forwarding.`);
      return { kind: 'external_number', number };
    }
  }
}

function refuseIfRouted(numbers: readonly E164[], what: string, field: string, id: string): void {
  if (numbers.length === 0) return;
  throw errors.conflict('in_use_by_workflow', field, id, `${what} still receives the calls of ${numbers.join(', ')}; route those numbers elsewhere first.`, { trackingNumbers: numbers });
}

// --- tenants ---

export interface TenantInput {
  name: string;
  contactCenterActive?: boolean;
  voiceAgentsEnabled?: { contactCenter: boolean; core: boolean };
  coreRecording?: CoreRecordingSettings;
}

export function createTenant(context: ChangeContext, input: TenantInput): Promise<string> {
  return auditedChange(context, 'tenant.create', 'tenant', async (unit) => {
    const tenant = {
      name: input.name.trim(),
      contactCenterActive: input.contactCenterActive ?? true,
      voiceAgentsEnabled: input.voiceAgentsEnabled ?? { contactCenter: false, core: false },
      coreRecording: input.coreRecording ?? { inbound: 'automatic', outbound: 'automatic' },
      // C1: off, and no destination until an administrator picks one.
      continuity: { enabled: false, defaultDestination: null as ContinuityDefault | null },
    } as const;
    const id = await insertTenant(unit.trx, context.networkId, tenant);
    return { result: id, resourceId: id, tenantIds: [id], before: null, after: tenant };
  });
}

export function updateTenantDetails(context: ChangeContext, tenantId: string, expectedVersion: number, patch: Partial<Omit<TenantInput, 'coreRecording'>>): Promise<number> {
  return auditedChange(context, 'tenant.update', 'tenant', async (unit) => {
    const current = await getTenant(unit.trx, context.networkId, tenantId);
    if (current === undefined) throw errors.notFound('tenant', tenantId);
    const next = {
      ...current.tenant,
      ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
      ...(patch.contactCenterActive === undefined ? {} : { contactCenterActive: patch.contactCenterActive }),
      ...(patch.voiceAgentsEnabled === undefined ? {} : { voiceAgentsEnabled: patch.voiceAgentsEnabled }),
    };
    const updated = await updateTenant(unit.trx, context.networkId, tenantId, expectedVersion, next);
    return { result: updated.version, resourceId: tenantId, tenantIds: [tenantId], before: current.tenant, after: next };
  });
}

// --- tracking numbers ---

export function createTrackingNumber(context: ChangeContext, input: { tenantId: string; number: string; workflow: WorkflowInput; continuityNumber?: string | null }): Promise<string> {
  return auditedChange(context, 'tracking_number.create', 'tracking_number', async (unit) => {
    const db = unit.trx;
    if ((await getTenant(db, context.networkId, input.tenantId)) === undefined) throw errors.validation('tenantId', input.tenantId, `tenantId: no tenant "${input.tenantId}" in this network.`);
    const number = parsePhoneNumber(input.number, 'number');
    await requireFree(db, context.networkId, number, 'number');
    const workflow = await resolveWorkflow(db, context.networkId, input.tenantId, input.workflow);
    let continuityNumber: E164 | null = null;
    if (input.continuityNumber !== undefined && input.continuityNumber !== null) {
      continuityNumber = parsePhoneNumber(input.continuityNumber, 'continuityNumber');
      await requireExternal(db, context.networkId, continuityNumber, 'continuityNumber', number);
    }
    const created = { tenantId: input.tenantId, number, workflow, continuityNumber };
    const id = await insertTrackingNumber(db, context.networkId, created);
    return { result: id, resourceId: id, tenantIds: [input.tenantId], before: null, after: created };
  });
}

export function changeWorkflow(context: ChangeContext, trackingNumberId: string, expectedVersion: number, input: WorkflowInput): Promise<number> {
  return auditedChange(context, 'tracking_number.workflow', 'tracking_number', async (unit) => {
    const current = await getTrackingNumber(unit.trx, context.networkId, trackingNumberId);
    if (current === undefined) throw errors.notFound('tracking number', trackingNumberId);
    const workflow = await resolveWorkflow(unit.trx, context.networkId, current.trackingNumber.tenantId, input);
    const version = await updateWorkflow(unit.trx, context.networkId, trackingNumberId, expectedVersion, workflow);
    return { result: version, resourceId: trackingNumberId, tenantIds: [current.trackingNumber.tenantId], before: current.trackingNumber.workflow, after: workflow };
  });
}

export function deleteTrackingNumber(context: ChangeContext, trackingNumberId: string, expectedVersion: number): Promise<void> {
  return auditedChange(context, 'tracking_number.delete', 'tracking_number', async (unit) => {
    const current = await getTrackingNumber(unit.trx, context.networkId, trackingNumberId);
    if (current === undefined) throw errors.notFound('tracking number', trackingNumberId);
    await deleteVersioned(unit.trx, 'tracking_numbers', context.networkId, trackingNumberId, expectedVersion);
    return { result: undefined, resourceId: trackingNumberId, tenantIds: [current.trackingNumber.tenantId], before: current.trackingNumber, after: null };
  });
}

// --- queues ---

export function createQueue(context: ChangeContext, input: { name: string; customRecording?: ModeSetting | null }): Promise<string> {
  return auditedChange(context, 'queue.create', 'queue', async (unit) => {
    const queue = { name: input.name.trim(), customRecording: input.customRecording ?? null };
    const id = await insertQueue(unit.trx, context.networkId, queue);
    return { result: id, resourceId: id, tenantIds: [], before: null, after: queue };
  });
}

export function renameQueue(context: ChangeContext, queueId: string, expectedVersion: number, name: string): Promise<number> {
  return auditedChange(context, 'queue.rename', 'queue', async (unit) => {
    const current = await getQueue(unit.trx, context.networkId, queueId);
    if (current === undefined) throw errors.notFound('queue', queueId);
    const version = await bumpVersioned(unit.trx, 'queues', context.networkId, queueId, expectedVersion, { name: name.trim() });
    return { result: version, resourceId: queueId, tenantIds: [], before: { name: current.queue.name }, after: { name: name.trim() } };
  });
}

export function deleteQueue(context: ChangeContext, queueId: string, expectedVersion: number): Promise<void> {
  return auditedChange(context, 'queue.delete', 'queue', async (unit) => {
    const current = await getQueue(unit.trx, context.networkId, queueId);
    if (current === undefined) throw errors.notFound('queue', queueId);
    refuseIfRouted(await workflowsUsing(unit.trx, context.networkId, 'queue', queueId), `Queue "${current.queue.name}"`, 'queueId', queueId);
    await deleteVersioned(unit.trx, 'queues', context.networkId, queueId, expectedVersion);
    return { result: undefined, resourceId: queueId, tenantIds: [], before: current.queue, after: null };
  });
}

// --- employees ---

export interface EmployeeInput {
  name: string;
  contactCenterUser: boolean;
  directLine?: string | null;
  homeTenantId?: string | null;
}

async function checkEmployee(db: Executor, networkId: string, input: EmployeeInput, currentLine: E164 | null): Promise<Omit<Employee, 'id' | 'customRecording'>> {
  const homeTenantId = input.homeTenantId ?? null;
  if (homeTenantId !== null && (await getTenant(db, networkId, homeTenantId)) === undefined) {
    throw errors.validation('homeTenantId', homeTenantId, `homeTenantId: no tenant "${homeTenantId}" in this network.`);
  }
  if (!input.contactCenterUser && homeTenantId === null) {
    throw errors.validation('homeTenantId', null, 'homeTenantId: a user who is not a contact-center user works in one tenant\'s core platform; name it (L1a).');
  }
  let directLine: E164 | null = null;
  if (input.directLine !== undefined && input.directLine !== null) {
    directLine = parsePhoneNumber(input.directLine, 'directLine');
    if (directLine !== currentLine) await requireFree(db, networkId, directLine, 'directLine');
  }
  return { name: input.name.trim(), contactCenterUser: input.contactCenterUser, directLine, homeTenantId };
}

export function createEmployee(context: ChangeContext, input: EmployeeInput): Promise<string> {
  return auditedChange(context, 'employee.create', 'employee', async (unit) => {
    const employee = { ...(await checkEmployee(unit.trx, context.networkId, input, null)), customRecording: null };
    const id = await insertEmployee(unit.trx, context.networkId, employee);
    return { result: id, resourceId: id, tenantIds: [], before: null, after: employee };
  });
}

export function updateEmployee(context: ChangeContext, employeeId: string, expectedVersion: number, input: EmployeeInput): Promise<number> {
  return auditedChange(context, 'employee.update', 'employee', async (unit) => {
    const current = await getEmployee(unit.trx, context.networkId, employeeId);
    if (current === undefined) throw errors.notFound('employee', employeeId);
    const checked = await checkEmployee(unit.trx, context.networkId, input, current.employee.directLine);
    const version = await bumpVersioned(unit.trx, 'employees', context.networkId, employeeId, expectedVersion, {
      name: checked.name, contact_center_user: int(checked.contactCenterUser), direct_line: checked.directLine, home_tenant_id: checked.homeTenantId,
    });
    return { result: version, resourceId: employeeId, tenantIds: [], before: current.employee, after: checked };
  });
}

export function deleteEmployee(context: ChangeContext, employeeId: string, expectedVersion: number): Promise<void> {
  return auditedChange(context, 'employee.delete', 'employee', async (unit) => {
    const current = await getEmployee(unit.trx, context.networkId, employeeId);
    if (current === undefined) throw errors.notFound('employee', employeeId);
    refuseIfRouted(await workflowsUsing(unit.trx, context.networkId, 'employee', employeeId), current.employee.name, 'employeeId', employeeId);
    await deleteVersioned(unit.trx, 'employees', context.networkId, employeeId, expectedVersion);
    return { result: undefined, resourceId: employeeId, tenantIds: [], before: current.employee, after: null };
  });
}

// --- voice agents (C5: the oldest enabled one takes continuity calls; the next takes over) ---

export function createVoiceAgent(context: ChangeContext, input: { tenantId: string; name: string; enabled?: boolean }): Promise<string> {
  return auditedChange(context, 'voice_agent.create', 'voice_agent', async (unit) => {
    if ((await getTenant(unit.trx, context.networkId, input.tenantId)) === undefined) throw errors.validation('tenantId', input.tenantId, `tenantId: no tenant "${input.tenantId}" in this network.`);
    const agent = { tenantId: input.tenantId, name: input.name.trim(), enabled: input.enabled ?? true };
    const id = await insertVoiceAgent(unit.trx, context.networkId, agent);
    return { result: id, resourceId: id, tenantIds: [input.tenantId], before: null, after: agent };
  });
}

export function updateVoiceAgent(context: ChangeContext, agentId: string, expectedVersion: number, patch: { name?: string; enabled?: boolean }): Promise<number> {
  return auditedChange(context, 'voice_agent.update', 'voice_agent', async (unit) => {
    const current = await getVoiceAgent(unit.trx, context.networkId, agentId);
    if (current === undefined) throw errors.notFound('voice agent', agentId);
    const values = { ...(patch.name === undefined ? {} : { name: patch.name.trim() }), ...(patch.enabled === undefined ? {} : { enabled: int(patch.enabled) }) };
    const version = await bumpVersioned(unit.trx, 'voice_agents', context.networkId, agentId, expectedVersion, values);
    const { name, enabled, tenantId } = current.voiceAgent;
    return { result: version, resourceId: agentId, tenantIds: [tenantId], before: { name, enabled }, after: patch };
  });
}

export function deleteVoiceAgent(context: ChangeContext, agentId: string, expectedVersion: number): Promise<void> {
  return auditedChange(context, 'voice_agent.delete', 'voice_agent', async (unit) => {
    const current = await getVoiceAgent(unit.trx, context.networkId, agentId);
    if (current === undefined) throw errors.notFound('voice agent', agentId);
    const { name, enabled, tenantId } = current.voiceAgent;
    refuseIfRouted(await workflowsUsing(unit.trx, context.networkId, 'voice_agent', agentId), `Voice agent "${name}"`, 'voiceAgentId', agentId);
    await deleteVersioned(unit.trx, 'voice_agents', context.networkId, agentId, expectedVersion);
    return { result: undefined, resourceId: agentId, tenantIds: [tenantId], before: { name, enabled }, after: null };
  });
}
