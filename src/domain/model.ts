/**
 * The settings a network's decisions read, as plain data (what storage loads and what a test
 * call can carry inline). Everything is readonly: a snapshot is built once and never changed.
 */
import type { AreaCode, E164 } from './phone-number.js';
import type { RecordingRetention } from './retention.js';

/** How a recording behaves once its setting applies (SPEC section 4, table of modes). */
export type RecordingMode = 'always' | 'automatic' | 'manual' | 'never';
export const RECORDING_MODES: readonly RecordingMode[] = ['always', 'automatic', 'manual', 'never'];

/** `prompt_agent`: no system announcement; the record button warns the agent to announce. */
export type Announcement = 'prompt_agent' | 'none';
export const ANNOUNCEMENTS: readonly Announcement[] = ['prompt_agent', 'none'];

/** R1. */
export type RecordingTrigger = 'on_call_answered' | 'on_call_connected';
export const RECORDING_TRIGGERS: readonly RecordingTrigger[] = ['on_call_answered', 'on_call_connected'];

/** R2: under `on_call_connected` only these two modes exist. */
export type ConnectedMode = 'always' | 'automatic';
export const CONNECTED_MODES: readonly ConnectedMode[] = ['always', 'automatic'];

/** R9. */
export type TransferBehaviour = 'keep_original' | 'follow_destination';
export const TRANSFER_BEHAVIOURS: readonly TransferBehaviour[] = ['keep_original', 'follow_destination'];

/** L2: the core platform's own, simpler recording options. */
export type CoreRecordingMode = 'automatic' | 'on_demand' | 'never';
export const CORE_RECORDING_MODES: readonly CoreRecordingMode[] = ['automatic', 'on_demand', 'never'];

export interface ModeSetting {
  readonly mode: RecordingMode;
  readonly announcement: Announcement;
}

/** R1-R9: the network-wide contact-center recording defaults. */
export interface RecordingDefaults {
  readonly trigger: RecordingTrigger;
  /** R2: the mode used from connect when the trigger is `on_call_connected`. */
  readonly connectedMode: ConnectedMode;
  /** R4. */
  readonly queue: ModeSetting;
  /** R7. */
  readonly individual: { readonly inbound: ModeSetting; readonly outbound: ModeSetting };
  /** R9. */
  readonly transfer: { readonly toQueue: TransferBehaviour; readonly toEmployee: TransferBehaviour };
}

/** C4: the tenant's default continuity destination. */
export type ContinuityDefault = { readonly kind: 'voice_agent' } | { readonly kind: 'external_number'; readonly number: E164 };

export interface ContinuitySettings {
  /** C1: off by default. */
  readonly enabled: boolean;
  /** C4; null until the administrator picks one. */
  readonly defaultDestination: ContinuityDefault | null;
  /**
   * B4: a drill. While continuity is off and the drill has not ended, calls from these callers
   * (and only these) go to the continuity destination; every other call follows the workflow.
   */
  readonly drill?: ContinuityDrill | null;
  /**
   * B6: the destinations tried, in order, after the number's own (its exception or the default)
   * when it does not answer in time, is busy or cannot be reached; a recorded message is always the
   * last resort. Absent: none, and the default ring time.
   */
  readonly chain?: ContinuityChain;
}

/** B6: a destination of the chain after the first: the tenant's voice agent or an external number (C6). */
export type ChainLink = { readonly kind: 'voice_agent' } | { readonly kind: 'external_number'; readonly number: E164 };

export interface ContinuityChain {
  readonly then: readonly ChainLink[];
  /** How long each destination rings before the next is tried. */
  readonly noAnswerSeconds: number;
}

/** B6: the ring time of a chain's links when the tenant set none, and its bounds. */
export const NO_ANSWER_SECONDS = { default: 20, min: 5, max: 120 } as const;
/** B6: at most this many destinations after the first (the message comes after them all). */
export const MAX_CHAIN_LINKS = 4;

export interface ContinuityDrill {
  readonly callers: readonly E164[];
  /** When the drill ends by itself (ms since the epoch; B1's "valid until"). */
  readonly endsAt: number;
}

export interface CoreRecordingSettings {
  readonly inbound: CoreRecordingMode;
  readonly outbound: CoreRecordingMode;
}

