/**
 * Opens the database Switchboard stores everything in: PostgreSQL when DATABASE_URL is set
 * (several nodes), else one SQLite file under the data folder (WAL, foreign keys on).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { privateDirSync, privateFileSync } from '../shared/private-files.js';
import { ChangeFeed } from './change-feed.js';
import * as initial from './migrations/001-initial.js';
import * as recordings from './migrations/002-recordings.js';
import * as agentEmployee from './migrations/003-agent-employee.js';
import * as credentials from './migrations/004-credentials.js';
import * as networkChanges from './migrations/005-network-changes.js';
import * as callLogCallId from './migrations/006-call-log-call-id.js';
import * as clusterNodes from './migrations/007-cluster-nodes.js';
import * as liveCalls from './migrations/008-live-calls.js';
import * as rateLimits from './migrations/009-rate-limits.js';
import * as sipEvents from './migrations/010-sip-events.js';
import * as twilioAccounts from './migrations/011-twilio-accounts.js';
import * as recordingMediaUrl from './migrations/012-recording-media-url.js';
import * as tenantSectionVersions from './migrations/013-tenant-section-versions.js';
import * as continuitySchedules from './migrations/014-continuity-schedules.js';
import * as tenantTimeZone from './migrations/015-tenant-time-zone.js';
import * as switchContinuityPermission from './migrations/016-switch-continuity-permission.js';
import * as continuityApprovals from './migrations/017-continuity-approvals.js';
import * as continuityDrill from './migrations/018-continuity-drill.js';
import * as continuityChain from './migrations/019-continuity-chain.js';
import * as recordingConsent from './migrations/020-recording-consent.js';
import * as consentStamps from './migrations/021-consent-stamps.js';
import * as maxPause from './migrations/022-max-pause.js';
import * as tokenScope from './migrations/023-token-scope.js';
import * as retention from './migrations/024-retention.js';
import * as webhooks from './migrations/025-webhooks.js';
import type { Schema } from './schema.js';

export type Db = Kysely<Schema>;
/** A query runner: the database, or a transaction of it. Repositories accept either. */
export type Executor = Kysely<Schema> | Transaction<Schema>;
export type Dialect = 'sqlite' | 'postgres';

export interface StoreOptions {
  /** postgres://… or null for SQLite. */
  readonly databaseUrl: string | null;
  /** The SQLite file's folder; `:memory:` for a throwaway database (tests). */
  readonly dataDir: string;
}

export interface Store {
  readonly db: Db;
  readonly dialect: Dialect;
  readonly feed: ChangeFeed;
  close(): Promise<void>;
}

const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-recordings': recordings,
  '003-agent-employee': agentEmployee,
  '004-credentials': credentials,
  '005-network-changes': networkChanges,
  '006-call-log-call-id': callLogCallId,
  '007-cluster-nodes': clusterNodes,
  '008-live-calls': liveCalls,
  '009-rate-limits': rateLimits,
  '010-sip-events': sipEvents,
  '011-twilio-accounts': twilioAccounts,
  '012-recording-media-url': recordingMediaUrl,
  '013-tenant-section-versions': tenantSectionVersions,
  '014-continuity-schedules': continuitySchedules,
  '015-tenant-time-zone': tenantTimeZone,
  '016-switch-continuity-permission': switchContinuityPermission,
  '017-continuity-approvals': continuityApprovals,
  '018-continuity-drill': continuityDrill,
  '019-continuity-chain': continuityChain,
  '020-recording-consent': recordingConsent,
  '021-consent-stamps': consentStamps,
  '022-max-pause': maxPause,
  '023-token-scope': tokenScope,
  '024-retention': retention,
  '025-webhooks': webhooks,
};

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl !== null) {
    // A server that is gone must fail a request in seconds (503 database_unavailable), not hang it.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 3000 });
    // An idle connection that dies (server restart, failover) is replaced by the pool on next use;
    // it must not take the process down.
    pool.on('error', () => undefined);
    // A connection checked out (a transaction between its statements) when the server goes away
    // emits 'error' on its client, which the pool does not listen to while it is out: without a
    // listener that takes the process down (seen: a node exiting when PostgreSQL stopped under call
    // load). The statement waiting on it is rejected all the same, and the pool drops the client.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const feed = await ChangeFeed.postgres(options.databaseUrl);
    return {
      db,
      dialect: 'postgres',
      feed,
      close: async () => {
        await feed.close();
        await db.destroy();
      },
    };
  }
  let file = ':memory:';
  if (options.dataDir !== ':memory:') {
    privateDirSync(options.dataDir);
    file = join(options.dataDir, 'switchboard.db');
    // SQLite gives its -wal and -shm files the database file's mode: 0600 for all three.
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (path === file || existsSync(path)) privateFileSync(path);
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const feed = ChangeFeed.inProcess();
  return {
    db,
    dialect: 'sqlite',
    feed,
    close: async () => {
      await feed.close();
      await db.destroy();
    },
  };
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE']);
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
];

/**
 * Whether an error means the database cannot be reached now (refused, reset, timed out, shutting
 * down or starting up: PostgreSQL's class 08 and 57P01-57P03), as opposed to a query it refused.
 * The HTTP edge answers these with 503 database_unavailable; the call log keeps what it could not write.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
    if (CONNECTION_MESSAGES.some((text) => cause instanceof Error && cause.message.includes(text))) return true;
    if (cause instanceof AggregateError && cause.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** How many prepared statements a SQLite store keeps for reuse (docs/decisions/0102-sqlite-statement-cache.md). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The database as Kysely's SQLite driver sees it, with each prepared statement kept for the next
 * query of the same text instead of compiled again (about a third of a short transaction's time).
 * Safe because the driver runs one query at a time on its one connection; statements of long text
 * (bulk inserts, each a different shape) are not kept.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => void sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement !== undefined) {
        cache.delete(sql); // most recently used last
        cache.set(sql, statement);
        return statement;
      }
      statement = sqlite.prepare(sql);
      if (sql.length <= 2000) {
        cache.set(sql, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

/** Brings the schema up to date. The same migrations run on both databases. */
export async function migrate(db: Kysely<Schema>): Promise<string[]> {
  return migrateUpTo(db, null);
}

/** Brings the schema up to `last` (null: the latest); a test of one migration on existing data stops before it. */
export async function migrateUpTo(db: Kysely<Schema>, last: string | null): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = last === null ? await migrator.migrateToLatest() : await migrator.migrateTo(last);
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
