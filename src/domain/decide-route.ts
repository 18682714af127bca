/**
 * decideRoute: where an inbound call goes. The normal workflow, or, while the tenant's Call
 * Continuity is on, its continuity destination (C1-C6, C14). A call costs one hash lookup;
 * reasons are shared constants, so a decision allocates one object.
 * The snapshot hands over the number's tenant with the number: one hash lookup, not two.
 */
import {
  continuityChainOf,
  firstDestinationOf,
  MESSAGE,
  noAnswerSecondsOf,
  type ContinuityDestination,
  type ContinuityStep,
} from './continuity.js';
import type { Tenant, WorkflowTarget } from './model.js';
import type { E164 } from './phone-number.js';
import { reason, type Reason } from './rules.js';
import type { TrackingNumber } from './model.js';
import type { NetworkSnapshot } from './snapshot.js';

export interface InboundCall {
  readonly to: E164;
  readonly from?: E164;
  /** When the call arrived (ms since the epoch): a drill (B4) is over at its end. A call without its time is no drill call. */
  readonly at?: number;
}

export type RouteDecision =
  | {
      readonly kind: 'workflow';
      readonly tenantId: string;
      readonly trackingNumberId: string;
      readonly target: WorkflowTarget;
      /** True when continuity is on but no destination is valid (C5, C9): the workflow is the only way left. */
      readonly continuityFallback: boolean;
      readonly reasons: readonly Reason[];
    }
  | {
      readonly kind: 'continuity';
      readonly tenantId: string;
      readonly trackingNumberId: string;
      readonly destination: ContinuityDestination;
      /**
       * B6: what is tried next, in order, when the destination does not answer within
       * `noAnswerSeconds`, is busy or cannot be reached; the last step is always the recorded message.
       */
      readonly next: readonly ContinuityStep[];
      readonly noAnswerSeconds: number;
      /** B4: a drill call (a listed test caller while continuity is off), marked as such wherever it shows. */
      readonly drill?: true;
      readonly reasons: readonly Reason[];
    }
  | { readonly kind: 'direct_line'; readonly employeeId: string; readonly reasons: readonly Reason[] }
  | { readonly kind: 'unknown_number'; readonly number: E164; readonly reasons: readonly Reason[] };

const OFF = reason('C1', 'Call Continuity is off for the tenant, so the call follows its normal workflow.');
const ON = reason('C2', 'Call Continuity is on for the tenant, so the call bypasses the workflow (no IVR, queue or agent).');
const EXCEPTION = reason('C3', "The tracking number has its own continuity number (an exception), used instead of the tenant's default.");
const DEFAULT = reason('C3', "The tracking number has no exception, so the tenant's default continuity destination applies.");
const TO_EXTERNAL = reason('C4', "The tenant's default destination is an external number.");
const TO_VOICE_AGENT = reason('C4', "The tenant's default destination is its voice agent.");
const OLDEST_AGENT = reason('C5', "The tenant's first (oldest) usable voice agent answers continuity calls.");
const NO_AGENT = reason(
  'C5',
  'No voice agent is usable (not enabled on both sides, or none left), so the voice-agent destination is invalid.',
);
const NO_DEFAULT = reason('C4', 'The tenant has no default continuity destination.');
const FALLBACK = reason(
  'C9',
  'With no valid continuity destination the call cannot bypass the workflow, so it follows the normal workflow.',
);
const DRILL = reason(
  'B4',
  "Call Continuity is in a drill for the tenant and the caller is one of the drill's test callers, so the call goes to the continuity destination as it would in an outage.",
);
const chainReason = (seconds: number) =>
  reason(
    'B6',
    `When a destination does not answer within ${seconds} seconds, is busy or cannot be reached, the call moves to the next of the tenant's continuity chain; a recorded message is the last resort, so the call is never simply dropped.`,
  );
const CHAIN_SKIPPED = reason('B6', "So the call starts at the first destination of the tenant's continuity chain that can take it.");
const ONLY_MESSAGE: readonly ContinuityStep[] = Object.freeze([MESSAGE]);
const DIRECT_LINE = reason('L6', "The number is an employee's direct line: a personal call, not linked to a tenant.");

