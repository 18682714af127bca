/**
 * Real databases for tests: an in-memory SQLite, or a fresh PostgreSQL database created for the
 * test and dropped after. PostgreSQL is at SWITCHBOARD_TEST_POSTGRES (default: the local server
 * with trust auth, which `npm test` installs and starts where it is missing). If it cannot be
 * reached the tests fail; they never skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openStore, type Dialect, type Store } from '../src/store/db.js';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
const ADMIN_URL = process.env.SWITCHBOARD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore extends Store {
  /** The URL of this test's PostgreSQL database (to open a second node on it), or null. */
  readonly url: string | null;
}

export async function createTestStore(dialect: Dialect, options: { migrated?: boolean } = {}): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = await openStore({ databaseUrl: null, dataDir: ':memory:' });
    if (options.migrated !== false) await migrate(store.db);
    return { ...store, url: null };
  }
  const name = `sb_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const store = await openStore({ databaseUrl: url, dataDir: ':memory:' });
  if (options.migrated !== false) await migrate(store.db);
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL} (${(error as Error).message}); npm test starts it, or set SWITCHBOARD_TEST_POSTGRES`,
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
