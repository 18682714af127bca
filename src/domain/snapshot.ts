/**
 * An immutable, indexed view of one network's settings. Built from plain data (storage or a
 * scenario), or patched from the snapshot before it (only the parts a change touched are made
 * again, snapshot-parts.ts); every lookup a decision makes is a hash lookup or an array index,
 * never a scan.
 */
import { NO_USABLE_AGENT, type VoiceAgentAvailability } from './voice-agent-choice.js';
import { DomainError, quote } from './errors.js';
import { excludedNumberCount, exclusionPart, isExcludedNumber, patchExclusions, type ExclusionPart } from './exclusion-part.js';
import type { Employee, NetworkData, Queue, RecordingDefaults, Tenant, TrackingNumber, VoiceAgent } from './model.js';
import { areaCodeNumberOf, type E164 } from './phone-number.js';
import {
  directoryPart,
  duplicateNumber,
  patchTenants,
  patchTracking,
  tenantOf,
  tenantsWithDirectory,
  trackingWithDirectory,
  tenantPart,
  trackingPart,
  unknownTenant,
  type DirectoryPart,
  type TenantPart,
  type TrackingCheck,
  type TrackingPart,
} from './snapshot-parts.js';

export { ReloadNeeded } from './exclusion-part.js';

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

const NO_NUMBERS: readonly TrackingNumber[] = Object.freeze([]);

/** What changed in a network since a snapshot: the new version and the parts' new contents. */
export interface SnapshotDelta {
  readonly version: number;
  readonly recordingDefaults?: RecordingDefaults;
  /** Tenants changed or added, as they are now. */
  readonly tenants?: readonly Tenant[];
  /** The contact center's directory whole, when any of it changed. */
  readonly directory?: {
    readonly queues: readonly Queue[];
    readonly employees: readonly Employee[];
    readonly voiceAgents: readonly VoiceAgent[];
  };
  /** Tracking numbers changed or added (as they are now), and numbers no longer tracking numbers. */
  readonly trackingNumbers?: { readonly upserted: readonly TrackingNumber[]; readonly removed: readonly E164[] };
  /** The exclusion list whole, or the entries added and removed. */
  readonly exclusions?:
    { readonly whole: NetworkData['exclusions'] } | { readonly added: readonly string[]; readonly removed: readonly string[] };
}

interface Parts {
  readonly networkId: string;
  readonly networkName: string;
  readonly version: number;
  readonly recordingDefaults: RecordingDefaults;
  readonly tenants: TenantPart;
  readonly directory: DirectoryPart;
  readonly tracking: TrackingPart;
  readonly exclusions: ExclusionPart;
}

export class NetworkSnapshot implements NumberDirectory {
  readonly networkId: string;
  readonly networkName: string;
  /** Grows with every settings change; a node compares it to know its snapshot is current (C13). */
  readonly version: number;
  readonly recordingDefaults: RecordingDefaults;

  private constructor(private readonly parts: Parts) {
    this.networkId = parts.networkId;
    this.networkName = parts.networkName;
    this.version = parts.version;
    this.recordingDefaults = parts.recordingDefaults;
  }

  /** Builds the snapshot, checking that every reference points at something that exists. */
  static build(data: NetworkData): NetworkSnapshot {
    const tenantIds = new Set(data.tenants.map((t) => t.id));
    const directory = directoryPart(data.queues, data.employees, data.voiceAgents, (id) => tenantIds.has(id));
    const tenants = tenantPart(data.tenants, directory);
    return new NetworkSnapshot({
      networkId: data.network.id,
      networkName: data.network.name,
      version: data.network.version,
      recordingDefaults: data.recordingDefaults,
      tenants,
      directory,
      tracking: trackingPart(data.trackingNumbers, checker(tenants, directory), directory),
      exclusions: exclusionPart(data.exclusions.numbers, data.exclusions.areaCodes),
    });
  }

  /**
   * This snapshot with `delta` applied: a new snapshot at the delta's version that shares every
   * part the delta did not touch. This one does not change. Throws ReloadNeeded when loading the
   * network whole is the better way.
   */
  patched(delta: SnapshotDelta): NetworkSnapshot {
    const { parts } = this;
    let directory = parts.directory;
    let tenants = parts.tenants;
    if (delta.directory !== undefined) {
      const { queues, employees, voiceAgents } = delta.directory;
      const known = (id: string) => tenants.slots.has(id) || (delta.tenants?.some((t) => t.id === id) ?? false);
      directory = directoryPart(queues, employees, voiceAgents, known);
      tenants = tenantsWithDirectory(tenants, directory);
    }
    if (delta.tenants !== undefined && delta.tenants.length > 0) tenants = patchTenants(tenants, delta.tenants, directory);
    const check = checker(tenants, directory);
    let tracking = parts.tracking;
    if (delta.trackingNumbers !== undefined)
      tracking = patchTracking(tracking, delta.trackingNumbers.upserted, delta.trackingNumbers.removed, check, directory);
    if (delta.directory !== undefined) {
      tracking.entries.forEach((tn, i) => check(tn, `trackingNumbers[${i}]`));
      tracking = trackingWithDirectory(tracking, directory);
    }
    let exclusions = parts.exclusions;
    if (delta.exclusions !== undefined) {
      exclusions =
        'whole' in delta.exclusions
          ? exclusionPart(delta.exclusions.whole.numbers, delta.exclusions.whole.areaCodes)
          : patchExclusions(exclusions, delta.exclusions.added, delta.exclusions.removed);
    }
    return new NetworkSnapshot({
      ...parts,
      version: delta.version,
      recordingDefaults: delta.recordingDefaults ?? parts.recordingDefaults,
      tenants,
      directory,
      tracking,
      exclusions,
    });
  }