const WORKFLOW_REASONS = Object.freeze([OFF]);
const EXCEPTION_REASONS = Object.freeze([ON, EXCEPTION]);
const DEFAULT_EXTERNAL_REASONS = Object.freeze([ON, DEFAULT, TO_EXTERNAL]);
const DEFAULT_VOICE_AGENT_REASONS = Object.freeze([ON, DEFAULT, TO_VOICE_AGENT, OLDEST_AGENT]);
const NO_AGENT_REASONS = Object.freeze([ON, DEFAULT, TO_VOICE_AGENT, NO_AGENT, FALLBACK]);
const NO_DEFAULT_REASONS = Object.freeze([ON, DEFAULT, NO_DEFAULT, FALLBACK]);
const DIRECT_LINE_REASONS = Object.freeze([DIRECT_LINE]);
/**
 * Why an edge routed a call by itself (B9): as Kamailio says it, or `provider_fallback`, a
 * Twilio-compatible provider that used the fallback TwiML Switchboard wrote for the number.
 */
export type FailsafeCause =
  'switchboard_timeout' | 'switchboard_not_connected' | 'switchboard_unreachable' | 'switchboard_no_route' | 'provider_fallback';
const failsafeReason = (what: string) =>
  reason(
    'B9',
    `Switchboard ${what}, so the SIP edge routed the call by itself from its failsafe table, which holds the route Switchboard gives the number: its workflow target, or its continuity destination while the tenant is in continuity.`,
  );
const FAILSAFE_REASONS: Record<FailsafeCause, Reason> = {
  switchboard_timeout: failsafeReason('did not answer within the route timeout'),
  switchboard_not_connected: failsafeReason('was not connected to the SIP edge'),
  switchboard_unreachable: failsafeReason('could not be asked'),
  switchboard_no_route: failsafeReason('gave no route'),
  provider_fallback: reason(
    'B9',
    "Switchboard did not answer the provider's voice webhook, so the provider routed the call by itself with the fallback TwiML Switchboard wrote for the number, which holds the route Switchboard gives it: its workflow target, or its continuity destination while the tenant is in continuity.",
  ),
};
const NONE: readonly Reason[] = Object.freeze([]);

/** Where an inbound call to `call.to` goes, with the rules that decided it. */
export function decideRoute(snapshot: NetworkSnapshot, call: InboundCall): RouteDecision {
  const position = snapshot.trackingPosition(call.to);
  if (position >= 0) return routeTrackingNumber(snapshot, snapshot.trackingAt(position), snapshot.tenantOfTrackingAt(position), call);
  const owner = snapshot.directLineOwner(call.to);
  if (owner !== undefined) return { kind: 'direct_line', employeeId: owner.id, reasons: DIRECT_LINE_REASONS };
  return { kind: 'unknown_number', number: call.to, reasons: NONE };
}

/** B4: is this call one of the tenant's drill calls (continuity off, a listed caller, before the drill's end)? */
export function isDrillCall(tenant: Tenant, call: Pick<InboundCall, 'from' | 'at'> | undefined): boolean {
  const drill = tenant.continuity.drill;
  if (drill === undefined || drill === null || tenant.continuity.enabled || call?.from === undefined) return false;
  return call.at !== undefined && call.at < drill.endsAt && drill.callers.includes(call.from);
}

/**
 * C1-C6, C14 for a call to one tracking number; B4 for a drill's test caller. Without the caller
 * (the failsafe table, a fallback TwiML: by number alone), a drill is not seen: the workflow.
 */
export function routeTrackingNumber(
  snapshot: NetworkSnapshot,
  tn: TrackingNumber,
  tenant: Tenant = snapshot.tenant(tn.tenantId)!,
  call?: Pick<InboundCall, 'from' | 'at'>,
): RouteDecision {
  if (!tenant.continuity.enabled && !isDrillCall(tenant, call)) {
    return {
      kind: 'workflow',
      tenantId: tenant.id,
      trackingNumberId: tn.id,
      target: tn.workflow,
      continuityFallback: false,
      reasons: WORKFLOW_REASONS,
    };
  }
  return continuityRoute(snapshot, tn, tenant);
}

