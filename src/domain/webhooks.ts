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

/**
 * Whether an IP address is loopback, private, link-local or otherwise not on the public internet
 * (IPv4 and IPv6, IPv4-mapped included). Not an address: false.
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(address);
  if (v4 !== null) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase().replace(/^\[|\]$/g, '');
  if (!v6.includes(':')) return false;
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('ff');
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
