/**
 * The parts a network's snapshot is made of, each immutable and indexed: tenants, the contact
 * center's directory (queues, employees, voice agents), tracking numbers, the exclusion list. A
 * change rebuilds only the parts it touched and shares the others with the snapshot before it
 * (a continuity switch copies the tenants' index, never the million-number index of tracking
 * numbers), so patching is cheap and a snapshot already handed out never changes.
 */
import { firstUsableVoiceAgent, type VoiceAgentAvailability } from './voice-agent-choice.js';
import { DomainError, quote } from './errors.js';
import type { Employee, Queue, Tenant, TrackingNumber, VoiceAgent } from './model.js';
import { NumberIndex } from './number-index.js';
import type { E164 } from './phone-number.js';

export interface TenantPart {
  /** By name (then id), the same whichever database loaded them and however they were patched. */
  readonly list: readonly Tenant[];
  /** Each tenant's position in `list`; shared by every patch that adds or renames no tenant. */
  readonly positions: ReadonlyMap<string, number>;
  /**
   * Each tenant's slot: fixed for the life of the snapshot and every snapshot patched from it, so
   * that tracking numbers can name their tenant by slot (a call's tenant is two array reads, not a
   * lookup by id). Grows when a tenant is added.
   */
  readonly slots: ReadonlyMap<string, number>;
  readonly bySlot: readonly Tenant[];
  /** C5, by slot. */
  readonly continuityAgents: readonly VoiceAgentAvailability[];
}

export interface DirectoryPart {
  readonly queues: readonly Queue[];
  readonly employees: readonly Employee[];
  readonly voiceAgents: readonly VoiceAgent[];
  readonly queuesById: ReadonlyMap<string, Queue>;
  /** Each queue's position in `queues`. */
  readonly queueSlots: ReadonlyMap<string, number>;
  readonly employeesById: ReadonlyMap<string, Employee>;
  readonly voiceAgentsById: ReadonlyMap<string, VoiceAgent>;
  readonly agentsByTenant: ReadonlyMap<string, readonly VoiceAgent[]>;
  readonly directLines: ReadonlyMap<string, Employee>;
}

export interface TrackingPart {
  /** By position: the index maps a number to its position. */
  readonly entries: readonly TrackingNumber[];
  /** By position: the slot of the number's tenant (TenantPart.slots). */
  readonly tenantSlots: Int32Array;
  /** By position: the slot of the workflow's queue (DirectoryPart.queueSlots), -1 when the workflow is not a queue. */
  readonly queueSlots: Int32Array;
  readonly index: NumberIndex;
  readonly byTenant: ReadonlyMap<string, readonly TrackingNumber[]>;
}

export function tenantPart(tenants: readonly Tenant[], directory: DirectoryPart): TenantPart {
  const slots = new Map<string, number>();
  tenants.forEach((tenant, i) => {
    if (slots.has(tenant.id)) throw duplicateId('tenants', i, tenant.id);
    slots.set(tenant.id, i);
  });
  const bySlot = [...tenants];
  return { ...listOf(bySlot), slots, bySlot, continuityAgents: bySlot.map((tenant) => agentOf(tenant, directory)) };
}

/** The same tenants in the same slots, their continuity agents read again from a changed directory. */
export function tenantsWithDirectory(part: TenantPart, directory: DirectoryPart): TenantPart {
  return { ...part, continuityAgents: part.bySlot.map((tenant) => agentOf(tenant, directory)) };
}

function listOf(bySlot: readonly Tenant[]): Pick<TenantPart, 'list' | 'positions'> {
  const list = [...bySlot].sort(byName);
  return { list, positions: new Map(list.map((tenant, i) => [tenant.id, i])) };
}

const byName = (a: Tenant, b: Tenant): number => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function tenantOf(part: TenantPart, id: string): Tenant | undefined {
  const slot = part.slots.get(id);
  return slot === undefined ? undefined : part.bySlot[slot];
}

/**
 * The tenants with some changed or added (`changed`, as they are now). A change that keeps every
 * name copies three arrays of pointers and shares both maps; an added or renamed tenant sorts the
 * list again (slots never move).
 */
