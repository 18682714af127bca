/**
 * P6: a SQLite file holding 10,000 tenants and 1,000,000 tracking numbers. Server start to first
 * decision (open, migrate, load the snapshot, decide a call) against reading the same rows raw with
 * better-sqlite3, both in fresh processes on the same file. Run with `npm run bench:start`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openStore } from '../src/store/db.js';
import { insertNetwork } from '../src/store/network-seeder.js';
import { largeNetwork } from './large-network.js';

const TENANTS = 10_000;
const NUMBERS = 1_000_000;
const ROUNDS = 3;

const dataDir = process.env.P6_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'sb-p6-'));
if (!existsSync(join(dataDir, 'switchboard.db'))) {
  const started = Date.now();
  const store = await openStore({ databaseUrl: null, dataDir });
  await migrate(store.db);
  await store.db.transaction().execute((trx) => insertNetwork(trx, largeNetwork(TENANTS, NUMBERS), 'large'));
  await store.close();
  console.log(`seeded ${dataDir} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function measure(mode: 'raw' | 'start'): number {
  const result = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', '--import', 'tsx', join(import.meta.dirname, 'start.child.ts'), mode, dataDir],
    { encoding: 'utf8' },
  );
  const match = /ELAPSED_MS (\d+(?:\.\d+)?)/.exec(result.stdout);
  if (result.status !== 0 || match === null) throw new Error(`${mode}: ${result.stderr || result.stdout}`);
  return Number(match[1]);
}

let raw = Infinity;
let start = Infinity;
for (let round = 0; round < ROUNDS; round++) {
  raw = Math.min(raw, measure('raw'));
  start = Math.min(start, measure('start'));
}
console.log(`SQLite with ${TENANTS} tenants and ${NUMBERS} tracking numbers; best of ${ROUNDS} fresh processes each:`);
console.log(`read the rows raw (better-sqlite3): ${raw.toFixed(0)} ms; start to first decision: ${start.toFixed(0)} ms`);
console.log(`P6 ratio=${(start / raw).toFixed(2)}`);
