/** One P6 measurement in a fresh process: `raw` reads the rows, `start` starts a node and decides one call. */
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { decideRoute } from '../src/domain/decide-route.js';
import { SnapshotCache } from '../src/runtime/snapshot-cache.js';
import { migrate, openStore } from '../src/store/db.js';
import { nanp } from './large-network.js';

const [mode, dataDir] = process.argv.slice(2) as ['raw' | 'start', string];
const begin = process.hrtime.bigint();
if (mode === 'raw') {
  const db = new SQLite(join(dataDir, 'switchboard.db'), { readonly: true });
  let count = 0;
  for (const table of ['tenants', 'tracking_numbers', 'queues', 'employees', 'voice_agents', 'exclusions', 'recording_defaults']) {
    count += db.prepare(`select * from ${table}`).all().length;
  }
  if (count < 1_000_000) throw new Error(`read ${count} rows`);
  db.close();
} else {
  const store = await openStore({ databaseUrl: null, dataDir });
  await migrate(store.db);
  const snapshots = new SnapshotCache(store);
  const snapshot = (await snapshots.get('large'))!;
  const decision = decideRoute(snapshot, { to: nanp(1, 123_456) });
  if (decision.kind !== 'workflow') throw new Error(`unexpected decision ${decision.kind}`);
}
console.log(`ELAPSED_MS ${Number(process.hrtime.bigint() - begin) / 1e6}`);
process.exit(0);
