/**
 * Hardening items 2-4: bodies are validated strictly, every refusal is a 4xx in the usual error
 * shape, and a refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const SWITCH = '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch';
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe.each(DIALECTS)('strict input on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dialect);
  });
  afterAll(async () => api.close());

  const continuityOn = async () =>
    (await api.as('admin', { method: 'GET', url: '/api/networks/summit/tenants/sunrise-plumbing' })).json().continuity.enabled as boolean;

  it('C1 item 2: a JSON body is not type-coerced: null, "false", 0 and [true] do not switch continuity', async () => {
    expect((await api.as('admin', { method: 'POST', url: SWITCH, payload: { enabled: true } })).statusCode).toBe(200);
    for (const enabled of [null, 'false', 0, [true], 'true', 1]) {
      const response = await api.as('admin', { method: 'POST', url: SWITCH, payload: { enabled } });
      expect(response.statusCode, JSON.stringify(enabled)).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'invalid_value', field: 'body.enabled' });
      expect(await continuityOn(), JSON.stringify(enabled)).toBe(true);
    }
    expect((await api.as('admin', { method: 'POST', url: SWITCH, payload: { enabled: false } })).statusCode).toBe(200);
  });

  it('item 2: a name must be text (true is not "true"), not blank, and no text field may hold a NUL', async () => {
    const create = (name: unknown) => api.as('admin', { method: 'POST', url: '/api/networks/summit/queues', payload: { name } });
    const asBoolean = await create(true);
    expect(asBoolean.statusCode).toBe(422);
    expect(asBoolean.json().error).toMatchObject({ code: 'invalid_value', field: 'body.name', value: true });
    const blank = await create('   ');
    expect(blank.statusCode).toBe(422);
    expect(blank.json().error.message).toBe('body.name: must not be blank (got "   ").');
    const nul = await create('Dis\u0000patch');
    expect(nul.statusCode).toBe(422);
    expect(nul.json().error).toMatchObject({ code: 'invalid_value', field: 'body.name' });
    const nulInQuery = await api.as('admin', { method: 'GET', url: '/api/networks/summit/exclusions?search=61%00' });
    expect(nulInQuery.statusCode).toBe(422);
    expect(nulInQuery.json().error.field).toBe('querystring.search');
    const queues = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/queues' })).json().queues as { name: string }[];
    expect(queues.map((q) => q.name)).not.toContain('true');
  });

  it('item 3: JSON nested 5,000 deep is a 400 on every kind of write, never echoed back', async () => {
    for (const [method, url] of [
      ['POST', SWITCH],
      ['POST', '/api/networks/summit/continuity/turn-off-for-all'],
      ['PUT', '/api/networks/summit/recording-defaults'],
    ] as const) {
      for (const body of [deep(5000), `{"enabled":${deep(5000)}}`, `{"a":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`]) {
        const response = await api.as('admin', {
          method,
          url,
          headers: { 'content-type': 'application/json', 'if-match': '"1"' },
          payload: body,
        });
        expect(response.statusCode, `${method} ${url}`).toBe(400);
        expect(response.json().error.code).toBe('json_too_deep');
        expect(response.body.length).toBeLessThan(300);
      }
    }
    expect(await continuityOn()).toBe(false);
  });

  it('item 3: an object or a list at fault is described, never echoed; long text is cut', async () => {
    const list = await api.as('admin', {
      method: 'POST',
      url: SWITCH,
      payload: { enabled: Array.from({ length: 5000 }, () => ({ x: 'y'.repeat(10) })) },
    });
    expect(list.statusCode).toBe(422);
    expect(list.json().error).not.toHaveProperty('value');
    expect(list.json().error.message).toBe('body.enabled: must be boolean (got a list).');
    const long = await api.as('admin', { method: 'POST', url: '/api/networks/summit/exclusions', payload: { entry: '9'.repeat(100_000) } });
    expect(long.statusCode).toBe(422);
    expect(long.body.length).toBeLessThan(1000);
  });

  it('item 3: bodies that are not JSON, empty, or poisoned are a 400 in the usual shape', async () => {
    const send = (payload: string) =>
      api.as('admin', { method: 'POST', url: SWITCH, headers: { 'content-type': 'application/json' }, payload });
    expect((await send('{"enabled": tru')).json().error).toMatchObject({ code: 'invalid_json', field: 'body' });
    expect((await send('')).json().error).toMatchObject({ code: 'invalid_json', message: 'body: is empty; send a JSON document.' });
    const poisoned = await send('{"enabled": true, "__proto__": {"admin": true}}');
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().error.code).toBe('forbidden_property');
    expect(await continuityOn()).toBe(false);
  });

  it.each(['Infinity', '1e309', '1e20', '-1', '2.5', 'NaN', ''])('item 4: limit or offset %j is a 422, not a 500', async (value) => {
    for (const url of [
      `/api/networks/summit/exclusions?limit=${value}`,
      `/api/networks/summit/exclusions?offset=${value}`,
      `/api/networks/summit/audit?limit=${value}`,
      `/api/networks/summit/calls?limit=${value}`,
    ]) {
      const response = await api.as('admin', { method: 'GET', url });
      expect(response.statusCode, url).toBe(422);
      expect(response.json().error.code, url).toBe('invalid_value');
    }
  });

  it('item 4: the largest offset allowed is answered (with an empty page)', async () => {
    const response = await api.as('admin', { method: 'GET', url: '/api/networks/summit/exclusions?offset=10000000' });
    expect(response.statusCode).toBe(200);
    expect(response.json().entries).toEqual([]);
  });
});
