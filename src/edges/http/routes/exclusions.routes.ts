/** The exclusion list (R10, X1, X4): read by every user of the network; R17 guards changes. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readableNumber } from '../../../domain/phone-number.js';
import { addExclusionEntry, removeExclusionEntry } from '../../../app/commands/exclusion-editor.js';
import { exclusionsPage } from '../../../app/queries/recording.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as recording from '../../../app/policies/recording.policy.js';
import { errorResponses, Limit, NetworkParams, Offset, OneOf } from '../schemas.js';

const Entry = Type.Object({
  kind: OneOf(['number', 'area_code']),
  value: Type.String(),
  /** X1: area codes are shown with an asterisk. */
  display: Type.String(),
});
/** X1: an area code with its asterisk; a number as people read it ((619) 867-5309, +44 20 7946 0958). */
const display = (kind: string, value: string) => (kind === 'area_code' ? `${value}*` : readableNumber(value));

export const exclusionRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/exclusions',
    {
      schema: {
        tags: ['exclusions'],
        summary: 'R10 the exclusion list, a page at a time (area codes first), optionally only entries containing some digits',
        params: NetworkParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Limit(5000, 500)),
            offset: Type.Optional(Offset),
            search: Type.Optional(
              Type.String({ maxLength: 40, description: 'digits to look for, in any format: "619 867" finds +1619867…' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ entries: Type.Array(Entry), total: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(recording.can(scope.actor, 'view', scope), 'see the exclusion list');
      const { limit = 500, offset = 0, search } = request.query;
      const page = await exclusionsPage(app, scope.networkId, { limit, offset, digits: search?.replace(/\D/g, '') });
      return { entries: page.entries.map((e) => ({ kind: e.kind, value: e.value, display: display(e.kind, e.value) })), total: page.total };
    },
  );

  server.post(
    '/api/networks/:networkId/exclusions',
    {
      schema: {
        tags: ['exclusions'],
        summary: 'X1 Add Number: a full number, or a 3-digit area code',
        params: NetworkParams,
        body: Type.Object(
          { entry: Type.String({ minLength: 1, maxLength: 40, description: 'e.g. (619) 867-5309, or 619 for a whole area code' }) },
          { additionalProperties: false },
        ),
        response: { 201: Entry, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const entry = await app.commands.run(addExclusionEntry, scope.networkId, byOf(request, scope), request.body);
      return reply.status(201).send({ ...entry, display: display(entry.kind, entry.value) });
    },
  );

  server.delete(
    '/api/networks/:networkId/exclusions/:value',
    {
      schema: {
        tags: ['exclusions'],
        summary: 'X4 delete an entry (its value: +16198675309 or 619)',
        params: Type.Object({ networkId: Type.String({ minLength: 1 }), value: Type.String({ minLength: 1, maxLength: 20 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      await app.commands.run(removeExclusionEntry, scope.networkId, byOf(request, scope), { value: request.params.value });
      return reply.status(204).send(null);
    },
  );
};
