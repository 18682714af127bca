/**
 * What has expired is deleted, at start and every ten minutes: sessions that ended and sign-in
 * counts that no longer block anyone (hardening item 9), and the records of settings changes a
 * week old (a node whose snapshot is older than the oldest record loads its network whole), and
 * webhook deliveries done with (delivered or given up) a month ago, with their events (B3).
 * Deleting what has expired is the same on every node, so each node may do it (the single-owner
 * jobs of the multi-node work can take it over).
 */
import type { Store } from '../../store/db.js';
import { sweepThrottle } from '../../store/login-throttle.repository.js';
import { pruneNetworkChanges } from '../../store/network-data.repository.js';
import { deleteExpiredSessions } from '../../store/users.repository.js';
import { forgetOldHits } from '../../store/rate-limits.repository.js';
import { pruneWebhooks } from '../../store/webhooks.repository.js';

export const SWEEP_EVERY_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
const CHANGES_KEPT_MS = 7 * DAY_MS;
export const WEBHOOK_DELIVERIES_KEPT_MS = 30 * DAY_MS;

/** One sweep; how many sessions it deleted. */
export async function sweepExpired(store: Store, now = new Date()): Promise<number> {
  const sessions = await deleteExpiredSessions(store.db, now.toISOString());
  await sweepThrottle(store.db, new Date(now.getTime() - DAY_MS).toISOString(), now.toISOString());
  await pruneNetworkChanges(store.db, new Date(now.getTime() - CHANGES_KEPT_MS).toISOString());
  await pruneWebhooks(store.db, new Date(now.getTime() - WEBHOOK_DELIVERIES_KEPT_MS).toISOString());
  if (store.dialect === 'postgres') await forgetOldHits(store.db);
  return sessions;
}

/** Sweeps now and every SWEEP_EVERY_MS until stopped; a failed sweep is reported and tried again next time. */
export function startSweeper(store: Store, onError: (error: unknown) => void): () => void {
  const sweep = () => void sweepExpired(store).catch(onError);
  sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
