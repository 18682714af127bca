/**
 * A call as the decision core sees it: who called whom and how (the call), and what happened on
 * its timeline (events, in seconds from connect). `classifyCall` answers the questions that do
 * not change during a call: is it internal (L4), linked to a tenant (L6), which rule set decides
 * its recording (L1), and is its party excluded (R10).
 */
import { decideRoute, routeTrackingNumber, type RouteDecision } from './decide-route.js';
import { consentFor, type ConsentDecision } from './consent.js';
import { DomainError, quote } from './errors.js';
import type { CoreRecordingMode, Employee, Queue, Tenant } from './model.js';
import type { E164 } from './phone-number.js';
import { reason, type Reason } from './rules.js';
import type { NetworkSnapshot } from './snapshot.js';

export type Call =
  /** A call from outside to a tracking number or an employee's direct line. */
  | {
      readonly direction: 'inbound';
      readonly from: E164;
      readonly to: E164;
      /** When it arrived (ms since the epoch): whether it is a drill call (B4) depends on it. */
      readonly at?: number;
    }
  /**
   * A call an employee places. `contact_center`: dialled in the contact center (keypad), not linked.
   * `click_to_call`: placed from a tenant's record in the core platform, linked to `tenantId`.
   */
  | {
      readonly direction: 'outbound';
      readonly employeeId: string;
      readonly to: E164;
      readonly via: 'contact_center' | 'click_to_call';
      readonly tenantId?: string;
    }
  /** Employee to employee (L4). */
  | { readonly direction: 'internal'; readonly fromEmployeeId: string; readonly toEmployeeId: string };

/** What happened, `at` seconds after the call connected. */
export type CallEvent =
  | { readonly type: 'connected'; readonly at: number }
  /** Inbound: an employee (or voice agent) picked up, via `queueId` when given (R6), else the call's current queue. Outbound: the callee answered. */
  | {
      readonly type: 'answered';
      readonly at: number;
      readonly employeeId?: string;
      readonly voiceAgentId?: string;
      readonly queueId?: string;
    }
  /** A queue call, not yet answered, moved to another queue (R6). */
  | { readonly type: 'redirected'; readonly at: number; readonly queueId: string }
  | { readonly type: 'transferred_to_queue'; readonly at: number; readonly queueId: string }
  | { readonly type: 'transferred_to_employee'; readonly at: number; readonly employeeId: string }
  | { readonly type: 'forwarded'; readonly at: number; readonly number: E164 }
  | { readonly type: 'payment_opened'; readonly at: number }
  | { readonly type: 'payment_closed'; readonly at: number }
  | { readonly type: 'agent_start'; readonly at: number }
  | { readonly type: 'agent_stop'; readonly at: number }
  /** B8: an integration paused the recording through the API (any call: R15's gap, calls without a tenant). */
  | { readonly type: 'paused'; readonly at: number }
  /** B8: an integration resumed the recording it paused. */
  | { readonly type: 'resumed'; readonly at: number }
  /** B8: a pause reached the tenant's maximum: the recording resumes by itself (the edge's timer; any later event applies it too). */
  | { readonly type: 'pause_expired'; readonly at: number }
  /** B7: the consent announcement has played to the caller (the edge played it); recording held for it may start. */
  | { readonly type: 'announcement_played'; readonly at: number }
  | { readonly type: 'hangup'; readonly at: number };

export type CallEventType = CallEvent['type'];
export const CALL_EVENT_TYPES: readonly CallEventType[] = [
  'connected',
  'answered',
  'redirected',
  'transferred_to_queue',
  'transferred_to_employee',
  'forwarded',
  'payment_opened',
  'payment_closed',
  'agent_start',
  'agent_stop',
  'announcement_played',
  'paused',
  'resumed',
  'pause_expired',
  'hangup',
];

/** L1: whose recording settings decide. */
export type RuleSet = 'contact_center' | 'core' | 'none';

/** R10: which party matched the exclusion list, and how. */
export interface Exclusion {
  readonly party: 'caller' | 'callee' | 'direct_line';
  readonly number: E164;
  readonly match: 'number' | 'area_code';
}

/** What stays true for the whole call. */
export interface CallContext {
  readonly call: Call;
  readonly kind: 'internal' | 'tracking_number' | 'direct_line' | 'outbound';
  readonly ruleSet: RuleSet;
  /** L2: the core mode in force when `ruleSet` is `core`. */
  readonly coreMode: CoreRecordingMode | null;
  /** L6. */
  readonly linkedTenantId: string | null;
  /** The linked tenant itself, kept so later rules (L3) need no second lookup. */
  readonly linkedTenant: Tenant | null;
  /** The tenant whose core call records receive the call (L5), linked or not. */
  readonly coreTenantId: string | null;
  readonly route: RouteDecision | null;
  /** The queue of the route's workflow, when it is one. */
  readonly workflowQueue: Queue | null;
  /** R10, checked once: the parties of a call do not change. */
  readonly exclusion: Exclusion | null;
  /** The direct-line owner (inbound personal call) or the caller (outbound). */
  readonly employee: Employee | null;
  /** R10: a personal call (to or from a direct line) also matches the employee's direct line. */
  readonly personal: boolean;
  /** Whose individual settings apply on this call's answer: R7 inbound or outbound. */
  readonly individualDirection: 'inbound' | 'outbound';
  readonly reasons: readonly Reason[];
  /** B7, decided once: the parties of a call do not change. */
  readonly consent: ConsentDecision | null;
}

