/**
 * B3: what a network's webhooks tell, and how often a delivery is tried. The events are named as
 * the Standard Webhooks convention suggests (`group.event`); a change's audit action says which
 * event it is, so every command that audits one writes its event in the same transaction.
 */
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

/** The four bytes of a dotted IPv4 address; null when it is not one. */
function ipv4Bytes(address: string): number[] | null {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (parts === null) return null;
  const bytes = parts.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail read); null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (!text.includes(':')) return null;
  const tail = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text);
  if (tail !== null) {
    const bytes = ipv4Bytes(tail[1]!);
    if (bytes === null) return null;
    text = `${text.slice(0, -tail[1]!.length)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const read = (half: string) => (half === '' ? [] : half.split(':'));
  const head = read(halves[0]!);
  const rest = halves.length === 2 ? read(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(Math.max(0, missing)).fill('0'), ...rest];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function privateIpv4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a! >= 224
  );
}

/**
 * Whether an IP address is loopback, private, link-local, shared or otherwise not on the public
 * internet. IPv6 in any spelling: an IPv4 address inside it (mapped, compatible, NAT64, 6to4) is
 * judged as that IPv4 address. Not an address: false.
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = ipv4Bytes(address);
  if (v4 !== null) return privateIpv4(v4);
  const g = ipv6Groups(address);
  if (g === null) return false;
  const embedded = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, :: and ::1 among them).
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0))
    return g[5] === 0 && g[6] === 0 && g[7]! <= 1 ? true : privateIpv4(embedded(g[6]!, g[7]!));
  // ::ffff:0:a.b.c.d (translated).
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return privateIpv4(embedded(g[6]!, g[7]!));
  // 64:ff9b::a.b.c.d (NAT64), 64:ff9b:1::/48 (local-use NAT64: any IPv4 behind it, refused) and 2002:aabb:ccdd::/48 (6to4).
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return privateIpv4(embedded(g[6]!, g[7]!));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return true;
  if (g[0] === 0x2002) return privateIpv4(embedded(g[1]!, g[2]!));
  const first = g[0]!;
  // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast.
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0 || (first & 0xff00) === 0xff00;
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
