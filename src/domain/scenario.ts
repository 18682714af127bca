/**
 * The test-call scenario format (docs/test-call.md): a network (named, e.g. "demo", or inline),
 * optional changes on top of it as an administrator would make them, a call and its events.
 * Everything is read from untrusted JSON and every error names the field and the value.
 */
import { CALL_EVENT_TYPES, type Call, type CallEvent } from './call.js';
import { DomainError, quote } from './errors.js';
import { array, number, object, oneOf, onlyKeys, optionalString, phone, string, type Json } from './json-reader.js';
import type { NetworkData } from './model.js';
import { readNetworkData } from './network-reader.js';
import { parseExclusionEntry, parsePhoneNumber } from './phone-number.js';

export interface Scenario {
  readonly name: string | undefined;
  readonly network: NetworkData;
  readonly call: Call;
  readonly events: readonly CallEvent[];
}

/** Finds a built-in network by name ("demo"). */
export type NetworkResolver = (name: string) => NetworkData | undefined;

export function readScenario(value: unknown, resolve: NetworkResolver): Scenario {
  const json = object(value, 'scenario');
  onlyKeys(json, ['name', 'description', 'network', 'changes', 'call', 'events', 'expected'], '');
  let base: unknown;
  if (typeof json.network === 'string') {
    base = resolve(json.network);
    if (base === undefined)
      throw new DomainError(
        'unknown_network',
        'network',
        json.network,
        `network: no built-in network ${quote(json.network)} (try "demo").`,
      );
  } else {
    base = object(json.network, 'network');
  }
  const changed = json.changes === undefined ? base : applyChanges(base, object(json.changes, 'changes'));
  return {
    name: optionalString(json.name, 'name'),
    network: readNetworkData(changed),
    call: readCall(json.call),
    events: readEvents(json.events),
  };
}

const COLLECTIONS = ['tenants', 'queues', 'employees', 'voiceAgents', 'trackingNumbers'] as const;

/** Applies a scenario's `changes` to a network, by id (tracking numbers also by number). */
function applyChanges(base: unknown, changes: Json): unknown {
  onlyKeys(changes, ['recordingDefaults', ...COLLECTIONS, 'exclusions'], 'changes');
  const network = structuredClone(base) as Json;
  if (changes.recordingDefaults !== undefined) {
    network.recordingDefaults = merge(network.recordingDefaults, object(changes.recordingDefaults, 'changes.recordingDefaults'));
  }
  for (const collection of COLLECTIONS) {
    if (changes[collection] === undefined) continue;
    const items = array(network[collection] ?? [], collection) as Json[];
    for (const [key, patch] of Object.entries(object(changes[collection], `changes.${collection}`))) {
      const field = `changes.${collection}.${key}`;
      const index = findItem(items, collection, key);
      if (index < 0)
        throw new DomainError('unknown_reference', field, key, `${field}: the network has no ${collection} entry ${quote(key)}.`);
      items[index] = merge(items[index], object(patch, field)) as Json;
    }
  }
  if (changes.exclusions !== undefined)
    network.exclusions = changeExclusions(network.exclusions, object(changes.exclusions, 'changes.exclusions'));
  return network;
}

function findItem(items: Json[], collection: string, key: string): number {
  const byId = items.findIndex((item) => item.id === key);
  if (byId >= 0 || collection !== 'trackingNumbers') return byId;
  const number = parsePhoneNumber(key, `changes.trackingNumbers.${key}`);
  return items.findIndex((item) => item.number === number);
}

function changeExclusions(current: unknown, change: Json): Json {
  onlyKeys(change, ['add', 'remove'], 'changes.exclusions');
  const list = object(current ?? {}, 'exclusions');
  const numbers = new Set(array(list.numbers ?? [], 'exclusions.numbers') as string[]);
  const areaCodes = new Set(array(list.areaCodes ?? [], 'exclusions.areaCodes') as string[]);
  const entries = (key: 'add' | 'remove') =>
    array(change[key] ?? [], `changes.exclusions.${key}`).map((v, i) => parseExclusionEntry(v, `changes.exclusions.${key}[${i}]`));
  for (const entry of entries('add')) {
    if (entry.kind === 'number') numbers.add(entry.number);
    else areaCodes.add(entry.areaCode);
  }
  for (const entry of entries('remove')) {
    if (entry.kind === 'number') numbers.delete(entry.number);
    else areaCodes.delete(entry.areaCode);
  }
  return { numbers: [...numbers], areaCodes: [...areaCodes] };
}

