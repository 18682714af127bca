/**
 * An immutable, indexed view of one network's settings. Built once from plain data (storage or
 * a scenario); every lookup a decision makes is a hash lookup or an array index, never a scan.
 */
import { firstUsableVoiceAgent, NO_USABLE_AGENT, type VoiceAgentAvailability } from './continuity.js';
import { DomainError, quote } from './errors.js';
import type { Employee, NetworkData, Queue, RecordingDefaults, Tenant, TrackingNumber, VoiceAgent } from './model.js';
import { NumberIndex } from './number-index.js';
import { areaCodeNumberOf, type E164 } from './phone-number.js';

/** Who owns a number inside a network: the answer C6 needs. */
export type NumberOwner =
  | {
      readonly kind: 'tracking_number';
      readonly networkId: string;
      readonly tenantId: string;
      readonly tenantName: string;
      readonly trackingNumberId: string;
    }
  | { readonly kind: 'direct_line'; readonly networkId: string; readonly employeeId: string; readonly employeeName: string };

/** Answers "is this number ours?" across whatever it covers (one network, or a deployment). */
export interface NumberDirectory {
  ownerOf(number: E164): NumberOwner | undefined;
}

/**
 * A tracking number with what a call to it needs next (its tenant, its workflow's queue), resolved
 * once when the snapshot is built: one flat record per number, so a call follows one pointer, not three.
 */
export interface TrackingEntry extends TrackingNumber {
  readonly tenant: Tenant;
  /** The workflow's queue, when the workflow is a queue. */
  readonly queue: Queue | null;
}

const NO_NUMBERS: readonly TrackingNumber[] = Object.freeze([]);

export class NetworkSnapshot implements NumberDirectory {
  readonly networkId: string;
  readonly networkName: string;
  /** Grows with every settings change; a node compares it to know its snapshot is current (C13). */
  readonly version: number;
  readonly recordingDefaults: RecordingDefaults;
  readonly tenants: readonly Tenant[];
  readonly queues: readonly Queue[];
  readonly employees: readonly Employee[];
  readonly voiceAgents: readonly VoiceAgent[];

  private readonly tenantsById = new Map<string, Tenant>();
  private readonly queuesById = new Map<string, Queue>();
  private readonly employeesById = new Map<string, Employee>();
  private readonly voiceAgentsById = new Map<string, VoiceAgent>();
  private readonly trackingEntries: TrackingEntry[] = [];
  private readonly trackingIndex: NumberIndex;
  private readonly trackingByTenant = new Map<string, TrackingNumber[]>();
  private readonly directLines = new Map<string, Employee>();
  private readonly continuityAgents = new Map<string, VoiceAgentAvailability>();
  /** Indexed by area code (0-999): 1 where excluded. A call's check is one array read. */
  private readonly excludedNumbers: NumberIndex;
  private readonly excludedAreaCodes = new Uint8Array(1000);
  private readonly areaCodeList: readonly string[];

  /** Builds the snapshot, checking that every reference points at something that exists. */
  static build(data: NetworkData): NetworkSnapshot {
    return new NetworkSnapshot(data);
  }

  private constructor(data: NetworkData) {
    this.networkId = data.network.id;
    this.networkName = data.network.name;
    this.version = data.network.version;
    this.recordingDefaults = data.recordingDefaults;
    this.tenants = data.tenants;
    this.queues = data.queues;
    this.employees = data.employees;
    this.voiceAgents = data.voiceAgents;

    indexById(this.tenantsById, data.tenants, 'tenants');
    indexById(this.queuesById, data.queues, 'queues');
    indexById(this.employeesById, data.employees, 'employees');
    indexById(this.voiceAgentsById, data.voiceAgents, 'voiceAgents');

    data.employees.forEach((employee, i) => {
      if (employee.homeTenantId !== null) this.requireTenant(employee.homeTenantId, `employees[${i}].homeTenantId`);
      if (!employee.contactCenterUser && employee.homeTenantId === null) {
        throw new DomainError('missing_home_tenant', `employees[${i}].homeTenantId`, null,
          `employees[${i}].homeTenantId: ${quote(employee.id)} is not a contact-center user, so it needs the tenant whose core platform it uses.`);
      }
      if (employee.directLine === null) return;
      if (this.directLines.has(employee.directLine)) {
        throw duplicateNumber(`employees[${i}].directLine`, employee.directLine);
      }
      this.directLines.set(employee.directLine, employee);
    });

    const numbers = data.trackingNumbers;
    this.trackingIndex = new NumberIndex(numbers.length);
    for (let i = 0; i < numbers.length; i++) {
      const tn = numbers[i]!;
      const tenant = this.requireTenant(tn.tenantId, `trackingNumbers[${i}].tenantId`);
      if (this.directLines.has(tn.number)) throw duplicateNumber(`trackingNumbers[${i}].number`, tn.number);
      this.checkWorkflow(tn, i);
      const queue = tn.workflow.kind === 'queue' ? this.queuesById.get(tn.workflow.queueId)! : null;
      const entry: TrackingEntry = { id: tn.id, tenantId: tn.tenantId, number: tn.number, workflow: tn.workflow, continuityNumber: tn.continuityNumber, tenant, queue };
      if (this.trackingIndex.positionOf(tn.number) >= 0) throw duplicateNumber(`trackingNumbers[${i}].number`, tn.number);
      if (!this.trackingIndex.add(tn.number, this.trackingEntries.length)) {
        throw new DomainError('invalid_phone_number', `trackingNumbers[${i}].number`, tn.number, `trackingNumbers[${i}].number: ${quote(tn.number)} is not an E.164 number.`);
      }
      this.trackingEntries.push(entry);
      const list = this.trackingByTenant.get(tn.tenantId);
      if (list === undefined) this.trackingByTenant.set(tn.tenantId, [entry]);
      else list.push(entry);
    }

    const agentsByTenant = new Map<string, VoiceAgent[]>();
    data.voiceAgents.forEach((agent, i) => {
      this.requireTenant(agent.tenantId, `voiceAgents[${i}].tenantId`);
      const list = agentsByTenant.get(agent.tenantId);
      if (list === undefined) agentsByTenant.set(agent.tenantId, [agent]);
      else list.push(agent);
    });
    for (const tenant of data.tenants) {
      this.continuityAgents.set(tenant.id, firstUsableVoiceAgent(tenant, agentsByTenant.get(tenant.id) ?? []));
    }

    this.excludedNumbers = new NumberIndex(data.exclusions.numbers.length);
    data.exclusions.numbers.forEach((number, i) => this.excludedNumbers.add(number, i));
    for (const code of data.exclusions.areaCodes) this.excludedAreaCodes[Number(code)] = 1;
    this.areaCodeList = Object.freeze([...data.exclusions.areaCodes].sort());
  }