export function patchTenants(part: TenantPart, changed: readonly Tenant[], directory: DirectoryPart): TenantPart {
  const bySlot = part.bySlot.slice();
  const continuityAgents = part.continuityAgents.slice();
  let slots = part.slots;
  let resort = false;
  for (const tenant of changed) {
    let slot = slots.get(tenant.id);
    if (slot === undefined) {
      if (slots === part.slots) slots = new Map(part.slots);
      slot = bySlot.length;
      (slots as Map<string, number>).set(tenant.id, slot);
      resort = true;
    } else if (bySlot[slot]!.name !== tenant.name) resort = true;
    bySlot[slot] = tenant;
    continuityAgents[slot] = agentOf(tenant, directory);
  }
  if (resort) return { ...listOf(bySlot), slots, bySlot, continuityAgents };
  const list = part.list.slice();
  for (const tenant of changed) list[part.positions.get(tenant.id)!] = tenant;
  return { list, positions: part.positions, slots, bySlot, continuityAgents };
}

function agentOf(tenant: Tenant, directory: DirectoryPart): VoiceAgentAvailability {
  return firstUsableVoiceAgent(tenant, directory.agentsByTenant.get(tenant.id) ?? []);
}

export function directoryPart(
  queues: readonly Queue[],
  employees: readonly Employee[],
  voiceAgents: readonly VoiceAgent[],
  tenantExists: (id: string) => boolean,
): DirectoryPart {
  const queuesById = byIdOf(queues, 'queues');
  const employeesById = byIdOf(employees, 'employees');
  const voiceAgentsById = byIdOf(voiceAgents, 'voiceAgents');
  const directLines = new Map<string, Employee>();
  employees.forEach((employee, i) => {
    if (employee.homeTenantId !== null && !tenantExists(employee.homeTenantId))
      throw unknownTenant(`employees[${i}].homeTenantId`, employee.homeTenantId);
    if (!employee.contactCenterUser && employee.homeTenantId === null) {
      throw new DomainError(
        'missing_home_tenant',
        `employees[${i}].homeTenantId`,
        null,
        `employees[${i}].homeTenantId: ${quote(employee.id)} is not a contact-center user, so it needs the tenant whose core platform it uses.`,
      );
    }
    if (employee.directLine === null) return;
    if (directLines.has(employee.directLine)) throw duplicateNumber(`employees[${i}].directLine`, employee.directLine);
    directLines.set(employee.directLine, employee);
  });
  const agentsByTenant = new Map<string, VoiceAgent[]>();
  voiceAgents.forEach((agent, i) => {
    if (!tenantExists(agent.tenantId)) throw unknownTenant(`voiceAgents[${i}].tenantId`, agent.tenantId);
    const list = agentsByTenant.get(agent.tenantId);
    if (list === undefined) agentsByTenant.set(agent.tenantId, [agent]);
    else list.push(agent);
  });
  const queueSlots = new Map(queues.map((queue, i) => [queue.id, i]));
  return { queues, employees, voiceAgents, queuesById, queueSlots, employeesById, voiceAgentsById, agentsByTenant, directLines };
}

/** Checks a tracking number's references and answers its tenant's slot. */
export type TrackingCheck = (tn: TrackingNumber, field: string) => number;

/** The slot of a tracking number's workflow queue in a directory, or -1. */
export function queueSlotOf(directory: DirectoryPart, tn: TrackingNumber): number {
  return tn.workflow.kind === 'queue' ? (directory.queueSlots.get(tn.workflow.queueId) ?? -1) : -1;
}

/** The same tracking numbers against a changed directory: their queues' slots found again. */
export function trackingWithDirectory(part: TrackingPart, directory: DirectoryPart): TrackingPart {
  return { ...part, queueSlots: Int32Array.from(part.entries, (tn) => queueSlotOf(directory, tn)) };
}

export function trackingPart(numbers: readonly TrackingNumber[], check: TrackingCheck, directory: DirectoryPart): TrackingPart {
  const index = new NumberIndex(numbers.length);
  const entries: TrackingNumber[] = [];
  const tenantSlots = new Int32Array(numbers.length);
  const queueSlots = new Int32Array(numbers.length);
  const byTenant = new Map<string, TrackingNumber[]>();
  for (let i = 0; i < numbers.length; i++) {
    const tn = numbers[i]!;
    const slot = check(tn, `trackingNumbers[${i}]`);
    if (index.positionOf(tn.number) >= 0) throw duplicateNumber(`trackingNumbers[${i}].number`, tn.number);
    if (!index.add(tn.number, entries.length)) {
      throw new DomainError(
        'invalid_phone_number',
        `trackingNumbers[${i}].number`,
        tn.number,
        `trackingNumbers[${i}].number: ${quote(tn.number)} is not an E.164 number.`,
      );
    }
    tenantSlots[entries.length] = slot;
    queueSlots[entries.length] = queueSlotOf(directory, tn);
    entries.push(tn);
    const list = byTenant.get(tn.tenantId);
    if (list === undefined) byTenant.set(tn.tenantId, [tn]);
    else list.push(tn);
  }
  return { entries, tenantSlots, queueSlots, index, byTenant };
}

