/** The names of some of a network's records by id (tenants, queues, employees, voice agents, tracking numbers), for reading records in words. */
import { readableNumber } from '../domain/phone-number.js';
import type { Executor } from './db.js';

/** One query per kind for each 500 ids: an audit page names its few records, not the whole network's. */
export async function namesByIds(db: Executor, networkId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => id !== '');
  const names = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const named = (table: 'tenants' | 'queues' | 'employees' | 'voice_agents') =>
      db.selectFrom(table).select(['id', 'name']).where('network_id', '=', networkId).where('id', 'in', chunk).execute();
    const [tenants, queues, employees, agents, numbers] = await Promise.all([
      named('tenants'),
      named('queues'),
      named('employees'),
      named('voice_agents'),
      db.selectFrom('tracking_numbers').select(['id', 'number']).where('network_id', '=', networkId).where('id', 'in', chunk).execute(),
    ]);
    for (const row of [...tenants, ...queues, ...employees, ...agents]) names.set(row.id, row.name);
    for (const row of numbers) names.set(row.id, readableNumber(row.number));
  }
  return names;
}
