/** C15: the audit log, newest first, with filters; CSV export of everything that matches. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readableAuditEntries, type AuditFilter } from '../../../app/queries/audit.queries.js';
import type { HttpContext } from '../context.js';
import { csvLine } from '../../../formats/csv.js';
import { networkScope } from '../network-scope.js';
import * as audit from '../../../app/policies/audit.policy.js';
import { authorize } from '../../../app/policies/authorize.js';
import { errorResponses, Limit, NetworkParams, OneOf } from '../schemas.js';

const Query = Type.Object(
  {
    tenantId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    actorUserId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    source: Type.Optional(OneOf(['api', 'ui', 'cli', 'schedule'])),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    before: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'the nextCursor of the previous page' })),
    limit: Type.Optional(Limit(500, 50)),
    format: Type.Optional(OneOf(['json', 'csv'])),
  },
  { additionalProperties: false },
);

const Entry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.Object({ userId: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
  source: Type.String({ description: 'ui (a browser session), api (a token), cli, or schedule (a scheduled switch, B1)' }),
  address: Type.Union([Type.String(), Type.Null()], { description: "the client's address" }),
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: Type.Union([Type.String(), Type.Null()]),
  tenantIds: Type.Array(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  summary: Type.String({ description: 'the change as a sentence, with names ("Nadia Admin turned Call Continuity on for Coastal HVAC")' }),
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.String(), after: Type.String() }), {
    description: 'only what changed, field by field, in words',
  }),
});

const EXPORT_PAGE = 1000;

export const auditRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'C15 the audit log: who changed what, when, before and after, from where (format=csv exports every match)',
        params: NetworkParams,
        querystring: Query,
        response: {
          200: Type.Object({ entries: Type.Array(Entry), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(audit.can(scope.actor, 'view', scope), 'read the audit log');
      const { limit = 50, format, ...filter } = request.query;
      if (format === 'csv') {
        void reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="audit-${scope.networkId}.csv"`);
        let body = csvLine([
          'id',
          'at',
          'actor',
          'source',
          'address',
          'action',
          'summary',
          'resource_type',
          'resource_id',
          'tenants',
          'before',
          'after',
        ]);
        let page: AuditFilter = filter;
        for (;;) {
          const entries = await readableAuditEntries(app, scope.networkId, page, EXPORT_PAGE);
          for (const e of entries)
            body += csvLine([
              e.id,
              e.at,
              e.actor.name,
              e.source,
              e.address,
              e.action,
              e.summary,
              e.resourceType,
              e.resourceId,
              e.tenantIds.join(' '),
              e.before,
              e.after,
            ]);
          if (entries.length < EXPORT_PAGE) break;
          page = { ...filter, before: entries.at(-1)!.id };
        }
        return reply.send(body);
      }
      const entries = await readableAuditEntries(app, scope.networkId, filter, limit);
      return { entries, nextCursor: entries.length === limit ? entries.at(-1)!.id : null };
    },
  );
};