/**
 * Tracking numbers changed in place (same number: a workflow, an exception), added, or removed
 * (by number). Changed ones copy the list of entries (pointers, not numbers); added ones copy the
 * index and add to it; a removal rebuilds the index (open addressing has no delete).
 */
export function patchTracking(
  part: TrackingPart,
  upserted: readonly TrackingNumber[],
  removed: readonly E164[],
  check: TrackingCheck,
  directory: DirectoryPart,
): TrackingPart {
  const entries = [...part.entries];
  const added: { tn: TrackingNumber; slot: number }[] = [];
  const changedSlots: [number, number][] = [];
  const touchedTenants = new Set<string>();
  for (const tn of upserted) {
    const slot = check(tn, `trackingNumbers[${tn.id}]`);
    const position = part.index.positionOf(tn.number);
    if (position < 0) added.push({ tn, slot });
    else {
      touchedTenants.add(entries[position]!.tenantId);
      entries[position] = tn;
      changedSlots.push([position, slot]);
    }
    touchedTenants.add(tn.tenantId);
  }
  const gone = removed.filter((number) => part.index.positionOf(number) >= 0);
  if (gone.length > 0) {
    const drop = new Set(gone.map((number) => part.index.positionOf(number)));
    return trackingPart([...entries.filter((_, position) => !drop.has(position)), ...added.map((a) => a.tn)], check, directory);
  }
  const tenantSlots = new Int32Array(entries.length + added.length);
  tenantSlots.set(part.tenantSlots);
  const queueSlots = new Int32Array(entries.length + added.length);
  queueSlots.set(part.queueSlots);
  for (const [position, slot] of changedSlots) {
    tenantSlots[position] = slot;
    queueSlots[position] = queueSlotOf(directory, entries[position]!);
  }
  let index = part.index;
  if (added.length > 0) {
    index = part.index.hasRoomFor(added.length) ? part.index.clone() : rebuiltIndex(entries, added.length);
    for (const { tn, slot } of added) {
      if (!index.add(tn.number, entries.length)) throw duplicateNumber(`trackingNumbers[${tn.id}].number`, tn.number);
      tenantSlots[entries.length] = slot;
      queueSlots[entries.length] = queueSlotOf(directory, tn);
      entries.push(tn);
    }
  }
  // Only the touched tenants' lists are made again, from their old lists. By number, not id: a
  // number deleted and created again (under another tenant, with a new id) is one upsert here.
  const byNumber = new Map(upserted.map((tn) => [tn.number, tn]));
  const byTenant = new Map(part.byTenant);
  for (const tenantId of touchedTenants) {
    const old = part.byTenant.get(tenantId) ?? [];
    const kept = old.map((tn) => byNumber.get(tn.number) ?? tn).filter((tn) => tn.tenantId === tenantId);
    const known = new Set(old.map((tn) => tn.number));
    byTenant.set(tenantId, [...kept, ...upserted.filter((tn) => tn.tenantId === tenantId && !known.has(tn.number))]);
  }
  return { entries, tenantSlots, queueSlots, index, byTenant };
}

function rebuiltIndex(entries: readonly TrackingNumber[], room: number): NumberIndex {
  const index = new NumberIndex(Math.max(16, (entries.length + room) * 2));
  entries.forEach((tn, position) => index.add(tn.number, position));
  return index;
}

function byIdOf<T extends { readonly id: string }>(items: readonly T[], field: string): Map<string, T> {
  const map = new Map<string, T>();
  items.forEach((item, i) => {
    if (map.has(item.id)) throw duplicateId(field, i, item.id);
    map.set(item.id, item);
  });
  return map;
}

const duplicateId = (field: string, i: number, id: string) =>
  new DomainError('duplicate_id', `${field}[${i}].id`, id, `${field}[${i}].id: ${quote(id)} is used twice.`);

export const unknownTenant = (field: string, id: string) =>
  new DomainError('unknown_reference', field, id, `${field}: no tenant ${quote(id)} in this network.`);

export function duplicateNumber(field: string, number: string): DomainError {
  return new DomainError(
    'duplicate_number',
    field,
    number,
    `${field}: ${number} is already a tracking number or direct line in this network.`,
  );
}
