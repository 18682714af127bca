import { describe, expect, it } from 'vitest';
import { webhookBackoffSeconds, webhookEventOf, WEBHOOK_EVENT_TYPES } from './webhooks.js';

describe('B3 webhook events, back-off and targets', () => {
  it('B3 an audited change names its event: continuity switches, schedules, approvals, deleted recordings; others none', () => {
    expect(webhookEventOf('continuity.switch_on')).toBe('continuity.changed');
    expect(webhookEventOf('continuity.turn_off_for_all')).toBe('continuity.changed');
    expect(webhookEventOf('continuity.drill_start')).toBe('continuity.changed');
    expect(webhookEventOf('continuity.schedule')).toBe('continuity.schedule');
    expect(webhookEventOf('continuity.schedule_failed')).toBe('continuity.schedule');
    expect(webhookEventOf('continuity.approval_request')).toBe('continuity.approval');
    expect(webhookEventOf('recording.deleted')).toBe('recording.deleted');
    for (const action of ['recording.listened', 'tenant.update', 'webhook.create', 'token.create'])
      expect(webhookEventOf(action)).toBeNull();
    expect(WEBHOOK_EVENT_TYPES).toContain('call.decided');
    expect(WEBHOOK_EVENT_TYPES).toContain('recording.available');
  });

  it('B3 back-off: 5 s doubling to at most 10 minutes, so an hour down is tried again within ten minutes of coming back', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => webhookBackoffSeconds(n))).toEqual([5, 10, 20, 40, 80, 160, 320, 600, 600, 600]);
    // Over an hour of failures the attempts keep coming, never more than the cap apart.
    let t = 0;
    let attempt = 0;
    while (t < 3600) t += webhookBackoffSeconds(++attempt);
    expect(attempt).toBeGreaterThanOrEqual(8);
  });
});