/**
 * C2-C6, B4, B6: where a call goes while the tenant is in continuity (or a drill call): its
 * destination, what follows it (the chain, the message last), or the workflow when nothing is
 * valid. Apart from the workflow's path, which most calls take.
 */
function continuityRoute(snapshot: NetworkSnapshot, tn: TrackingNumber, tenant: Tenant): RouteDecision {
  const first = firstDestinationOf(snapshot, tn, tenant);
  const chain = tenant.continuity.chain === undefined ? null : continuityChainOf(snapshot, tn, tenant);
  const destination = chain === null ? first : chain[0];
  if (destination === undefined) {
    const reasons = tenant.continuity.defaultDestination === null ? NO_DEFAULT_REASONS : NO_AGENT_REASONS;
    return { kind: 'workflow', tenantId: tenant.id, trackingNumberId: tn.id, target: tn.workflow, continuityFallback: true, reasons };
  }
  let reasons: readonly Reason[] =
    first === undefined
      ? [...(tenant.continuity.defaultDestination === null ? NO_DEFAULT_REASONS : NO_AGENT_REASONS).slice(0, -1), CHAIN_SKIPPED]
      : destination.kind === 'voice_agent'
        ? DEFAULT_VOICE_AGENT_REASONS
        : destination.source === 'exception'
          ? EXCEPTION_REASONS
          : DEFAULT_EXTERNAL_REASONS;
  const noAnswerSeconds = noAnswerSecondsOf(tenant);
  const next = chain === null || chain.length < 2 ? ONLY_MESSAGE : [...chain.slice(1), MESSAGE];
  if (next !== ONLY_MESSAGE) reasons = [...reasons, chainReason(noAnswerSeconds)];
  if (!tenant.continuity.enabled)
    return {
      kind: 'continuity',
      tenantId: tenant.id,
      trackingNumberId: tn.id,
      destination,
      next,
      noAnswerSeconds,
      drill: true,
      reasons: [DRILL, ...reasons.slice(1)],
    };
  return { kind: 'continuity', tenantId: tenant.id, trackingNumberId: tn.id, destination, next, noAnswerSeconds, reasons };
}

/**
 * B9 (amended): the route the SIP edge took by itself, from the failsafe table, when Switchboard
 * did not answer in time. The table holds, for every tracking number, the route Switchboard would
 * give now, so the call went where `routeTrackingNumber` says: the workflow target while the
 * tenant is not in continuity, the continuity destination while it is. The B9 reason comes first.
 * Undefined when the number is not a tracking number (the edge then refused the call).
 */
export function failsafeRoute(snapshot: NetworkSnapshot, to: E164, cause: FailsafeCause): RouteDecision | undefined {
  const entry = snapshot.trackingNumber(to);
  if (entry === undefined) return undefined;
  const route = routeTrackingNumber(snapshot, entry);
  return { ...route, reasons: [FAILSAFE_REASONS[cause], ...route.reasons] };
}

/** Where a routed call goes, whatever carries it: a kind of target and its id, or an external number. */
export type RouteTarget =
  { readonly kind: 'queue' | 'employee' | 'voiceAgent'; readonly id: string } | { readonly kind: 'number'; readonly number: E164 };

/** The target a decision sends the call to; null when it sends it nowhere (an unknown number). Edges map it to their own addresses. */
export function routeTargetOf(route: RouteDecision): RouteTarget | null {
  switch (route.kind) {
    case 'continuity':
      return route.destination.kind === 'voice_agent'
        ? { kind: 'voiceAgent', id: route.destination.voiceAgentId }
        : { kind: 'number', number: route.destination.number };
    case 'direct_line':
      return { kind: 'employee', id: route.employeeId };
    case 'unknown_number':
      return null;
    case 'workflow': {
      const target = route.target;
      switch (target.kind) {
        case 'queue':
          return { kind: 'queue', id: target.queueId };
        case 'employee':
          return { kind: 'employee', id: target.employeeId };
        case 'voice_agent':
          return { kind: 'voiceAgent', id: target.voiceAgentId };
        case 'external_number':
          return { kind: 'number', number: target.number };
      }
    }
  }
}
