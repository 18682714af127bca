/**
 * Issue 13: events of calls that Kamailio could give to no node (every node was down), which it
 * wrote into the database (`sip_events`, by its sqlops module). One node at a time reads them back
 * (a PostgreSQL advisory lock; the one node on SQLite), oldest first, hands each to its edge as if
 * just received, and forgets them. The call log takes a call once, so an event read twice (a node
 * dying between handling and forgetting) logs nothing twice.
 */
import { forgetKeptEvents, oldestKeptEvents } from '../../store/sip-events.repository.js';
import type { Application } from '../application.js';

const JOB = 'switchboard:kept-sip-events';

/** What one pass did: events handed over, and rows that were not a JSON object (forgotten, named). */
export interface KeptEventsPass {
  readonly handled: number;
  readonly unreadable: readonly string[];
}

/**
 * One pass: up to `limit` kept events, in the order they happened, given to `handle` (which keeps
 * each call's events in order); nothing when another node holds the job or the database is gone.
 */
export async function handleKeptEvents(
  app: Application,
  handle: (events: Record<string, unknown>[]) => Promise<void>,
  limit = 500,
): Promise<KeptEventsPass> {
  const { store } = app;
  try {
    if (store.feed.shared && !(await store.feed.tryLock(JOB))) return { handled: 0, unreadable: [] };
    const rows = await oldestKeptEvents(store.db, limit);
    if (rows.length === 0) return { handled: 0, unreadable: [] };
    const events: Record<string, unknown>[] = [];
    const unreadable: string[] = [];
    for (const row of rows) {
      const event = decode(row.body);
      if (event === null) unreadable.push(row.id);
      else events.push(event);
    }
    await handle(events);
    await forgetKeptEvents(
      store.db,
      rows.map((row) => row.id),
    );
    return { handled: events.length, unreadable };
  } catch {
    // The database is gone: the rows wait there for the next pass.
    return { handled: 0, unreadable: [] };
  }
}

function decode(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
