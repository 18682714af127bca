/**
 * Liveness, readiness and metrics for load balancers and Prometheus: public (metrics behind their
 * own token or a private address), and they say nothing about any network.
 *
 * "Up" and "serving calls" are not the same: with its database gone a node still routes every call
 * from its snapshot, but takes no change; a node that has just started is up before it can route.
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { nodeHealth } from '../../../app/queries/node.queries.js';
import { AppError } from '../../../shared/errors.js';
import type { HttpContext } from '../context.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')], {
    description: '`ok` when the database answers (changes can be made through this node)',
  }),
  database: Type.String({ description: '`sqlite` or `postgres`' }),
  live: Type.Literal(true, { description: 'The process answers' }),
  databaseUp: Type.Boolean(),
  servingCalls: Type.Boolean({
    description: 'This node can route calls now: it holds every network in its snapshot (and Kamailio accepted it, with a SIP edge)',
  }),
});
const Probe = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]) });

/** Loopback and private ranges (RFC 1918, unique local IPv6): where an unauthenticated scrape may come from. */
export function isPrivateAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (isIP(address) === 6) return address === '::1' || /^f[cd][0-9a-f]{2}:/i.test(address);
  return false;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const healthRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app, config }) => {
  server.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Is this node up, can it reach its database, and is it serving calls?',
        description: '200 when the database answers, 503 when not (the body says whether the node still routes calls).',
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const health = await nodeHealth(app);
      return reply.status(health.databaseUp ? 200 : 503).send({ ...health, status: health.databaseUp ? 'ok' : 'unavailable', live: true });
    },
  );

  server.get(
    '/api/health/live',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers (restart it when this fails)',
        security: [],
        response: { 200: Probe },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  server.get(
    '/api/health/calls',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Readiness for calls: 200 when this node can route calls now (even with its database gone), 503 when not',
        security: [],
        response: { 200: Probe, 503: Probe },
      },
    },
    async (_request, reply) => {
      const serving = app.calls.servingCalls();
      return reply.status(serving ? 200 : 503).send({ status: serving ? 'ok' : 'unavailable' });
    },
  );

  server.get(
    '/metrics',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics of this node',
        description:
          'With SWITCHBOARD_METRICS_TOKEN set, send it as `Authorization: Bearer <token>`; unset, only loopback and private addresses are answered.',
        security: [],
        produces: ['text/plain'],
      },
    },
    async (request, reply) => {
      const token = config.metricsToken ?? null;
      if (token !== null) {
        const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
        if (!sameToken(given, token)) {
          throw new AppError(
            401,
            'unauthenticated',
            'Send the metrics token (SWITCHBOARD_METRICS_TOKEN) as Authorization: Bearer <token>.',
          );
        }
      } else if (!isPrivateAddress(request.socket.remoteAddress)) {
        throw new AppError(
          403,
          'forbidden',
          'Metrics are served to loopback and private addresses only: set SWITCHBOARD_METRICS_TOKEN to scrape from elsewhere.',
        );
      }
      return reply.type(app.metrics.contentType).send(await app.metrics.exposition());
    },
  );
};
