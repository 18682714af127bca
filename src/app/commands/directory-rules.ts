/**
 * What an administrator would expect of a network's directory, shared by the commands that edit
 * it: a number belongs to one place in the whole deployment, a workflow routes only to what exists
 * (a voice agent of the same tenant), nothing a workflow still routes to can be deleted, and
 * continuity numbers are external (C6).
 */
import { Type, type Static } from 'typebox';
import type { Employee, WorkflowTarget } from '../../domain/model.js';
import { parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import { errors } from '../../shared/errors.js';
import { findExternalUse, findNumberOwner } from '../../store/continuity.repository.js';
import type { Executor } from '../../store/db.js';
import { getEmployee } from '../../store/employees.repository.js';
import { getQueue } from '../../store/queues.repository.js';
import { getTenant } from '../../store/tenants.repository.js';
import { getVoiceAgent } from '../../store/voice-agents.repository.js';
import { Id, Name, PhoneInput } from '../schemas.js';

/** Where a tracking number sends calls while continuity is off. */
export const WorkflowSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('queue'), queueId: Id }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('employee'), employeeId: Id }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('voice_agent'), voiceAgentId: Id }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('external_number'), number: PhoneInput }, { additionalProperties: false }),
  ],
  { description: 'where the tracking number sends calls while continuity is off' },
);
export type WorkflowInput = Static<typeof WorkflowSchema>;

/** A number that must not be anyone's yet, anywhere in the deployment. */
export async function requireFree(db: Executor, networkId: string, number: E164, field: string): Promise<void> {
  const owner = await findNumberOwner(db, number);
  if (owner !== undefined) {
    const what =
      owner.networkId !== networkId
        ? 'in use in this deployment'
        : owner.kind === 'tracking_number'
          ? `already a tracking number of tenant "${owner.tenantName}"`
          : `already the direct line of ${owner.employeeName}`;
    throw errors.conflict('number_in_use', field, number, `${field}: ${number} is ${what}.`);
  }
  // C6 must keep holding: a continuity destination or forward target stays external.
  const external = await findExternalUse(db, number);
  if (external !== undefined) {
    const what = external.networkId !== networkId ? 'in use in this deployment' : external.use;
    throw errors.conflict('number_in_use', field, number, `${field}: ${number} is ${what}; it must stay an external number.`);
  }
}

export async function resolveWorkflow(db: Executor, networkId: string, tenantId: string, input: WorkflowInput): Promise<WorkflowTarget> {
  switch (input.kind) {
    case 'queue':
      if ((await getQueue(db, networkId, input.queueId)) === undefined)
        throw errors.validation('workflow.queueId', input.queueId, `workflow.queueId: no queue "${input.queueId}" in this network.`);
      return input;
    case 'employee':
      if ((await getEmployee(db, networkId, input.employeeId)) === undefined)
        throw errors.validation(
          'workflow.employeeId',
          input.employeeId,
          `workflow.employeeId: no employee "${input.employeeId}" in this network.`,
        );
      return input;
    case 'voice_agent': {
      const agent = await getVoiceAgent(db, networkId, input.voiceAgentId);
      if (agent === undefined || agent.voiceAgent.tenantId !== tenantId)
        throw errors.validation(
          'workflow.voiceAgentId',
          input.voiceAgentId,
          `workflow.voiceAgentId: no voice agent "${input.voiceAgentId}" of this tenant.`,
        );
      return input;
    }
    case 'external_number': {
      const number = parsePhoneNumber(input.number, 'workflow.number');
      const owner = await findNumberOwner(db, number);
      if (owner !== undefined)
        throw errors.conflict(
          'forward_not_external',
          'workflow.number',
          number,
          `workflow.number: ${number} is a number of this deployment; route to its queue, employee or voice agent instead of forwarding.`,
        );
      return { kind: 'external_number', number };
    }
  }
}

export function refuseIfRouted(numbers: readonly E164[], what: string, field: string, id: string): void {
  if (numbers.length === 0) return;
  throw errors.conflict(
    'in_use_by_workflow',
    field,
    id,
    `${what} still receives the calls of ${numbers.join(', ')}; route those numbers elsewhere first.`,
    { trackingNumbers: numbers },
  );
}

// --- employees ---

export const EmployeeSchema = Type.Object(
  {
    name: Name,
    contactCenterUser: Type.Boolean(),
    directLine: Type.Optional(Type.Union([PhoneInput, Type.Null()])),
    homeTenantId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type EmployeeInput = Static<typeof EmployeeSchema>;

export async function checkEmployee(
  db: Executor,
  networkId: string,
  input: EmployeeInput,
  currentLine: E164 | null,
): Promise<Omit<Employee, 'id' | 'customRecording'>> {
  const homeTenantId = input.homeTenantId ?? null;
  if (homeTenantId !== null && (await getTenant(db, networkId, homeTenantId)) === undefined) {
    throw errors.validation('homeTenantId', homeTenantId, `homeTenantId: no tenant "${homeTenantId}" in this network.`);
  }
  if (!input.contactCenterUser && homeTenantId === null) {
    throw errors.validation(
      'homeTenantId',
      null,
      "homeTenantId: a user who is not a contact-center user works in one tenant's core platform; name it (L1a).",
    );
  }
  let directLine: E164 | null = null;
  if (input.directLine !== undefined && input.directLine !== null) {
    directLine = parsePhoneNumber(input.directLine, 'directLine');
    if (directLine !== currentLine) await requireFree(db, networkId, directLine, 'directLine');
  }
  return { name: input.name.trim(), contactCenterUser: input.contactCenterUser, directLine, homeTenantId };
}