  tenant(id: string): Tenant | undefined {
    return this.tenantsById.get(id);
  }

  queue(id: string): Queue | undefined {
    return this.queuesById.get(id);
  }

  employee(id: string): Employee | undefined {
    return this.employeesById.get(id);
  }

  voiceAgent(id: string): VoiceAgent | undefined {
    return this.voiceAgentsById.get(id);
  }

  trackingNumber(number: string): TrackingNumber | undefined {
    return this.trackingEntry(number);
  }

  /** The tracking number with its tenant and workflow queue: one lookup for everything a call needs. */
  trackingEntry(number: string): TrackingEntry | undefined {
    const position = this.trackingIndex.positionOf(number);
    return position < 0 ? undefined : this.trackingEntries[position];
  }

  /** The employee whose direct line this is. */
  directLineOwner(number: string): Employee | undefined {
    return this.directLines.get(number);
  }

  trackingNumbersOf(tenantId: string): readonly TrackingNumber[] {
    return this.trackingByTenant.get(tenantId) ?? NO_NUMBERS;
  }

  get trackingNumberCount(): number {
    return this.trackingEntries.length;
  }

  /** C5, computed once per snapshot. */
  continuityVoiceAgent(tenantId: string): VoiceAgentAvailability {
    return this.continuityAgents.get(tenantId) ?? NO_USABLE_AGENT;
  }

  /** R10: does the exclusion list hold this number, or its area code? */
  exclusionOf(number: E164): 'number' | 'area_code' | undefined {
    if (this.excludedNumbers.has(number)) return 'number';
    const areaCode = areaCodeNumberOf(number);
    return areaCode >= 0 && this.excludedAreaCodes[areaCode] === 1 ? 'area_code' : undefined;
  }

  get excludedNumberCount(): number {
    return this.excludedNumbers.size;
  }

  get excludedAreaCodeList(): readonly string[] {
    return this.areaCodeList;
  }

  ownerOf(number: E164): NumberOwner | undefined {
    const entry = this.trackingEntry(number);
    if (entry !== undefined) {
      return { kind: 'tracking_number', networkId: this.networkId, tenantId: entry.tenantId, tenantName: entry.tenant.name, trackingNumberId: entry.id };
    }
    const employee = this.directLines.get(number);
    if (employee !== undefined) {
      return { kind: 'direct_line', networkId: this.networkId, employeeId: employee.id, employeeName: employee.name };
    }
    return undefined;
  }

  private requireTenant(id: string, field: string): Tenant {
    const tenant = this.tenantsById.get(id);
    if (tenant === undefined) throw new DomainError('unknown_reference', field, id, `${field}: no tenant ${quote(id)} in this network.`);
    return tenant;
  }

  private checkWorkflow(tn: TrackingNumber, i: number): void {
    const target = tn.workflow;
    const field = `trackingNumbers[${i}].workflow`;
    const missing =
      (target.kind === 'queue' && !this.queuesById.has(target.queueId) && target.queueId) ||
      (target.kind === 'employee' && !this.employeesById.has(target.employeeId) && target.employeeId) ||
      (target.kind === 'voice_agent' && !this.voiceAgentsById.has(target.voiceAgentId) && target.voiceAgentId);
    if (missing) throw new DomainError('unknown_reference', field, missing, `${field}: no ${target.kind.replace('_', ' ')} ${quote(missing)} in this network.`);
  }
}

/** A directory over several networks' snapshots: C6 looks across the whole deployment. */
export function deploymentDirectory(snapshots: Iterable<NumberDirectory>): NumberDirectory {
  const all = [...snapshots];
  return {
    ownerOf(number) {
      for (const snapshot of all) {
        const owner = snapshot.ownerOf(number);
        if (owner !== undefined) return owner;
      }
      return undefined;
    },
  };
}

function indexById<T extends { readonly id: string }>(map: Map<string, T>, items: readonly T[], field: string): void {
  items.forEach((item, i) => {
    if (map.has(item.id)) throw new DomainError('duplicate_id', `${field}[${i}].id`, item.id, `${field}[${i}].id: ${quote(item.id)} is used twice.`);
    map.set(item.id, item);
  });
}

function duplicateNumber(field: string, number: string): DomainError {
  return new DomainError('duplicate_number', field, number, `${field}: ${number} is already a tracking number or direct line in this network.`);
}