export interface Tenant {
  readonly id: string;
  readonly name: string;
  /**
   * B7: announce recording where the caller's law asks (`by_jurisdiction`, the default) or on
   * every call (`announce_always`, stricter).
   */
  readonly recordingConsent?: 'by_jurisdiction' | 'announce_always';
  /** B10: how many days the tenant keeps each kind of recording (null: for ever); absent: every kind for ever. */
  readonly recordingRetention?: RecordingRetention;
  /** B8: the longest a recording of the tenant's calls stays paused before it resumes by itself (seconds; absent: MAX_PAUSE_SECONDS.default). */
  readonly maxPauseSeconds?: number;
  /** Is the account live on the contact center (C10 protects the ones that are not). */
  readonly contactCenterActive: boolean;
  /** C5: voice agents must be enabled on both sides before one can take continuity calls. */
  readonly voiceAgentsEnabled: { readonly contactCenter: boolean; readonly core: boolean };
  /** L2. */
  readonly coreRecording: CoreRecordingSettings;
  readonly continuity: ContinuitySettings;
  /** B1: the IANA time zone its administrators set and read schedules in; absent: UTC. */
  readonly timeZone?: string;
}

/** Where a tracking number's calls go when continuity is off: the tenant's normal workflow. */
export type WorkflowTarget =
  | { readonly kind: 'queue'; readonly queueId: string }
  | { readonly kind: 'employee'; readonly employeeId: string }
  | { readonly kind: 'voice_agent'; readonly voiceAgentId: string }
  | { readonly kind: 'external_number'; readonly number: E164 };

export interface TrackingNumber {
  readonly id: string;
  readonly tenantId: string;
  readonly number: E164;
  readonly workflow: WorkflowTarget;
  /** C3: a custom continuity number (an exception), or null to use the tenant's default. */
  readonly continuityNumber: E164 | null;
}

export interface Employee {
  readonly id: string;
  readonly name: string;
  /** An agent of the contact center, or a user of the core platform only (L1a). */
  readonly contactCenterUser: boolean;
  readonly directLine: E164 | null;
  /** The tenant whose core platform the employee works in; its core settings apply to L1a calls. */
  readonly homeTenantId: string | null;
  /** R8: custom individual settings, or null to follow the defaults (R7). */
  readonly customRecording: { readonly inbound: ModeSetting; readonly outbound: ModeSetting } | null;
}

export interface Queue {
  readonly id: string;
  readonly name: string;
  /** R5: custom settings, or null to follow the queue defaults (R4). */
  readonly customRecording: ModeSetting | null;
}

export interface VoiceAgent {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  /** ISO 8601; C5 picks the oldest usable agent. */
  readonly createdAt: string;
  readonly enabled: boolean;
}

/** R10, X1: network-wide. */
export interface ExclusionList {
  readonly numbers: readonly E164[];
  readonly areaCodes: readonly AreaCode[];
}

/** Everything one network's decisions need, as storage or a scenario provides it. */
export interface NetworkData {
  readonly network: { readonly id: string; readonly name: string; readonly version: number };
  readonly recordingDefaults: RecordingDefaults;
  readonly tenants: readonly Tenant[];
  readonly trackingNumbers: readonly TrackingNumber[];
  readonly employees: readonly Employee[];
  readonly queues: readonly Queue[];
  readonly voiceAgents: readonly VoiceAgent[];
  readonly exclusions: ExclusionList;
}

/** The defaults of a new network: record answered calls automatically, prompt the agent. */
export const DEFAULT_RECORDING_DEFAULTS: RecordingDefaults = Object.freeze({
  trigger: 'on_call_answered',
  connectedMode: 'automatic',
  queue: Object.freeze({ mode: 'automatic', announcement: 'prompt_agent' }),
  individual: Object.freeze({
    inbound: Object.freeze({ mode: 'automatic', announcement: 'prompt_agent' }),
    outbound: Object.freeze({ mode: 'automatic', announcement: 'prompt_agent' }),
  }),
  transfer: Object.freeze({ toQueue: 'keep_original', toEmployee: 'keep_original' }),
} satisfies RecordingDefaults);

/** B8: how long a recording may stay paused before it resumes by itself (seconds): 10 minutes unless the tenant says. */
export const MAX_PAUSE_SECONDS = Object.freeze({ default: 600, min: 5, max: 3600 });
