/**
 * Reads a whole network's settings from untrusted JSON (a scenario's inline network, or the demo
 * after a scenario's changes), normalising every phone number to E.164.
 */
import { RECORDING_KINDS, RETENTION_DAYS, type RecordingKind, type RecordingRetention } from './retention.js';
import { DomainError } from './errors.js';
import { parseTimeZone } from './time-zone.js';
import { array, areaCode, boolean, nullablePhone, number, object, oneOf, onlyKeys, phone, string, type Json } from './json-reader.js';
import {
  ANNOUNCEMENTS,
  CONNECTED_MODES,
  CORE_RECORDING_MODES,
  RECORDING_MODES,
  RECORDING_TRIGGERS,
  TRANSFER_BEHAVIOURS,
  MAX_CHAIN_LINKS,
  NO_ANSWER_SECONDS,
  MAX_PAUSE_SECONDS,
  type ContinuityChain,
  type ContinuityDefault,
  type Employee,
  type ModeSetting,
  type NetworkData,
  type Queue,
  type RecordingDefaults,
  type Tenant,
  type TrackingNumber,
  type VoiceAgent,
  type WorkflowTarget,
} from './model.js';

export function readNetworkData(value: unknown, field = 'network'): NetworkData {
  const json = object(value, field);
  onlyKeys(json, ['network', 'recordingDefaults', 'tenants', 'trackingNumbers', 'employees', 'queues', 'voiceAgents', 'exclusions'], field);
  const meta = object(json.network, `${field}.network`);
  const exclusions = object(json.exclusions, `${field}.exclusions`);
  return {
    network: {
      id: string(meta.id, `${field}.network.id`),
      name: string(meta.name, `${field}.network.name`),
      version: number(meta.version ?? 1, `${field}.network.version`),
    },
    recordingDefaults: readDefaults(json.recordingDefaults, `${field}.recordingDefaults`),
    tenants: list(json.tenants, `${field}.tenants`, readTenant),
    trackingNumbers: list(json.trackingNumbers, `${field}.trackingNumbers`, readTrackingNumber),
    employees: list(json.employees, `${field}.employees`, readEmployee),
    queues: list(json.queues, `${field}.queues`, readQueue),
    voiceAgents: list(json.voiceAgents, `${field}.voiceAgents`, readVoiceAgent),
    exclusions: {
      numbers: array(exclusions.numbers ?? [], `${field}.exclusions.numbers`).map((v, i) => phone(v, `${field}.exclusions.numbers[${i}]`)),
      areaCodes: array(exclusions.areaCodes ?? [], `${field}.exclusions.areaCodes`).map((v, i) =>
        areaCode(v, `${field}.exclusions.areaCodes[${i}]`),
      ),
    },
  };
}

function list<T>(value: unknown, field: string, read: (item: unknown, field: string) => T): T[] {
  return array(value ?? [], field).map((item, i) => read(item, `${field}[${i}]`));
}

function readSetting(value: unknown, field: string): ModeSetting {
  const json = object(value, field);
  onlyKeys(json, ['mode', 'announcement'], field);
  return {
    mode: oneOf(json.mode, RECORDING_MODES, `${field}.mode`),
    announcement: oneOf(json.announcement, ANNOUNCEMENTS, `${field}.announcement`),
  };
}

function readDefaults(value: unknown, field: string): RecordingDefaults {
  const json = object(value, field);
  onlyKeys(json, ['trigger', 'connectedMode', 'queue', 'individual', 'transfer'], field);
  const individual = object(json.individual, `${field}.individual`);
  const transfer = object(json.transfer, `${field}.transfer`);
  return {
    trigger: oneOf(json.trigger, RECORDING_TRIGGERS, `${field}.trigger`),
    connectedMode: oneOf(json.connectedMode, CONNECTED_MODES, `${field}.connectedMode`),
    queue: readSetting(json.queue, `${field}.queue`),
    individual: {
      inbound: readSetting(individual.inbound, `${field}.individual.inbound`),
      outbound: readSetting(individual.outbound, `${field}.individual.outbound`),
    },
    transfer: {
      toQueue: oneOf(transfer.toQueue, TRANSFER_BEHAVIOURS, `${field}.transfer.toQueue`),
      toEmployee: oneOf(transfer.toEmployee, TRANSFER_BEHAVIOURS, `${field}.transfer.toEmployee`),
    },
  };
}

