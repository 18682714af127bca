/**
 * Call Continuity destinations: which one a tracking number resolves to (C3-C5), whether a
 * continuity number is external (C6), and whether a tenant can be switched on (C9, C10, C11).
 */
import { quote } from './errors.js';
import { NO_ANSWER_SECONDS, type ChainLink, type Tenant, type TrackingNumber } from './model.js';
import type { E164 } from './phone-number.js';
import type { NetworkSnapshot, NumberDirectory, NumberOwner } from './snapshot.js';
import type { VoiceAgentAvailability } from './voice-agent-choice.js';

// C5's choice of agent is read by the snapshot, which this module reads: it has a module of its own.
export { firstUsableVoiceAgent, NO_USABLE_AGENT, type VoiceAgentAvailability } from './voice-agent-choice.js';

export type ContinuityDestination =
  | { readonly kind: 'voice_agent'; readonly voiceAgentId: string }
  | { readonly kind: 'external_number'; readonly number: E164; readonly source: 'exception' | 'default' | 'chain' };

/** B6: a step of a continuity call: a destination, or the recorded message that is every chain's last resort. */
export type ContinuityStep = ContinuityDestination | { readonly kind: 'message' };

/** B6: why a destination of the chain was left for the next. */
export type AttemptOutcome = 'busy' | 'no_answer' | 'declined' | 'unreachable';

/** B6: a destination a continuity call tried and left, and why; `at` in seconds from the call's start. */
export interface ContinuityAttempt {
  readonly destination: ContinuityDestination;
  readonly outcome: AttemptOutcome;
  /** The SIP status (or the provider's) that said so, when there was one. */
  readonly status: number | null;
  readonly at: number;
}

/** B6: a SIP final status as an attempt's outcome (408: the ring time ran out, or no answer at all). */
export function attemptOutcomeOf(status: number): AttemptOutcome {
  if (status === 486 || status === 600) return 'busy';
  if (status === 408 || status === 480 || status === 487) return 'no_answer';
  if (status === 603) return 'declined';
  return 'unreachable';
}

/** B6: the last resort of every continuity call. */
export const MESSAGE: ContinuityStep = Object.freeze({ kind: 'message' });

/** B6: how long each destination of the tenant's chain rings before the next is tried. */
export const noAnswerSecondsOf = (tenant: Tenant): number => tenant.continuity.chain?.noAnswerSeconds ?? NO_ANSWER_SECONDS.default;

/** C3-C5: where a continuity call to this tracking number goes first, or undefined when nowhere valid. */
export function continuityDestinationOf(snapshot: NetworkSnapshot, tn: TrackingNumber, tenant: Tenant): ContinuityDestination | undefined {
  const first = firstDestinationOf(snapshot, tn, tenant);
  if (first !== undefined || tenant.continuity.chain === undefined) return first;
  return continuityChainOf(snapshot, tn, tenant)[0];
}

/** C3-C5 without the chain: the number's exception, else the tenant's default (its usable voice agent). */
export function firstDestinationOf(snapshot: NetworkSnapshot, tn: TrackingNumber, tenant: Tenant): ContinuityDestination | undefined {
  if (tn.continuityNumber !== null) return { kind: 'external_number', number: tn.continuityNumber, source: 'exception' };
  const fallback = tenant.continuity.defaultDestination;
  if (fallback === null) return undefined;
  if (fallback.kind === 'external_number') return { kind: 'external_number', number: fallback.number, source: 'default' };
  return voiceAgentOf(snapshot, tenant);
}

function voiceAgentOf(snapshot: NetworkSnapshot, tenant: Tenant): ContinuityDestination | undefined {
  const availability = snapshot.continuityVoiceAgent(tenant.id);
  return availability.usable ? { kind: 'voice_agent', voiceAgentId: availability.agent.id } : undefined;
}

/** A link of the chain, when it resolves now: C5 for the voice agent; C6 for a number (one that has since become the network's is left out). */
function linkDestination(snapshot: NetworkSnapshot, tenant: Tenant, link: ChainLink): ContinuityDestination | undefined {
  if (link.kind === 'voice_agent') return voiceAgentOf(snapshot, tenant);
  return snapshot.ownerOf(link.number) === undefined ? { kind: 'external_number', number: link.number, source: 'chain' } : undefined;
}

const sameDestination = (a: ContinuityDestination, b: ContinuityDestination) =>
  a.kind === 'voice_agent'
    ? b.kind === 'voice_agent' && a.voiceAgentId === b.voiceAgentId
    : b.kind === 'external_number' && a.number === b.number;

/**
 * B6: the destinations a continuity call to this number tries, in order: its own (C3-C5), then the
 * tenant's chain. A link that does not resolve now (C5: no usable voice agent; C6) is left out, and a
 * destination already tried is not tried twice. Empty when none resolves (C9).
 */
