/**
 * Where each decision sends a call, as SIP URIs: templates per kind of target, configured per
 * deployment (SWITCHBOARD_SIP_TARGETS). `{id}` is the queue, employee or voice agent id;
 * `{number}` the external number in E.164.
 */
import type { ContinuityStep } from '../../domain/continuity.js';
import { routeTargetOf, type RouteDecision, type RouteTarget } from '../../domain/decide-route.js';
import type { SipTargets } from '../../config.js';

const fill = (template: string, key: string, value: string) => template.replace(`{${key}}`, encodeURIComponent(value).replace(/%2B/g, '+'));

const uriOf = (targets: SipTargets, target: RouteTarget) =>
  target.kind === 'number' ? fill(targets.number, 'number', target.number) : fill(targets[target.kind], 'id', target.id);

/** The URI a routed call goes to, or null when the decision sends it nowhere (an unknown number). */
export function routeUri(targets: SipTargets, route: RouteDecision): string | null {
  const target = routeTargetOf(route);
  return target === null ? null : uriOf(targets, target);
}

/**
 * B6: what Kamailio tries when a continuity call's destination fails, as JSON text it reads with
 * jansson: the next destinations' URIs in order, how long each rings (ms), and the message to
 * play when all have failed (a file rtpengine reads; "" when none is configured). Null for any
 * other route: its destination's failure ends the call.
 */
export function chainOf(targets: SipTargets, route: RouteDecision, message: string, uri?: string): string | null {
  if (route.kind !== 'continuity') return null;
  const next = route.next.filter((step) => step.kind !== 'message').map((step) => uriOf(targets, stepTarget(step)));
  // `uri`: the failsafe table's entry carries the first destination's URI with its chain.
  return JSON.stringify({ ...(uri === undefined ? {} : { uri }), next, ringMs: route.noAnswerSeconds * 1000, message });
}

function stepTarget(step: Exclude<ContinuityStep, { kind: 'message' }>): RouteTarget {
  return step.kind === 'voice_agent' ? { kind: 'voiceAgent', id: step.voiceAgentId } : { kind: 'number', number: step.number };
}
