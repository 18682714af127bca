/**
 * B3: what a network's webhooks tell, and how often a delivery is tried. The events are named as
 * the Standard Webhooks convention suggests (`group.event`); a change's audit action says which
 * event it is, so every command that audits one writes its event in the same transaction.
 */
import ipaddr from 'ipaddr.js';
export const WEBHOOK_EVENT_TYPES = [
  'continuity.changed',
  'continuity.schedule',
  'continuity.approval',
  'call.decided',
  'recording.available',
  'recording.deleted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Readonly<Record<WebhookEventType, string>> = {
  'continuity.changed': 'Call Continuity switched, drilled or its destinations changed',
  'continuity.schedule': 'Continuity schedules made, changed, cancelled or failed',
  'continuity.approval': 'Continuity approvals requested, refused, withdrawn or closed',
  'call.decided': 'A call logged, with where it went and what was recorded',
  'recording.available': 'A recording stored',
  'recording.deleted': 'A recording deleted past its retention',
};

const CONTINUITY_CHANGES = new Set([
  'continuity.switch_on',
  'continuity.switch_off',
  'continuity.turn_on_for_all',
  'continuity.turn_off_for_all',
  'continuity.drill_start',
  'continuity.drill_end',
  'continuity.default_destination',
  'continuity.chain',
  'continuity.exception',
]);

/** The event an audited change is, if any. */
export function webhookEventOf(action: string): WebhookEventType | null {
  if (CONTINUITY_CHANGES.has(action)) return 'continuity.changed';
  if (action === 'continuity.schedule' || action.startsWith('continuity.schedule_')) return 'continuity.schedule';
  if (action.startsWith('continuity.approval_')) return 'continuity.approval';
  if (action === 'recording.deleted') return 'recording.deleted';
  return null;
}

/** After this many seconds of failures a delivery is given up (then retried only by hand). */
export const WEBHOOK_GIVE_UP_SECONDS = 3 * 24 * 3600;

/**
 * Seconds to wait after the `attempt`th failed attempt (1 for the first): 5 s doubling to at most
 * 10 minutes, so a receiver back after an hour is tried again within ten minutes of it.
 */
export function webhookBackoffSeconds(attempt: number, base = 5, cap = 600): number {
  return Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
}

/** A subscription's URL, as the policy sees it: its scheme and host (an address or a name). */
export interface WebhookTarget {
  readonly protocol: string;
  readonly hostname: string;
}

/** An IPv4 address inside an IPv6 one (mapped, translated, NAT64, 6to4, compatible), by where it sits in the groups. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const g = address.parts;
  const at = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
    case 'rfc6052':
      return at(g[6]!, g[7]!);
    case '6to4':
      return at(g[1]!, g[2]!);
    default:
      // ::a.b.c.d (IPv4-compatible, deprecated: ipaddr.js calls it unicast).
      return g.slice(0, 6).every((x) => x === 0) ? at(g[6]!, g[7]!) : null;
  }
}

/**
 * Whether an IP address is loopback, private, link-local, shared, reserved or otherwise not plain
 * public unicast (parsed and classified by ipaddr.js, any spelling, a zone id too). An IPv4 address
 * inside an IPv6 one is judged as that IPv4 address; local-use NAT64 (64:ff9b:1::/48) is refused
 * whatever it carries. Not an address: false.
 */
export function isPrivateAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(text)) return false;
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const [first, second, third] = v6.parts;
  if (first === 0x64 && second === 0xff9b && third === 1) return true;
  const inside = embeddedIpv4(v6);
  if (inside !== null) return inside.range() !== 'unicast';
  return v6.range() !== 'unicast';
}

/**
 * Why a target is refused (null: allowed). In production only HTTPS, and not to a loopback or
 * private address (nor `localhost`); `allowPrivate` (a setting, for tests and closed networks)
 * allows both.
 */
export function webhookTargetProblem(target: WebhookTarget, allowPrivate: boolean): string | null {
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return 'must be an https:// address';
  if (allowPrivate) return null;
  if (target.protocol !== 'https:') return 'must be an https:// address (http is allowed only with SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE)';
  const host = target.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))
    return 'must not be a loopback or private address (allowed only with SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE)';
  return null;
}