/** Deep merge of plain objects; anything else in the patch replaces what was there. */
function merge(base: unknown, patch: Json): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return patch;
  const out: Json = { ...(base as Json) };
  for (const [key, value] of Object.entries(patch)) {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    out[key] = isObject ? merge(out[key], value as Json) : value;
  }
  return out;
}

export function readCall(value: unknown): Call {
  const json = object(value, 'call');
  const direction = oneOf(json.direction, ['inbound', 'outbound', 'internal'] as const, 'call.direction');
  switch (direction) {
    case 'inbound':
      onlyKeys(json, ['direction', 'from', 'to'], 'call');
      return { direction, from: phone(json.from, 'call.from'), to: phone(json.to, 'call.to') };
    case 'outbound': {
      onlyKeys(json, ['direction', 'employeeId', 'to', 'via', 'tenantId'], 'call');
      const tenantId = optionalString(json.tenantId, 'call.tenantId');
      return {
        direction,
        employeeId: string(json.employeeId, 'call.employeeId'),
        to: phone(json.to, 'call.to'),
        via: oneOf(json.via ?? 'contact_center', ['contact_center', 'click_to_call'] as const, 'call.via'),
        ...(tenantId === undefined ? {} : { tenantId }),
      };
    }
    case 'internal':
      onlyKeys(json, ['direction', 'fromEmployeeId', 'toEmployeeId'], 'call');
      return {
        direction,
        fromEmployeeId: string(json.fromEmployeeId, 'call.fromEmployeeId'),
        toEmployeeId: string(json.toEmployeeId, 'call.toEmployeeId'),
      };
  }
}

const EVENT_FIELDS: Record<CallEvent['type'], readonly string[]> = {
  connected: [],
  answered: ['employeeId', 'voiceAgentId', 'queueId'],
  redirected: ['queueId'],
  transferred_to_queue: ['queueId'],
  transferred_to_employee: ['employeeId'],
  forwarded: ['number'],
  payment_opened: [],
  payment_closed: [],
  agent_start: [],
  agent_stop: [],
  announcement_played: [],
  paused: [],
  resumed: [],
  pause_expired: [],
  hangup: [],
};

export function readEvents(value: unknown): CallEvent[] {
  return array(value, 'events').map((item, i) => readEvent(item, `events[${i}]`));
}

export function readEvent(value: unknown, field: string): CallEvent {
  const json = object(value, field);
  const type = oneOf(json.type, CALL_EVENT_TYPES, `${field}.type`);
  onlyKeys(json, ['type', 'at', ...EVENT_FIELDS[type]], field);
  const at = number(json.at, `${field}.at`);
  switch (type) {
    case 'answered': {
      const employeeId = optionalString(json.employeeId, `${field}.employeeId`);
      const voiceAgentId = optionalString(json.voiceAgentId, `${field}.voiceAgentId`);
      const queueId = optionalString(json.queueId, `${field}.queueId`);
      if (employeeId !== undefined && voiceAgentId !== undefined) {
        throw new DomainError(
          'invalid_event',
          `${field}.voiceAgentId`,
          voiceAgentId,
          `${field}: an answer comes from an employee or a voice agent, not both.`,
        );
      }
      return {
        type,
        at,
        ...(employeeId === undefined ? {} : { employeeId }),
        ...(voiceAgentId === undefined ? {} : { voiceAgentId }),
        ...(queueId === undefined ? {} : { queueId }),
      };
    }
    case 'redirected':
    case 'transferred_to_queue':
      return { type, at, queueId: string(json.queueId, `${field}.queueId`) };
    case 'transferred_to_employee':
      return { type, at, employeeId: string(json.employeeId, `${field}.employeeId`) };
    case 'forwarded':
      return { type, at, number: phone(json.number, `${field}.number`) };
    default:
      return { type, at };
  }
}
