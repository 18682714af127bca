/** Hardening item 11: the security headers are on every response, from one hook (@fastify/helmet). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api.js';

const expectSecure = (headers: Record<string, unknown>, where: string) => {
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['referrer-policy'], where).toBe('same-origin');
  expect(String(headers['content-security-policy']), where).toContain("frame-ancestors 'none'");
};

describe('security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => api.close());

  it('item 11: nosniff, no framing, a referrer policy and a CSP on every kind of response; no HSTS unless configured', async () => {
    const responses = {
      health: await api.as(null, { method: 'GET', url: '/api/health' }),
      openapi: await api.as(null, { method: 'GET', url: '/api/openapi.json' }),
      unauthenticated: await api.as(null, { method: 'GET', url: '/api/networks/summit/tenants' }),
      data: await api.as('admin', { method: 'GET', url: '/api/networks/summit/tenants' }),
      validation: await api.as('admin', { method: 'POST', url: '/api/networks/summit/queues', payload: { name: 7 } }),
      notFound: await api.as('admin', { method: 'GET', url: '/api/nothing-here' }),
      csv: await api.as('admin', { method: 'GET', url: '/api/networks/summit/exclusions/export' }),
      docs: await api.as(null, { method: 'GET', url: '/api/docs' }),
    };
    for (const [name, response] of Object.entries(responses)) {
      expectSecure(response.headers, name);
      expect(response.headers['strict-transport-security'], name).toBeUndefined();
    }
    expect(responses.data.headers['content-security-policy']).toContain("script-src 'self'");
    expect(responses.data.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    // The documentation page's CSP is @fastify/swagger-ui's own (its scripts and styles), still never framed.
    expect(responses.docs.statusCode).toBe(200);
    expect(responses.docs.headers['content-security-policy']).toMatch(/script-src 'self' ;/);
  });

  it('item 11: the event stream, which writes its own head, carries them too', async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const address = api.app.server.address() as { port: number };
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${address.port}/api/events`, {
      headers: { authorization: `Bearer ${api.token('agent')}` },
      signal: abort.signal,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expectSecure(Object.fromEntries(response.headers), 'events');
    abort.abort();
  });

  it('item 11: SWITCHBOARD_HSTS sends Strict-Transport-Security', async () => {
    const tls = await startTestApi('sqlite', { hsts: true });
    try {
      const response = await tls.as(null, { method: 'GET', url: '/api/health' });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await tls.close();
    }
  });
});
