/**
 * Hardening: a property-based fuzz of the whole API, driven by the server's own OpenAPI document.
 * For every operation, as a network administrator and as an agent, on SQLite and PostgreSQL,
 * requests are generated from the schemas and mutated (openapi-arbitraries.ts). Whatever is sent:
 * no 5xx; every error in the documented shape `{ error: { code, message, field?, value? } }`, never
 * echoing an object; and a refused write changes no stored data (a dump before and after).
 *
 * The seed is fixed (FUZZ_SEED to change it, FUZZ_RUNS for more runs per operation and persona),
 * so a failure found in CI is found again on a developer's machine.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type Persona, type TestApi } from '../api.js';
import { operationsOf, requestFor, type FuzzRequest, type Operation } from '../fuzz/openapi-arbitraries.js';
import { DIALECTS } from '../stores.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Signing in costs a real scrypt (~0.8 s): a few attempts are enough to cover its validation. */
const RUNS_FOR: Record<string, number> = { 'POST /api/session': 3 };
/** An event stream never ends (its limits are tested in credentials.test.ts). */
const SKIPPED = new Set(['GET /api/events']);
/**
 * Rows that change by design when a request is refused: failed sign-in counts, a token's last use,
 * and requests counted against a route's limit (every request counts, refused ones too).
 */
const VOLATILE_TABLES = new Set(['login_throttle', 'rate_limits']);
const VOLATILE_COLUMNS: Record<string, readonly string[]> = { api_tokens: ['last_used_at'] };
const ERROR_CODE = /^[a-z][a-z0-9_]*$/;

describe.each(DIALECTS)('API fuzz from the OpenAPI document on %s', (dialect) => {
  let api: TestApi;
  let operations: Operation[];
  let tables: string[];
  let sent = 0;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    operations = operationsOf((await api.as(null, { method: 'GET', url: '/api/openapi.json' })).json())
      .filter((op) => !SKIPPED.has(`${op.method} ${op.path}`))
      // Deletions last, so that the other operations meet the demo network's records.
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    tables = (await api.store.db.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !name.startsWith('kysely_') && !VOLATILE_TABLES.has(name))
      .sort();
  });
  afterAll(async () => api.close());

  /** Every stored row, in a stable order: what a refused request must leave as it was. */
  const dump = async (): Promise<string> => {
    const all: Record<string, string[]> = {};
    for (const table of tables) {
      const rows = await api.store.db
        .selectFrom(table as 'users')
        .selectAll()
        .execute();
      const volatile = VOLATILE_COLUMNS[table] ?? [];
      all[table] = rows
        .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([key]) => !volatile.includes(key)))))
        .sort();
    }
    return JSON.stringify(all);
  };

  /** The resource's current ETag, so that some writes carry the right version and reach their handler. */
  const currentEtag = async (persona: Persona, url: string): Promise<string> => {
    const read = await api.as(persona, { method: 'GET', url: url.split('?')[0]! });
    return typeof read.headers.etag === 'string' ? read.headers.etag : '"v1"';
  };

  const check = async (persona: Persona, request: FuzzRequest) => {
    const headers = { ...request.headers };
    if (headers['if-match'] === 'CURRENT') headers['if-match'] = await currentEtag(persona, request.url);
    const write = request.method !== 'GET';
    const before = write ? await dump() : '';
    const response = await api.as(persona, {
      method: request.method as 'GET',
      url: request.url,
      headers,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    sent++;
    const what = `${persona} ${request.method} ${request.url.slice(0, 200)} (${request.mutation}) answered ${response.statusCode}: ${response.body.slice(0, 300)}`;
    expect(response.statusCode, what).toBeLessThan(500);
    if (response.statusCode < 400) return;
    let body: { error?: { code?: unknown; message?: unknown; field?: unknown; value?: unknown } };
    try {
      body = response.json();
    } catch {
      throw new Error(`not JSON: ${what}`);
    }
    expect(body.error, what).toBeTypeOf('object');
    expect(body.error!.code, what).toMatch(ERROR_CODE);
    expect(body.error!.message, what).toBeTypeOf('string');
    expect(String(body.error!.message), what).not.toMatch(/\n\s+at /);
    if (body.error!.field !== undefined) expect(body.error!.field, what).toBeTypeOf('string');
    const value = body.error!.value;
    if (value !== undefined && value !== null) {
      // Text and numbers are echoed; a list only of ids the server named itself (C10), never an object.
      if (Array.isArray(value))
        expect(
          value.every((item) => typeof item === 'string'),
          what,
        ).toBe(true);
      else expect(['string', 'number', 'boolean'], what).toContain(typeof value);
      if (typeof value === 'string') expect(value.length, what).toBeLessThanOrEqual(201);
    }
    if (write) expect(await dump(), `a refused request changed stored data: ${what}`).toBe(before);
  };

  for (const persona of ['admin', 'agent'] as const) {
    it(`no 5xx, every error in the documented shape, and no change from a refused request, as ${persona === 'admin' ? 'a network administrator' : 'an agent'}`, async () => {
      for (const operation of operations) {
        const runs = RUNS_FOR[`${operation.method} ${operation.path}`] ?? RUNS;
        await fc.assert(
          fc.asyncProperty(requestFor(operation, 'CURRENT'), (request) => check(persona, request)),
          { seed: SEED, numRuns: runs, endOnFailure: true },
        );
      }
      expect(sent).toBeGreaterThan(operations.length * 3);
    }, 180_000);
  }
});