function readTenant(value: unknown, field: string): Tenant {
  const json = object(value, field);
  onlyKeys(
    json,
    [
      'id',
      'name',
      'contactCenterActive',
      'voiceAgentsEnabled',
      'coreRecording',
      'continuity',
      'timeZone',
      'recordingConsent',
      'maxPauseSeconds',
      'recordingRetention',
    ],
    field,
  );
  const agents = object(json.voiceAgentsEnabled, `${field}.voiceAgentsEnabled`);
  const core = object(json.coreRecording, `${field}.coreRecording`);
  const continuity = object(json.continuity, `${field}.continuity`);
  return {
    id: string(json.id, `${field}.id`),
    name: string(json.name, `${field}.name`),
    contactCenterActive: boolean(json.contactCenterActive, `${field}.contactCenterActive`),
    ...(json.timeZone === undefined ? {} : { timeZone: parseTimeZone(json.timeZone, `${field}.timeZone`) }),
    ...(json.recordingConsent === undefined
      ? {}
      : { recordingConsent: oneOf(json.recordingConsent, ['by_jurisdiction', 'announce_always'] as const, `${field}.recordingConsent`) }),
    ...(json.maxPauseSeconds === undefined ? {} : { maxPauseSeconds: maxPauseOf(json.maxPauseSeconds, `${field}.maxPauseSeconds`) }),
    ...(json.recordingRetention === undefined
      ? {}
      : { recordingRetention: readRetention(json.recordingRetention, `${field}.recordingRetention`) }),
    voiceAgentsEnabled: {
      contactCenter: boolean(agents.contactCenter, `${field}.voiceAgentsEnabled.contactCenter`),
      core: boolean(agents.core, `${field}.voiceAgentsEnabled.core`),
    },
    coreRecording: {
      inbound: oneOf(core.inbound, CORE_RECORDING_MODES, `${field}.coreRecording.inbound`),
      outbound: oneOf(core.outbound, CORE_RECORDING_MODES, `${field}.coreRecording.outbound`),
    },
    continuity: {
      enabled: boolean(continuity.enabled, `${field}.continuity.enabled`),
      defaultDestination: readContinuityDefault(continuity.defaultDestination, `${field}.continuity.defaultDestination`),
      ...(continuity.chain === undefined ? {} : { chain: readChain(continuity.chain, `${field}.continuity.chain`) }),
    },
  };
}

function readContinuityDefault(value: unknown, field: string): ContinuityDefault | null {
  if (value === null || value === undefined) return null;
  const json = object(value, field);
  const kind = oneOf(json.kind, ['voice_agent', 'external_number'] as const, `${field}.kind`);
  return kind === 'voice_agent' ? { kind } : { kind, number: phone(json.number, `${field}.number`) };
}

/** B6: the destinations after the first (at most MAX_CHAIN_LINKS) and their ring time in seconds. */
function readChain(value: unknown, field: string): ContinuityChain {
  const json = object(value, field);
  onlyKeys(json, ['then', 'noAnswerSeconds'], field);
  const then = list(json.then, `${field}.then`, (link, at) => readContinuityDefault(object(link, at), at)!);
  if (then.length > MAX_CHAIN_LINKS)
    throw new DomainError('invalid_value', `${field}.then`, then.length, `${field}.then: at most ${MAX_CHAIN_LINKS} destinations.`);
  const seconds = json.noAnswerSeconds === undefined ? NO_ANSWER_SECONDS.default : number(json.noAnswerSeconds, `${field}.noAnswerSeconds`);
  if (!Number.isInteger(seconds) || seconds < NO_ANSWER_SECONDS.min || seconds > NO_ANSWER_SECONDS.max)
    throw new DomainError(
      'invalid_value',
      `${field}.noAnswerSeconds`,
      seconds,
      `${field}.noAnswerSeconds: a whole number of seconds from ${NO_ANSWER_SECONDS.min} to ${NO_ANSWER_SECONDS.max}.`,
    );
  return { then, noAnswerSeconds: seconds };
}

