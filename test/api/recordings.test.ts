import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRecording } from '../../src/store/recordings.repository.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

describe.each(DIALECTS)('recordings over the API on %s', (dialect) => {
  let api: TestApi;
  let ids: { sunrise: string; coastal: string };
  beforeEach(async () => {
    api = await startTestApi(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'sb-rec-'));
    const file = (name: string) => {
      const path = join(dir, name);
      writeFileSync(path, Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(40)]));
      return path;
    };
    const segments = [{ start: 0, end: 2 }];
    ids = {
      sunrise: await insertRecording(api.store.db, 'summit', {
        callLogId: 'c1',
        tenantId: 'sunrise-plumbing',
        sipCallId: 'a@b',
        file: file('a.wav'),
        durationMs: 2000,
        segments,
      }),
      coastal: await insertRecording(api.store.db, 'summit', {
        callLogId: 'c2',
        tenantId: 'coastal-hvac',
        sipCallId: 'c@d',
        file: file('b.wav'),
        durationMs: 2000,
        segments,
      }),
    };
  });
  afterEach(async () => api.close());

  it("L5 network administrators list and download every recording; a tenant administrator only their tenant's (another's is a 404)", async () => {
    const all = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/recordings' })).json().recordings;
    expect(all.map((r: { id: string }) => r.id).sort()).toEqual([ids.sunrise, ids.coastal].sort());
    expect(all[0]).not.toHaveProperty('file');
    const own = (await api.as('tenantAdmin', { method: 'GET', url: '/api/networks/summit/recordings' })).json().recordings;
    expect(own.map((r: { id: string }) => r.id)).toEqual([ids.sunrise]);
    const download = await api.as('tenantAdmin', { method: 'GET', url: `/api/networks/summit/recordings/${ids.sunrise}/audio` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('audio/wav');
    expect((await api.as('tenantAdmin', { method: 'GET', url: `/api/networks/summit/recordings/${ids.coastal}/audio` })).statusCode).toBe(
      404,
    );
    expect((await api.as('agent', { method: 'GET', url: `/api/networks/summit/recordings/${ids.sunrise}/audio` })).statusCode).toBe(404);
    expect((await api.as('otherAdmin', { method: 'GET', url: `/api/networks/summit/recordings/${ids.sunrise}/audio` })).statusCode).toBe(
      404,
    );
  });

  it('L5 someone who sees no tenant (every agent) gets an empty list of recordings, not an error (hardening item 5)', async () => {
    const response = await api.as('agent', { method: 'GET', url: '/api/networks/summit/recordings' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ recordings: [] });
  });

  it('live calls need the agent console; a node without a SIP edge has none, and an event for an unknown call is a 404', async () => {
    expect((await api.as('agent', { method: 'GET', url: '/api/networks/summit/live-calls' })).json()).toEqual({ calls: [] });
    expect((await api.as('tenantAdmin', { method: 'GET', url: '/api/networks/summit/live-calls' })).statusCode).toBe(403);
    const unknown = await api.as('agent', {
      method: 'POST',
      url: '/api/networks/summit/live-calls/nope/events',
      payload: { type: 'payment_opened' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
