/**
 * Where each decision sends a call, as SIP URIs: templates per kind of target, configured per
 * deployment (SWITCHBOARD_SIP_TARGETS). `{id}` is the queue, employee or voice agent id;
 * `{number}` the external number in E.164.
 */
import { routeTargetOf, type RouteDecision } from '../../domain/decide-route.js';
import type { SIP_TARGET_KINDS, SipTargets } from '../../config.js';

const fill = (template: string, key: string, value: string) => template.replace(`{${key}}`, encodeURIComponent(value).replace(/%2B/g, '+'));

/** The URI a routed call goes to, or null when the decision sends it nowhere (an unknown number). */
export function routeUri(targets: SipTargets, route: RouteDecision): string | null {
  const target = routeTargetOf(route);
  if (target === null) return null;
  return target.kind === 'number' ? fill(targets.number, 'number', target.number) : fill(targets[target.kind], 'id', target.id);
}

export type TargetKind = (typeof SIP_TARGET_KINDS)[number];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = new WeakMap<SipTargets, { kind: TargetKind; pattern: RegExp }[]>();

/**
 * The targets a SIP URI can stand for (a transfer's Refer-To, a redirect's Contact), read back
 * through the templates: `sip:queue-q1@acd` is queue `q1`. Several templates may match one URI
 * (an employee template `sip:{id}@pbx` matches any user on that host), so every reading is
 * returned, in the order queue, employee, voice agent, number; the caller keeps the first its
 * directory knows. A `tel:` URI is a number.
 */
export function targetsOf(targets: SipTargets, uri: string): { kind: TargetKind; value: string }[] {
  const bare = uri.trim().replace(/^<|>$/g, '').split(/[;?]/)[0]!;
  if (bare.startsWith('tel:')) return [{ kind: 'number', value: bare.slice(4) }];
  let compiled = patterns.get(targets);
  if (compiled === undefined) {
    compiled = (['queue', 'employee', 'voiceAgent', 'number'] as const).map((kind) => {
      const placeholder = kind === 'number' ? '{number}' : '{id}';
      const [before, after] = targets[kind].split(/[;?]/)[0]!.split(placeholder) as [string, string];
      return { kind, pattern: new RegExp(`^${escapeRegExp(before)}([^@;:/]+)${escapeRegExp(after)}$`, 'i') };
    });
    patterns.set(targets, compiled);
  }
  const found: { kind: TargetKind; value: string }[] = [];
  for (const { kind, pattern } of compiled) {
    const match = pattern.exec(bare);
    if (match === null) continue;
    try {
      found.push({ kind, value: decodeURIComponent(match[1]!) });
    } catch {
      // not a value any template produced
    }
  }
  return found;
}
