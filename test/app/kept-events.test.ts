/**
 * Issue 13: events Kamailio could give to no node, kept in `sip_events` (as its sqlops module
 * writes them: an id that sorts by time, the JSON message in base64), handed back in order by one
 * node at a time, then forgotten. Both databases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application.js';
import { handleKeptEvents } from '../../src/app/calls/kept-events.js';
import { openStore, type Store } from '../../src/store/db.js';
import { createTestStore, DIALECTS, type TestStore } from '../stores.js';

const kept = (at: string, message: Record<string, unknown>) => ({
  id: `${at}:0123456789abcdef0123456789abcdef:${String(message.type)}`,
  body: Buffer.from(JSON.stringify({ ...message, at })).toString('base64'),
});

describe.each(DIALECTS)('issue 13 events kept by Kamailio while no node was connected (%s)', (dialect) => {
  let store: TestStore;
  const others: Store[] = [];
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await store?.close();
  });

  it('are handed over oldest first, a row that is not a JSON message named and forgotten, then the table is empty', async () => {
    store = await createTestStore(dialect);
    await store.db
      .insertInto('sip_events')
      .values([
        kept('1764950402.000100', { type: 'hangup', callId: 'a@x' }),
        kept('1764950400.123456', { type: 'failsafe', callId: 'a@x', to: '+16198675301' }),
        { id: '1764950401.000000:broken:failsafe', body: Buffer.from('{"type":').toString('base64') },
        kept('1764950401.500000', { type: 'answered', callId: 'a@x' }),
      ])
      .execute();
    const app = createApplication(store);
    const handed: Record<string, unknown>[][] = [];
    const pass = await handleKeptEvents(app, async (events) => {
      handed.push(events);
    });
    expect(handed).toHaveLength(1);
    expect(handed[0]!.map((event) => event.type)).toEqual(['failsafe', 'answered', 'hangup']);
    expect(handed[0]![0]).toMatchObject({ callId: 'a@x', to: '+16198675301', at: '1764950400.123456' });
    expect(pass).toEqual({ handled: 3, unreadable: ['1764950401.000000:broken:failsafe'] });
    expect(await store.db.selectFrom('sip_events').selectAll().execute()).toEqual([]);
    // Nothing kept: nothing handed over.
    expect(await handleKeptEvents(app, async () => expect.unreachable())).toEqual({ handled: 0, unreadable: [] });
  });

  it('are read in batches of the limit, the rest at the next pass', async () => {
    store = await createTestStore(dialect);
    await store.db
      .insertInto('sip_events')
      .values(Array.from({ length: 5 }, (_, i) => kept(`176495040${i}.000000`, { type: 'hangup', callId: `c${i}` })))
      .execute();
    const app = createApplication(store);
    const calls: unknown[] = [];
    const handle = async (events: Record<string, unknown>[]) => {
      calls.push(...events.map((event) => event.callId));
    };
    expect((await handleKeptEvents(app, handle, 3)).handled).toBe(3);
    expect((await handleKeptEvents(app, handle, 3)).handled).toBe(2);
    expect(calls).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
  });

  if (dialect === 'postgres')
    it('are read by one node of the deployment at a time (an advisory lock), the other once the first is gone', async () => {
      store = await createTestStore(dialect);
      const [nodeA, nodeB] = [
        await openStore({ databaseUrl: store.url, dataDir: ':memory:' }),
        await openStore({ databaseUrl: store.url, dataDir: ':memory:' }),
      ];
      others.push(nodeB);
      const [first, other] = [createApplication(nodeA), createApplication(nodeB)];
      const handle = async () => undefined;
      await store.db
        .insertInto('sip_events')
        .values(kept('1764950400.000000', { type: 'hangup', callId: 'a' }))
        .execute();
      expect((await handleKeptEvents(first, handle)).handled).toBe(1);
      await store.db
        .insertInto('sip_events')
        .values(kept('1764950401.000000', { type: 'hangup', callId: 'b' }))
        .execute();
      // The first node holds the job: the second reads nothing, and the row waits.
      expect((await handleKeptEvents(other, handle)).handled).toBe(0);
      expect(await store.db.selectFrom('sip_events').select('id').execute()).toHaveLength(1);
      // The first gone (its connection, and with it the lock): the second takes the job.
      await nodeA.close();
      expect((await handleKeptEvents(other, handle)).handled).toBe(1);
    });
});
