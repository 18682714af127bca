/** Liveness and readiness for load balancers: public, and says nothing about any network. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';

export const healthRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { store }) => {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['health'],
      summary: 'Is this node up, and can it reach its database?',
      security: [],
      response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }), 503: Type.Object({ status: Type.Literal('unavailable'), database: Type.String() }) },
    },
  }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { status: 'ok' as const, database: store.dialect };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, database: store.dialect });
    }
  });
};
