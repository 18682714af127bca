/**
 * Failed sign-ins counted per key (an address and account pair, or an account) in the database,
 * so every node behind a load balancer sees the same counts (hardening item 7). Each count is one
 * atomic upsert: two nodes counting at once both count.
 */
import { sql } from 'kysely';
import type { Executor } from './db.js';

/** Until when the first of `keys` that is blocked stays blocked (ISO), or null. */
export async function blockedUntil(db: Executor, keys: readonly string[], now: string): Promise<string | null> {
  const rows = await db
    .selectFrom('login_throttle')
    .select('blocked_until')
    .where('key', 'in', [...keys])
    .where('blocked_until', '>', now)
    .execute();
  return rows.reduce<string | null>((latest, row) => (latest === null || row.blocked_until! > latest ? row.blocked_until : latest), null);
}

/**
 * Counts one failure under `key` in a window that starts at the first failure and lasts
 * `windowMs`; an older window starts again at 1. Returns the count and the window's start.
 */
export async function countFailure(
  db: Executor,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ failures: number; windowStartedAt: string }> {
  const at = now.toISOString();
  const expired = new Date(now.getTime() - windowMs).toISOString();
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: at, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when login_throttle.window_started_at <= ${expired} then 1 else login_throttle.failures + 1 end`,
        window_started_at: sql<string>`case when login_throttle.window_started_at <= ${expired} then ${at} else login_throttle.window_started_at end`,
      }),
    )
    .returning(['failures', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), windowStartedAt: row.window_started_at };
}

export async function block(db: Executor, key: string, until: string): Promise<void> {
  await db.updateTable('login_throttle').set({ blocked_until: until }).where('key', '=', key).execute();
}

export async function clearKeys(db: Executor, keys: readonly string[]): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('key', 'in', [...keys])
    .execute();
}

/** Forgets counts whose window ended before `before` and that block nobody. */
export async function sweepThrottle(db: Executor, before: string, now: string): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<', before)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .execute();
}