const INTERNAL = reason('L4', 'Internal employee-to-employee call: never recorded and never logged, in either system.');
const CC_RULES = reason('L1', "Handled by the contact center: the contact center's recording settings apply.");
const CONTINUITY_CORE = reason('L1', "Call Continuity is on for the tenant: the tenant's core recording settings apply (L1b).");
const CORE_USER = reason(
  'L1',
  "Placed through the core platform by a user who is not a contact-center user: the tenant's core recording settings apply (L1a).",
);
const CORE_USER_INBOUND = reason(
  'L1',
  "The direct line belongs to a user who is not a contact-center user: the core recording settings of the user's tenant apply (L1a).",
);
const LINKED_TRACKING = reason('L6', "Entered through the tenant's tracking number: linked to the tenant.");
const LINKED_CLICK = reason('L6', "Placed from a tenant's record in the core (click-to-call): linked to the tenant.");
const NOT_LINKED_DIRECT = reason('L6', "A call to an employee's direct line is personal: not linked to a tenant.");
const NOT_LINKED_KEYPAD = reason('L6', 'An outbound call dialled in the contact center is not linked to a tenant.');

/**
 * Classifies a call against a snapshot. Throws a DomainError naming the field when the call
 * names something the network does not have.
 */
/** `routed`: an inbound call's route when it was not Switchboard's to decide (B9, the failsafe took it). */
export function classifyCall(snapshot: NetworkSnapshot, call: Call, routed?: RouteDecision): CallContext {
  switch (call.direction) {
    case 'internal':
      requireEmployee(snapshot, call.fromEmployeeId, 'call.fromEmployeeId');
      requireEmployee(snapshot, call.toEmployeeId, 'call.toEmployeeId');
      return context(call, 'internal', 'none', { reasons: [INTERNAL] });
    case 'inbound':
      return classifyInbound(snapshot, call, routed);
    case 'outbound':
      return classifyOutbound(snapshot, call);
  }
}

function classifyInbound(
  snapshot: NetworkSnapshot,
  call: Extract<Call, { direction: 'inbound' }>,
  routed: RouteDecision | undefined,
): CallContext {
  const position = snapshot.trackingPosition(call.to);
  const entry = position < 0 ? undefined : snapshot.trackingAt(position);
  const entryTenant = position < 0 ? undefined : snapshot.tenantOfTrackingAt(position);
  const route = routed ?? (entry === undefined ? decideRoute(snapshot, call) : routeTrackingNumber(snapshot, entry, entryTenant, call));
  switch (route.kind) {
    case 'unknown_number':
      throw new DomainError(
        'unknown_number',
        'call.to',
        call.to,
        `call.to: ${call.to} is neither a tracking number nor a direct line of network ${quote(snapshot.networkName)}.`,
      );
    case 'continuity': {
      const tenant = entryTenant!;
      return context(call, 'tracking_number', 'core', {
        coreMode: tenant.coreRecording.inbound,
        linkedTenant: tenant,
        coreTenantId: tenant.id,
        route,
        exclusion: externalExclusion(snapshot, call.from, 'caller'),
        reasons: [LINKED_TRACKING, CONTINUITY_CORE],
      });
    }
    case 'workflow':
      return context(call, 'tracking_number', 'contact_center', {
        linkedTenant: entryTenant!,
        workflowQueue: snapshot.workflowQueueAt(position),
        coreTenantId: route.tenantId,
        route,
        exclusion: externalExclusion(snapshot, call.from, 'caller'),
        reasons: [LINKED_TRACKING, CC_RULES],
      });
    case 'direct_line': {
      const owner = snapshot.employee(route.employeeId)!;
      if (!owner.contactCenterUser) {
        const tenant = snapshot.tenant(owner.homeTenantId!)!;
        return context(call, 'direct_line', 'core', {
          coreMode: tenant.coreRecording.inbound,
          coreTenantId: tenant.id,
          route,
          employee: owner,
          reasons: [NOT_LINKED_DIRECT, CORE_USER_INBOUND],
        });
      }
      return context(call, 'direct_line', 'contact_center', {
        route,
        employee: owner,
        personal: true,
        exclusion: externalExclusion(snapshot, call.from, 'caller') ?? directLineExclusion(snapshot, owner),
        reasons: [NOT_LINKED_DIRECT, CC_RULES],
      });
    }
  }
}

