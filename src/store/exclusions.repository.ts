/** The network's exclusion list (R10, X1, X4): numbers and area codes. */
import type { ExclusionEntry } from '../domain/phone-number.js';
import { sql } from 'kysely';
import type { Dialect, Executor } from './db.js';

export interface ExclusionRecord {
  readonly kind: 'number' | 'area_code';
  readonly value: string;
  readonly createdAt: string;
}

export interface ExclusionPage {
  readonly entries: ExclusionRecord[];
  /** How many entries match, over all pages. */
  readonly total: number;
}

/** One page of the list (area codes first, then numbers), optionally only entries containing `digits`. */
export async function listExclusions(
  db: Executor,
  networkId: string,
  page: { limit: number; offset: number; digits?: string } = { limit: 1_000_000, offset: 0 },
): Promise<ExclusionPage> {
  let query = db.selectFrom('exclusions').where('network_id', '=', networkId);
  if (page.digits !== undefined && page.digits !== '') query = query.where('value', 'like', `%${page.digits}%`);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('kind').orderBy('value').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    entries: rows.map((r) => ({ kind: r.kind as ExclusionRecord['kind'], value: r.value, createdAt: r.created_at })),
    total: Number(count.n),
  };
}

/** Adds an entry; false when it is already on the list. */
export async function addExclusion(db: Executor, networkId: string, entry: ExclusionEntry): Promise<boolean> {
  const value = entry.kind === 'number' ? entry.number : entry.areaCode;
  const existing = await db
    .selectFrom('exclusions')
    .select('value')
    .where('network_id', '=', networkId)
    .where('value', '=', value)
    .executeTakeFirst();
  if (existing !== undefined) return false;
  await db
    .insertInto('exclusions')
    .values({ network_id: networkId, kind: entry.kind, value, created_at: new Date().toISOString() })
    .execute();
  return true;
}

/** Removes an entry; false when it was not on the list. */
export async function removeExclusion(db: Executor, networkId: string, value: string): Promise<boolean> {
  const result = await db.deleteFrom('exclusions').where('network_id', '=', networkId).where('value', '=', value).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every entry's value (E.164 or a 3-digit area code), in a stable order. */
export async function exclusionValues(db: Executor, networkId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('exclusions')
    .select('value')
    .where('network_id', '=', networkId)
    .orderBy('kind')
    .orderBy('value')
    .execute();
  return rows.map((r) => r.value);
}

/** Removes every entry of the network; returns how many there were. */
export async function clearExclusions(db: Executor, networkId: string): Promise<number> {
  const result = await db.deleteFrom('exclusions').where('network_id', '=', networkId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

const BULK_CHUNK = 20_000;

/**
 * Inserts entries (one added meanwhile by someone else is kept, not an error), `BULK_CHUNK` per statement: the
 * values travel as one JSON array (SQLite) or one text[] (PostgreSQL) parameter, so a million
 * rows is fifty statements, written in key order. `onChunk` hears the running count (progress, tests).
 */
export async function insertExclusions(
  db: Executor,
  dialect: Dialect,
  networkId: string,
  values: readonly string[],
  onChunk?: (written: number) => void | Promise<void>,
): Promise<void> {
  const createdAt = new Date().toISOString();
  // In key order the index grows at its end instead of splitting pages all over: twice as fast.
  // A file's entries come in key order already (P5): checked, not sorted again.
  if (!inKeyOrder(values)) values = [...values].sort();
  for (let start = 0; start < values.length; start += BULK_CHUNK) {
    const chunk = values.slice(start, start + BULK_CHUNK);
    const kind = (column: ReturnType<typeof sql.ref>) => sql`case when length(${column}) = 3 then 'area_code' else 'number' end`;
    const query =
      dialect === 'sqlite'
        ? sql`insert into exclusions (network_id, kind, value, created_at) select ${networkId}, ${kind(sql.ref('j.value'))}, j.value, ${createdAt} from json_each(${JSON.stringify(chunk)}) as j where true on conflict do nothing`
        : sql`insert into exclusions (network_id, kind, value, created_at) select ${networkId}, ${kind(sql.ref('v'))}, v, ${createdAt} from unnest(${chunk}::text[]) as v on conflict do nothing`;
    await query.execute(db);
    await onChunk?.(start + chunk.length);
  }
}

function inKeyOrder(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
}