/** B10: days per kind of recording (null: for ever). */
export function readRetention(value: unknown, field: string): RecordingRetention {
  const json = object(value, field);
  onlyKeys(json, RECORDING_KINDS, field);
  const days = (kind: RecordingKind): number | null => {
    const raw = json[kind];
    if (raw === null || raw === undefined) return null;
    const n = number(raw, `${field}.${kind}`);
    if (!Number.isInteger(n) || n < RETENTION_DAYS.min || n > RETENTION_DAYS.max)
      throw new DomainError(
        'invalid_value',
        `${field}.${kind}`,
        n,
        `${field}.${kind}: a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}, or null to keep them for ever.`,
      );
    return n;
  };
  return { queue: days('queue'), individual: days('individual'), voice_agent: days('voice_agent'), continuity: days('continuity') };
}

/** B8: a whole number of seconds within MAX_PAUSE_SECONDS. */
function maxPauseOf(value: unknown, field: string): number {
  const seconds = number(value, field);
  if (!Number.isInteger(seconds) || seconds < MAX_PAUSE_SECONDS.min || seconds > MAX_PAUSE_SECONDS.max)
    throw new DomainError(
      'invalid_value',
      field,
      seconds,
      `${field}: a whole number of seconds from ${MAX_PAUSE_SECONDS.min} to ${MAX_PAUSE_SECONDS.max}.`,
    );
  return seconds;
}

function readTrackingNumber(value: unknown, field: string): TrackingNumber {
  const json = object(value, field);
  onlyKeys(json, ['id', 'tenantId', 'number', 'workflow', 'continuityNumber'], field);
  return {
    id: string(json.id, `${field}.id`),
    tenantId: string(json.tenantId, `${field}.tenantId`),
    number: phone(json.number, `${field}.number`),
    workflow: readWorkflow(json.workflow, `${field}.workflow`),
    continuityNumber: nullablePhone(json.continuityNumber, `${field}.continuityNumber`),
  };
}

function readWorkflow(value: unknown, field: string): WorkflowTarget {
  const json: Json = object(value, field);
  const kind = oneOf(json.kind, ['queue', 'employee', 'voice_agent', 'external_number'] as const, `${field}.kind`);
  switch (kind) {
    case 'queue':
      return { kind, queueId: string(json.queueId, `${field}.queueId`) };
    case 'employee':
      return { kind, employeeId: string(json.employeeId, `${field}.employeeId`) };
    case 'voice_agent':
      return { kind, voiceAgentId: string(json.voiceAgentId, `${field}.voiceAgentId`) };
    case 'external_number':
      return { kind, number: phone(json.number, `${field}.number`) };
  }
}

function readEmployee(value: unknown, field: string): Employee {
  const json = object(value, field);
  onlyKeys(json, ['id', 'name', 'contactCenterUser', 'directLine', 'homeTenantId', 'customRecording'], field);
  const custom =
    json.customRecording === null || json.customRecording === undefined ? null : object(json.customRecording, `${field}.customRecording`);
  return {
    id: string(json.id, `${field}.id`),
    name: string(json.name, `${field}.name`),
    contactCenterUser: boolean(json.contactCenterUser, `${field}.contactCenterUser`),
    directLine: nullablePhone(json.directLine, `${field}.directLine`),
    homeTenantId: json.homeTenantId === null || json.homeTenantId === undefined ? null : string(json.homeTenantId, `${field}.homeTenantId`),
    customRecording:
      custom === null
        ? null
        : {
            inbound: readSetting(custom.inbound, `${field}.customRecording.inbound`),
            outbound: readSetting(custom.outbound, `${field}.customRecording.outbound`),
          },
  };
}

function readQueue(value: unknown, field: string): Queue {
  const json = object(value, field);
  onlyKeys(json, ['id', 'name', 'customRecording'], field);
  return {
    id: string(json.id, `${field}.id`),
    name: string(json.name, `${field}.name`),
    customRecording:
      json.customRecording === null || json.customRecording === undefined
        ? null
        : readSetting(json.customRecording, `${field}.customRecording`),
  };
}

function readVoiceAgent(value: unknown, field: string): VoiceAgent {
  const json = object(value, field);
  onlyKeys(json, ['id', 'tenantId', 'name', 'createdAt', 'enabled'], field);
  return {
    id: string(json.id, `${field}.id`),
    tenantId: string(json.tenantId, `${field}.tenantId`),
    name: string(json.name, `${field}.name`),
    createdAt: string(json.createdAt, `${field}.createdAt`),
    enabled: boolean(json.enabled, `${field}.enabled`),
  };
}
