/** Rows to domain values and back: the one place that knows how a setting is stored. */
import type { RecordingRetention } from '../domain/retention.js';
import type { Selectable } from 'kysely';
import type {
  Announcement,
  ConnectedMode,
  ContinuityChain,
  ContinuityDefault,
  ContinuityDrill,
  CoreRecordingMode,
  Employee,
  ModeSetting,
  Queue,
  RecordingDefaults,
  RecordingMode,
  RecordingTrigger,
  Tenant,
  TrackingNumber,
  TransferBehaviour,
  VoiceAgent,
  WorkflowTarget,
} from '../domain/model.js';
import type { E164 } from '../domain/phone-number.js';
import type {
  EmployeesTable,
  QueuesTable,
  RecordingDefaultsTable,
  TenantsTable,
  TrackingNumbersTable,
  VoiceAgentsTable,
} from './schema.js';

export const bool = (value: number | boolean): boolean => value === 1 || value === true;
export const int = (value: boolean): number => (value ? 1 : 0);

export function toTenant(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    name: row.name,
    contactCenterActive: bool(row.contact_center_active),
    voiceAgentsEnabled: { contactCenter: bool(row.voice_agents_contact_center), core: bool(row.voice_agents_core) },
    coreRecording: { inbound: row.core_inbound as CoreRecordingMode, outbound: row.core_outbound as CoreRecordingMode },
    continuity: {
      enabled: bool(row.continuity_enabled),
      defaultDestination: toContinuityDefault(row.continuity_default_kind, row.continuity_default_number),
      ...(row.continuity_drill === null || row.continuity_drill === undefined ? {} : { drill: toDrill(row.continuity_drill) }),
      ...(row.continuity_chain === null || row.continuity_chain === undefined
        ? {}
        : { chain: JSON.parse(row.continuity_chain) as ContinuityChain }),
    },
    ...(row.time_zone === null ? {} : { timeZone: row.time_zone }),
    ...(row.recording_consent === 'announce_always' ? { recordingConsent: 'announce_always' as const } : {}),
    ...(row.max_pause_seconds === null || row.max_pause_seconds === undefined ? {} : { maxPauseSeconds: Number(row.max_pause_seconds) }),
    ...(row.recording_retention === null || row.recording_retention === undefined
      ? {}
      : { recordingRetention: JSON.parse(row.recording_retention) as RecordingRetention }),
  };
}

function toContinuityDefault(kind: string | null, number: string | null): ContinuityDefault | null {
  if (kind === 'voice_agent') return { kind };
  if (kind === 'external_number' && number !== null) return { kind, number: number as E164 };
  return null;
}

export function tenantColumns(tenant: Omit<Tenant, 'id'>) {
  const destination = tenant.continuity.defaultDestination;
  return {
    name: tenant.name,
    contact_center_active: int(tenant.contactCenterActive),
    voice_agents_contact_center: int(tenant.voiceAgentsEnabled.contactCenter),
    voice_agents_core: int(tenant.voiceAgentsEnabled.core),
    core_inbound: tenant.coreRecording.inbound,
    core_outbound: tenant.coreRecording.outbound,
    continuity_enabled: int(tenant.continuity.enabled),
    continuity_default_kind: destination?.kind ?? null,
    continuity_default_number: destination?.kind === 'external_number' ? destination.number : null,
    time_zone: tenant.timeZone ?? null,
    continuity_drill: drillColumn(tenant.continuity.drill),
    continuity_chain: chainColumn(tenant.continuity.chain),
    recording_consent: tenant.recordingConsent === 'announce_always' ? 'announce_always' : null,
    max_pause_seconds: tenant.maxPauseSeconds ?? null,
    recording_retention: tenant.recordingRetention === undefined ? null : JSON.stringify(tenant.recordingRetention),
  };
}

/** B6: the chain as stored (JSON), or null. */
export const chainColumn = (chain: ContinuityChain | undefined): string | null =>
  chain === undefined ? null : JSON.stringify({ then: chain.then, noAnswerSeconds: chain.noAnswerSeconds });

/** B4: the drill as stored (JSON, its end in ISO 8601), or null. */
export const drillColumn = (drill: ContinuityDrill | null | undefined): string | null =>
  drill === undefined || drill === null ? null : JSON.stringify({ callers: drill.callers, endsAt: new Date(drill.endsAt).toISOString() });

function toDrill(column: string): ContinuityDrill {
  const stored = JSON.parse(column) as { callers: E164[]; endsAt: string };
  return { callers: stored.callers, endsAt: Date.parse(stored.endsAt) };
}