/**
 * B7: the consent decision an inbound call's plan will carry, from its route alone (the tracking
 * number's tenant decides the policy; a direct line's call has none), without classifying the
 * whole call: an edge that announces before putting the call through asks this while the plan is
 * not built yet (P8: a waiting call costs little).
 */
export function inboundConsent(snapshot: NetworkSnapshot, from: E164, route: RouteDecision): ConsentDecision {
  const tenant = route.kind === 'workflow' || route.kind === 'continuity' ? snapshot.tenant(route.tenantId) : undefined;
  return consentFor(from, tenant?.recordingConsent ?? 'by_jurisdiction');
}

function classifyOutbound(snapshot: NetworkSnapshot, call: Extract<Call, { direction: 'outbound' }>): CallContext {
  const employee = requireEmployee(snapshot, call.employeeId, 'call.employeeId');
  if (call.via === 'contact_center') {
    if (!employee.contactCenterUser) {
      throw new DomainError(
        'not_contact_center_user',
        'call.via',
        call.via,
        `call.via: employee ${quote(employee.name)} is not a contact-center user and cannot dial from the contact center; use click_to_call.`,
      );
    }
    return context(call, 'outbound', 'contact_center', {
      employee,
      personal: true,
      individualDirection: 'outbound',
      exclusion: externalExclusion(snapshot, call.to, 'callee') ?? directLineExclusion(snapshot, employee),
      reasons: [NOT_LINKED_KEYPAD, CC_RULES],
    });
  }
  if (call.tenantId === undefined) {
    throw new DomainError(
      'missing_tenant',
      'call.tenantId',
      undefined,
      'call.tenantId: a click-to-call call is placed from a tenant record; name the tenant.',
    );
  }
  const tenant = snapshot.tenant(call.tenantId);
  if (tenant === undefined) {
    throw new DomainError(
      'unknown_reference',
      'call.tenantId',
      call.tenantId,
      `call.tenantId: no tenant ${quote(call.tenantId)} in this network.`,
    );
  }
  if (!employee.contactCenterUser) {
    return context(call, 'outbound', 'core', {
      coreMode: tenant.coreRecording.outbound,
      linkedTenant: tenant,
      coreTenantId: tenant.id,
      employee,
      individualDirection: 'outbound',
      reasons: [LINKED_CLICK, CORE_USER],
    });
  }
  return context(call, 'outbound', 'contact_center', {
    linkedTenant: tenant,
    coreTenantId: tenant.id,
    employee,
    individualDirection: 'outbound',
    exclusion: externalExclusion(snapshot, call.to, 'callee'),
    reasons: [LINKED_CLICK, CC_RULES],
  });
}

/** Builds a context with every field in one fixed order: one object shape, fast on every call. */
function context(
  call: Call,
  kind: CallContext['kind'],
  ruleSet: RuleSet,
  rest: Partial<Omit<CallContext, 'call' | 'kind' | 'ruleSet' | 'linkedTenantId'>> & { reasons: readonly Reason[] },
): CallContext {
  return {
    call,
    kind,
    ruleSet,
    coreMode: rest.coreMode ?? null,
    linkedTenantId: rest.linkedTenant?.id ?? null,
    linkedTenant: rest.linkedTenant ?? null,
    coreTenantId: rest.coreTenantId ?? null,
    route: rest.route ?? null,
    workflowQueue: rest.workflowQueue ?? null,
    exclusion: rest.exclusion ?? null,
    employee: rest.employee ?? null,
    personal: rest.personal ?? false,
    individualDirection: rest.individualDirection ?? 'inbound',
    reasons: rest.reasons,
    // B7: an inbound call a rule set records asks the law of the caller's place (kept per area code).
    consent:
      call.direction !== 'inbound' || ruleSet === 'none'
        ? null
        : consentFor(call.from, rest.linkedTenant?.recordingConsent ?? 'by_jurisdiction'),
  };
}

function externalExclusion(snapshot: NetworkSnapshot, number: E164, party: 'caller' | 'callee'): Exclusion | null {
  const match = snapshot.exclusionOf(number);
  return match === undefined ? null : { party, number, match };
}

function directLineExclusion(snapshot: NetworkSnapshot, employee: Employee): Exclusion | null {
  if (employee.directLine === null) return null;
  const match = snapshot.exclusionOf(employee.directLine);
  return match === undefined ? null : { party: 'direct_line', number: employee.directLine, match };
}

export function requireEmployee(snapshot: NetworkSnapshot, id: string, field: string): Employee {
  const employee = snapshot.employee(id);
  if (employee === undefined) throw new DomainError('unknown_reference', field, id, `${field}: no employee ${quote(id)} in this network.`);
  return employee;
}
