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
