/**
 * A transfer's target read back through an edge's templates (the SIP edge's URIs, the Twilio
 * edge's addresses): the inverse of how each edge addresses a decision's target, so that R9 and
 * R14 apply to where the call went.
 */
import type { SIP_TARGET_KINDS } from '../config.js';
import type { TransferTarget } from '../app/calls/call-session.js';
import { parsePhoneNumber } from '../domain/phone-number.js';

export type TargetKind = (typeof SIP_TARGET_KINDS)[number];
/** A template per kind of target (SWITCHBOARD_SIP_TARGETS, SWITCHBOARD_TWILIO_TARGETS). */
export type TargetTemplates = Readonly<Record<TargetKind, string>>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = new WeakMap<TargetTemplates, { kind: TargetKind; pattern: RegExp }[]>();

/**
 * The targets a SIP URI can stand for (a transfer's Refer-To, a redirect's Contact), read back
 * through the templates: `sip:queue-q1@acd` is queue `q1`. Several templates may match one URI
 * (an employee template `sip:{id}@pbx` matches any user on that host), so every reading is
 * returned, in the order queue, employee, voice agent, number; the caller keeps the first its
 * directory knows. A `tel:` URI is a number.
 */
export function targetsOf(targets: TargetTemplates, uri: string): { kind: TargetKind; value: string }[] {
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

/** What an address can stand for, as targets the network may know (numbers parsed here, once). */
export function transferTargetsOf(targets: TargetTemplates, address: string): TransferTarget[] {
  return targetsOf(targets, address).flatMap(({ kind, value }): TransferTarget[] => {
    if (kind !== 'number') return [{ kind, id: value }];
    try {
      return [{ kind: 'number', number: parsePhoneNumber(value, 'target') }];
    } catch {
      return [];
    }
  });
}