const setting = (mode: string | null, announcement: string | null): ModeSetting | null =>
  mode === null || announcement === null ? null : { mode: mode as RecordingMode, announcement: announcement as Announcement };

export function toQueue(row: Selectable<QueuesTable>): Queue {
  return { id: row.id, name: row.name, customRecording: setting(row.custom_mode, row.custom_announcement) };
}

export function toEmployee(row: Selectable<EmployeesTable>): Employee {
  const inbound = setting(row.custom_inbound_mode, row.custom_inbound_announcement);
  const outbound = setting(row.custom_outbound_mode, row.custom_outbound_announcement);
  return {
    id: row.id,
    name: row.name,
    contactCenterUser: bool(row.contact_center_user),
    directLine: row.direct_line as E164 | null,
    homeTenantId: row.home_tenant_id,
    customRecording: inbound !== null && outbound !== null ? { inbound, outbound } : null,
  };
}

export function employeeColumns(employee: Omit<Employee, 'id'>) {
  const custom = employee.customRecording;
  return {
    name: employee.name,
    contact_center_user: int(employee.contactCenterUser),
    direct_line: employee.directLine,
    home_tenant_id: employee.homeTenantId,
    custom_inbound_mode: custom?.inbound.mode ?? null,
    custom_inbound_announcement: custom?.inbound.announcement ?? null,
    custom_outbound_mode: custom?.outbound.mode ?? null,
    custom_outbound_announcement: custom?.outbound.announcement ?? null,
  };
}

export function toVoiceAgent(row: Selectable<VoiceAgentsTable>): VoiceAgent {
  return { id: row.id, tenantId: row.tenant_id, name: row.name, createdAt: row.created_at, enabled: bool(row.enabled) };
}

export function toTrackingNumber(
  row: Pick<
    Selectable<TrackingNumbersTable>,
    'id' | 'tenant_id' | 'number' | 'workflow_kind' | 'workflow_ref' | 'workflow_number' | 'continuity_number'
  >,
): TrackingNumber {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    number: row.number as E164,
    workflow: toWorkflow(row.workflow_kind, row.workflow_ref, row.workflow_number),
    continuityNumber: row.continuity_number as E164 | null,
  };
}

function toWorkflow(kind: string, ref: string | null, number: string | null): WorkflowTarget {
  switch (kind) {
    case 'queue':
      return { kind, queueId: ref! };
    case 'employee':
      return { kind, employeeId: ref! };
    case 'voice_agent':
      return { kind, voiceAgentId: ref! };
    default:
      return { kind: 'external_number', number: number as E164 };
  }
}

export function workflowColumns(workflow: WorkflowTarget) {
  switch (workflow.kind) {
    case 'queue':
      return { workflow_kind: workflow.kind, workflow_ref: workflow.queueId, workflow_number: null };
    case 'employee':
      return { workflow_kind: workflow.kind, workflow_ref: workflow.employeeId, workflow_number: null };
    case 'voice_agent':
      return { workflow_kind: workflow.kind, workflow_ref: workflow.voiceAgentId, workflow_number: null };
    case 'external_number':
      return { workflow_kind: workflow.kind, workflow_ref: null, workflow_number: workflow.number };
  }
}

export function toDefaults(row: Selectable<RecordingDefaultsTable>): RecordingDefaults {
  return {
    trigger: row.trigger as RecordingTrigger,
    connectedMode: row.connected_mode as ConnectedMode,
    queue: { mode: row.queue_mode as RecordingMode, announcement: row.queue_announcement as Announcement },
    individual: {
      inbound: { mode: row.inbound_mode as RecordingMode, announcement: row.inbound_announcement as Announcement },
      outbound: { mode: row.outbound_mode as RecordingMode, announcement: row.outbound_announcement as Announcement },
    },
    transfer: { toQueue: row.transfer_to_queue as TransferBehaviour, toEmployee: row.transfer_to_employee as TransferBehaviour },
  };
}

export function defaultsColumns(defaults: RecordingDefaults) {
  return {
    trigger: defaults.trigger,
    connected_mode: defaults.connectedMode,
    queue_mode: defaults.queue.mode,
    queue_announcement: defaults.queue.announcement,
    inbound_mode: defaults.individual.inbound.mode,
    inbound_announcement: defaults.individual.inbound.announcement,
    outbound_mode: defaults.individual.outbound.mode,
    outbound_announcement: defaults.individual.outbound.announcement,
    transfer_to_queue: defaults.transfer.toQueue,
    transfer_to_employee: defaults.transfer.toEmployee,
  };
}