export function continuityChainOf(snapshot: NetworkSnapshot, tn: TrackingNumber, tenant: Tenant): readonly ContinuityDestination[] {
  const destinations: ContinuityDestination[] = [];
  const first = firstDestinationOf(snapshot, tn, tenant);
  if (first !== undefined) destinations.push(first);
  for (const link of tenant.continuity.chain?.then ?? []) {
    const destination = linkDestination(snapshot, tenant, link);
    if (destination !== undefined && !destinations.some((tried) => sameDestination(tried, destination))) destinations.push(destination);
  }
  return destinations;
}

/** C6: why a number cannot be a continuity number. */
export interface ContinuityNumberCollision {
  readonly code: 'continuity_destination_not_external';
  readonly number: E164;
  /** `self`: the exception equals its own tracking number. */
  readonly collidesWith: NumberOwner | { readonly kind: 'self' };
  readonly message: string;
}

/**
 * C6: a continuity number (a default, or a tracking number's exception) must be external: not the
 * tracking number itself, nor any tracking number or direct line of the deployment. Returns the
 * collision, naming what the number belongs to, or null when the number is external.
 */
export function checkContinuityNumber(
  directory: NumberDirectory,
  number: E164,
  forTrackingNumber?: E164,
): ContinuityNumberCollision | null {
  if (forTrackingNumber !== undefined && number === forTrackingNumber) {
    return {
      code: 'continuity_destination_not_external',
      number,
      collidesWith: { kind: 'self' },
      message: `${number} is the tracking number itself; its continuity number must be an external number.`,
    };
  }
  const owner = directory.ownerOf(number);
  if (owner === undefined) return null;
  const what =
    owner.kind === 'tracking_number'
      ? `a tracking number of tenant ${quote(owner.tenantName)}`
      : `the direct line of employee ${quote(owner.employeeName)}`;
  return {
    code: 'continuity_destination_not_external',
    number,
    collidesWith: owner,
    message: `${number} is ${what}; a continuity number must be an external number.`,
  };
}

/** C9: the tenant's tracking numbers that have no valid continuity destination. */
export function numbersWithoutDestination(snapshot: NetworkSnapshot, tenant: Tenant): readonly TrackingNumber[] {
  return snapshot.trackingNumbersOf(tenant.id).filter((tn) => continuityDestinationOf(snapshot, tn, tenant) === undefined);
}

export type SwitchOnProblem =
  { readonly kind: 'not_contact_center_active' } | { readonly kind: 'numbers_without_destination'; readonly numbers: readonly E164[] };

export interface SwitchOnAssessment {
  readonly tenantId: string;
  readonly tenantName: string;
  /** C9: false when a number lacks a destination; switching on is refused. */
  readonly canSwitchOn: boolean;
  /** C10: false when Turn On For All should leave this tenant off unless explicitly included. */
  readonly safe: boolean;
  readonly problems: readonly SwitchOnProblem[];
}

/** C9, C10: can this tenant be switched on, and is it safe to include in Turn On For All? */
export function assessSwitchOn(snapshot: NetworkSnapshot, tenant: Tenant): SwitchOnAssessment {
  return assessTenant(
    tenant,
    numbersWithoutDestination(snapshot, tenant).map((tn) => tn.number),
  );
}

/**
 * C5, C4, B6: does the tenant's default destination, or a link of its chain, resolve? When one
 * does, every tracking number has a destination (C9 holds whatever the exceptions); when none
 * does, only numbers with an exception do.
 */
export function defaultDestinationResolves(tenant: Tenant, availability: VoiceAgentAvailability): boolean {
  const resolves = (link: ChainLink) => link.kind === 'external_number' || availability.usable;
  const fallback = tenant.continuity.defaultDestination;
  return (fallback !== null && resolves(fallback)) || (tenant.continuity.chain?.then ?? []).some(resolves);
}

/** C9, C10 from plain inputs: the tenant and the numbers found without a destination. */
export function assessTenant(tenant: Tenant, numbersWithoutDestination: readonly E164[]): SwitchOnAssessment {
  const problems: SwitchOnProblem[] = [];
  if (!tenant.contactCenterActive) problems.push({ kind: 'not_contact_center_active' });
  if (numbersWithoutDestination.length > 0) problems.push({ kind: 'numbers_without_destination', numbers: numbersWithoutDestination });
  return {
    tenantId: tenant.id,
    tenantName: tenant.name,
    canSwitchOn: numbersWithoutDestination.length === 0,
    safe: problems.length === 0,
    problems,
  };
}

export type ContinuityBadge =
  | { readonly status: 'active'; readonly on: number; readonly total: number }
  | { readonly status: 'inactive'; readonly on: number; readonly total: number }
  | { readonly status: 'partial'; readonly on: number; readonly total: number };

/** C11: Active when on for every tenant shown, Inactive when off for all, else Partial (n of m). */
export function continuityBadge(tenants: readonly Pick<Tenant, 'continuity'>[]): ContinuityBadge {
  const total = tenants.length;
  const on = tenants.filter((t) => t.continuity.enabled).length;
  if (total > 0 && on === total) return { status: 'active', on, total };
  if (on === 0) return { status: 'inactive', on, total };
  return { status: 'partial', on, total };
}
