/** Liveness and readiness for load balancers: public, and says nothing about any network. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { databaseHealth } from '../../../app/queries/node.queries.js';
import type { HttpContext } from '../context.js';

export const healthRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Is this node up, and can it reach its database?',
        security: [],
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }),
          503: Type.Object({ status: Type.Literal('unavailable'), database: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      const { up, database } = await databaseHealth(app);
      return up ? { status: 'ok' as const, database } : reply.status(503).send({ status: 'unavailable' as const, database });
    },
  );
};
