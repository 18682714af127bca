/** Whether a store's database answers now: the health checks' and the metrics' question. */
import { sql } from 'kysely';
import type { Dialect, Store } from '../../store/db.js';

/** How long a health check waits for the database before calling it down. */
const DATABASE_CHECK_MS = 2000;

export async function storeHealth(store: Store): Promise<{ up: boolean; database: Dialect }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the database did not answer in time')), DATABASE_CHECK_MS);
    });
    await Promise.race([sql`select 1`.execute(store.db), late]);
    return { up: true, database: store.dialect };
  } catch {
    return { up: false, database: store.dialect };
  } finally {
    clearTimeout(timer);
  }
}
