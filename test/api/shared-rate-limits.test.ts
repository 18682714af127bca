/**
 * Issue 13, item 1: a request limit holds for a user across the nodes of a deployment on
 * PostgreSQL. Two nodes (each its own application, snapshot and HTTP server) on one database: the
 * agent console's simulated calls (120 a minute per agent) spread over both still stop at 120.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application.js';
import { buildApp } from '../../src/edges/http/app.js';
import { SnapshotCache } from '../../src/runtime/snapshot-cache.js';
import { openStore, type Store } from '../../src/store/db.js';
import { startTestApi, type TestApi } from '../api.js';

const url = '/api/networks/summit/agent/simulated-call';
const payload = {
  call: { direction: 'inbound', from: '(415) 867-2200', to: '(619) 867-5301' },
  events: [{ type: 'connected', at: 0 }],
};

describe('request limits on several nodes (PostgreSQL)', () => {
  let api: TestApi;
  let second: FastifyInstance;
  let secondStore: Store;
  let secondSnapshots: SnapshotCache;
  beforeAll(async () => {
    api = await startTestApi('postgres');
    secondStore = await openStore({ databaseUrl: api.store.url, dataDir: ':memory:' });
    secondSnapshots = new SnapshotCache(secondStore);
    second = await buildApp({
      app: createApplication(secondStore, secondSnapshots),
      config: { secureCookies: false, sessionHours: 1, loginRatePerMinute: 5 },
    });
  });
  afterAll(async () => {
    await second.close();
    secondSnapshots.close();
    await secondStore.close();
    await api.close();
  });

  it('item 1: 120 simulated calls a minute per agent, counted over both nodes: the 121st is refused on either', async () => {
    const headers = { authorization: `Bearer ${api.token('agent')}` };
    for (let i = 0; i < 120; i++) {
      const node = i % 2 === 0 ? api.app : second;
      const answer = await node.inject({ method: 'POST', url, payload, headers });
      expect(answer.statusCode, `request ${i + 1}`).toBe(200);
    }
    for (const node of [api.app, second]) {
      const refused = await node.inject({ method: 'POST', url, payload, headers });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
    }
    // Another agent's count is their own.
    const admin = await second.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${api.token('admin')}` } });
    expect(admin.statusCode).not.toBe(429);
  }, 60_000);
});