  get tenants(): readonly Tenant[] {
    return this.parts.tenants.list;
  }

  get queues(): readonly Queue[] {
    return this.parts.directory.queues;
  }

  get employees(): readonly Employee[] {
    return this.parts.directory.employees;
  }

  get voiceAgents(): readonly VoiceAgent[] {
    return this.parts.directory.voiceAgents;
  }

  tenant(id: string): Tenant | undefined {
    return tenantOf(this.parts.tenants, id);
  }

  queue(id: string): Queue | undefined {
    return this.parts.directory.queuesById.get(id);
  }

  employee(id: string): Employee | undefined {
    return this.parts.directory.employeesById.get(id);
  }

  voiceAgent(id: string): VoiceAgent | undefined {
    return this.parts.directory.voiceAgentsById.get(id);
  }

  /** A tracking number by its number: one lookup in the index. */
  trackingNumber(number: string): TrackingNumber | undefined {
    const position = this.parts.tracking.index.positionOf(number);
    return position < 0 ? undefined : this.parts.tracking.entries[position];
  }

  /**
   * Where a call's decision starts: the tracking number's position (-1 when the number is not
   * one), then its entry and its tenant by position, each an array read (P1).
   */
  trackingPosition(number: string): number {
    return this.parts.tracking.index.positionOf(number);
  }

  trackingAt(position: number): TrackingNumber {
    return this.parts.tracking.entries[position]!;
  }

  tenantOfTrackingAt(position: number): Tenant {
    return this.parts.tenants.bySlot[this.parts.tracking.tenantSlots[position]!]!;
  }

  /** The queue of the tracking number's workflow, or null when its workflow is not a queue. */
  workflowQueueAt(position: number): Queue | null {
    const slot = this.parts.tracking.queueSlots[position]!;
    return slot < 0 ? null : this.parts.directory.queues[slot]!;
  }

  /** The employee whose direct line this is. */
  directLineOwner(number: string): Employee | undefined {
    return this.parts.directory.directLines.get(number);
  }

  trackingNumbersOf(tenantId: string): readonly TrackingNumber[] {
    return this.parts.tracking.byTenant.get(tenantId) ?? NO_NUMBERS;
  }

  get trackingNumberCount(): number {
    return this.parts.tracking.entries.length;
  }

  /** C5, computed once per tenant change. */
  continuityVoiceAgent(tenantId: string): VoiceAgentAvailability {
    const slot = this.parts.tenants.slots.get(tenantId);
    return slot === undefined ? NO_USABLE_AGENT : this.parts.tenants.continuityAgents[slot]!;
  }

  /** R10: does the exclusion list hold this number, or its area code? */
  exclusionOf(number: E164): 'number' | 'area_code' | undefined {
    const { exclusions } = this.parts;
    if (isExcludedNumber(exclusions, number)) return 'number';
    const areaCode = areaCodeNumberOf(number);
    return areaCode >= 0 && exclusions.areaCodes[areaCode] === 1 ? 'area_code' : undefined;
  }

  get excludedNumberCount(): number {
    return excludedNumberCount(this.parts.exclusions);
  }

  get excludedAreaCodeList(): readonly string[] {
    return this.parts.exclusions.areaCodeList;
  }

  ownerOf(number: E164): NumberOwner | undefined {
    const tn = this.trackingNumber(number);
    if (tn !== undefined) {
      return {
        kind: 'tracking_number',
        networkId: this.networkId,
        tenantId: tn.tenantId,
        tenantName: this.tenant(tn.tenantId)!.name,
        trackingNumberId: tn.id,
      };
    }
    const employee = this.directLineOwner(number);
    if (employee !== undefined) {
      return { kind: 'direct_line', networkId: this.networkId, employeeId: employee.id, employeeName: employee.name };
    }
    return undefined;
  }
}

/** Checks a tracking number's references: its tenant, its workflow's target, not a direct line. */
function checker(tenants: TenantPart, directory: DirectoryPart): TrackingCheck {
  return (tn, field) => {
    const slot = tenants.slots.get(tn.tenantId);
    if (slot === undefined) throw unknownTenant(`${field}.tenantId`, tn.tenantId);
    if (directory.directLines.has(tn.number)) throw duplicateNumber(`${field}.number`, tn.number);
    const target = tn.workflow;
    const missing =
      (target.kind === 'queue' && !directory.queuesById.has(target.queueId) && target.queueId) ||
      (target.kind === 'employee' && !directory.employeesById.has(target.employeeId) && target.employeeId) ||
      (target.kind === 'voice_agent' && !directory.voiceAgentsById.has(target.voiceAgentId) && target.voiceAgentId);
    if (missing)
      throw new DomainError(
        'unknown_reference',
        `${field}.workflow`,
        missing,
        `${field}.workflow: no ${target.kind.replace('_', ' ')} ${quote(missing)} in this network.`,
      );
    return slot;
  };
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
