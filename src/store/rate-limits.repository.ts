/** Request limits shared by the nodes (PostgreSQL): one atomic upsert per request counts it in its window. */
import { sql } from 'kysely';
import type { Executor } from './db.js';

/**
 * Counts a hit of `key` in a window of `windowMs`, starting a new window when the last one is over;
 * returns the hits in the window so far and the milliseconds left in it. PostgreSQL only.
 */
export async function countHit(db: Executor, key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> {
  const now = sql<string>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;
  const result = await sql<{ hits: number; window_start: string; now: string }>`
    insert into rate_limits (key, window_start, hits) values (${key}, ${now}, 1)
    on conflict (key) do update set
      window_start = case when rate_limits.window_start + ${windowMs} <= ${now} then ${now} else rate_limits.window_start end,
      hits = case when rate_limits.window_start + ${windowMs} <= ${now} then 1 else rate_limits.hits + 1 end
    returning hits, window_start, ${now} as now`.execute(db);
  const row = result.rows[0]!;
  return { hits: Number(row.hits), ttlMs: Math.max(0, Number(row.window_start) + windowMs - Number(row.now)) };
}

/** Forgets windows that ended more than an hour ago (the sweeper). */
export async function forgetOldHits(db: Executor): Promise<void> {
  await sql`delete from rate_limits where window_start < (extract(epoch from clock_timestamp()) * 1000)::bigint - 3600000`.execute(db);
}
