import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application.js';
import { buildApp } from '../../src/edges/http/app.js';
import { SnapshotCache } from '../../src/runtime/snapshot-cache.js';
import { createTestStore, type TestStore } from '../stores.js';

describe('the web UI at /', () => {
  let app: FastifyInstance;
  let store: TestStore;
  let snapshots: SnapshotCache;
  const root = mkdtempSync(join(tmpdir(), 'switchboard-web-'));

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'switchboard-secret.txt'), 'secret');
    store = await createTestStore('sqlite');
    snapshots = new SnapshotCache(store);
    app = await buildApp(
      { app: createApplication(store, snapshots), config: { secureCookies: false, sessionHours: 1, loginRatePerMinute: 5 } },
      { webRoot: root },
    );
  });
  afterAll(async () => {
    await app.close();
    snapshots.close();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the app without signing in, with a content security policy; deep links get the app too', async () => {
    for (const url of ['/', '/tenants/coastal-hvac/continuity', '/recording-defaults/queue?x=1']) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('<div id="root">');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('never serves a file outside its folder', async () => {
    for (const url of ['/%E0%A4%A', '/assets/%ZZ', '/a%']) expect((await app.inject({ url })).statusCode, url).toBeLessThan(500);
    for (const url of ['/../switchboard-secret.txt', '/%2e%2e/switchboard-secret.txt', '/assets/..%2f..%2fswitchboard-secret.txt']) {
      const response = await app.inject({ url });
      expect(response.body, url).not.toContain('secret');
    }
  });

  it('an unknown API path stays a JSON 404, and the API still needs authentication', async () => {
    const unknown = await app.inject({ url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    expect((await app.inject({ url: '/api/networks/summit/tenants' })).statusCode).toBe(401);
  });
});
