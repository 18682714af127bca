/**
 * Issue 13, item 4: call-log entries and recordings made while the database is gone are kept (on
 * disk too) and written when it answers again, once each, in order, even by a node restarted in
 * between. The database that is gone is a real one: a PostgreSQL address nothing listens on.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallLogOutbox, type Pending } from '../../src/app/calls/call-log-outbox.js';
import { Metrics } from '../../src/app/metrics.js';
import { DEMO_NETWORK } from '../../src/app/demo/demo-network.js';
import type { RecordingPlan } from '../../src/domain/decide-recording.js';
import { newCallLogId } from '../../src/store/call-log.repository.js';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ChangeFeed } from '../../src/store/change-feed.js';
import type { Store } from '../../src/store/db.js';
import type { Schema } from '../../src/store/schema.js';
import { insertNetwork } from '../../src/store/network-seeder.js';
import { newRecordingId } from '../../src/store/recordings.repository.js';
import { createTestStore, type TestStore } from '../stores.js';

const plan = {
  ruleSet: 'contact_center',
  route: null,
  segments: [{ start: 0, end: 30 }],
  loggedIn: ['contact_center'],
  syncsToCore: false,
  linkedTenantId: 'sunrise-plumbing',
  coreTenantId: null,
  reasons: [{ rule: 'L5', text: 'logged' }],
} as unknown as RecordingPlan;

const callRow = (callId: string): Pending => ({
  kind: 'call',
  call: {
    id: newCallLogId(),
    callId,
    networkId: 'summit',
    startedAt: new Date().toISOString(),
    direction: 'inbound',
    from: '+14158672200',
    to: '+16198675301',
    plan,
    source: 'sip',
  },
});

describe('the call log when the database is gone', () => {
  let store: TestStore;
  let gone: Store;
  let dir: string;
  beforeEach(async () => {
    store = await createTestStore('postgres');
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    // PostgreSQL at an address where nothing answers: every query fails as a stopped server's do
    // (openStore would fail at once: its change feed connects first).
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/nowhere', connectionTimeoutMillis: 2000 });
    pool.on('error', () => undefined);
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    gone = { db, dialect: 'postgres', feed: ChangeFeed.inProcess(), close: () => db.destroy() };
    dir = mkdtempSync(join(tmpdir(), 'sb-outbox-'));
  });
  afterEach(async () => {
    await gone.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('item 4 L5: rows are kept on disk while the database is gone; a node restarted meanwhile writes them once each, in order, when it answers', async () => {
    const file = join(dir, 'call-log-backlog.jsonl');
    const down = new CallLogOutbox(gone, new Metrics(), file);
    const rows = [
      callRow('a'),
      callRow('b'),
      {
        kind: 'recording',
        id: newRecordingId(),
        networkId: 'summit',
        recording: { callLogId: 'x', tenantId: null, sipCallId: 'b', file: '/tmp/b.wav', durationMs: 1000, segments: [] },
      } as Pending,
      callRow('c'),
    ];
    for (const row of rows) expect(await down.write(row)).toBe(false);
    expect(down.waiting).toBe(4);
    down.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(4);
    // The node comes back (a new process) and the database answers.
    const up = new CallLogOutbox(store, new Metrics(), file);
    up.start();
    await up.flush();
    expect(up.waiting).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('');
    const logged = await store.db.selectFrom('call_log').select(['call_id', 'id']).orderBy('id').execute();
    expect(logged.map((row) => row.call_id)).toEqual(['a', 'b', 'c']);
    expect(await store.db.selectFrom('recordings').select('sip_call_id').execute()).toEqual([{ sip_call_id: 'b' }]);
    // Written again (a retry after an unclear failure, a replayed event): still once each.
    for (const row of rows) await up.write(row);
    await up.write(callRow('a'));
    expect(await store.db.selectFrom('call_log').select('call_id').execute()).toHaveLength(3);
    up.close();
  });

  it('item 4: while rows wait, a new one waits behind them (order kept), and a row the database refuses for another reason is an error, not kept', async () => {
    const outbox = new CallLogOutbox(gone, new Metrics(), null);
    await outbox.write(callRow('first'));
    await outbox.write(callRow('second'));
    expect(outbox.waiting).toBe(2);
    outbox.close();
    const live = new CallLogOutbox(store, new Metrics(), null);
    const bad: Pending = {
      kind: 'call',
      call: { ...(callRow('bad') as Extract<Pending, { kind: 'call' }>).call, networkId: 'no-such-network' },
    };
    await expect(live.write(bad)).rejects.toThrow();
    expect(live.waiting).toBe(0);
  });
});
