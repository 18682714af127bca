/**
 * Where each decision sends a call, as SIP URIs: templates per kind of target, configured per
 * deployment (SWITCHBOARD_SIP_TARGETS). `{id}` is the queue, employee or voice agent id;
 * `{number}` the external number in E.164.
 */
import { routeTargetOf, type RouteDecision } from '../../domain/decide-route.js';
import type { SipTargets } from '../../config.js';

const fill = (template: string, key: string, value: string) => template.replace(`{${key}}`, encodeURIComponent(value).replace(/%2B/g, '+'));

/** The URI a routed call goes to, or null when the decision sends it nowhere (an unknown number). */
export function routeUri(targets: SipTargets, route: RouteDecision): string | null {
  const target = routeTargetOf(route);
  if (target === null) return null;
  return target.kind === 'number' ? fill(targets.number, 'number', target.number) : fill(targets[target.kind], 'id', target.id);
}
