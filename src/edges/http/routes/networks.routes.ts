/** Networks: the caller's own (a user belongs to one network), with what they may do there. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../../shared/errors.js';
import { network } from '../../../app/queries/directory.queries.js';
import { snapshotOf } from '../../../app/queries/node.queries.js';
import type { HttpContext } from '../context.js';
import { networkScope } from '../network-scope.js';
import { actorOf } from '../plugins/authentication.js';
import { NetworkAbilities, networkAbilities } from '../presenters/me.presenter.js';
import { continuityBadge } from '../../../domain/continuity.js';
import { errorResponses, NetworkParams } from '../schemas.js';

const NetworkView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  /** Grows with every settings change (C13). */
  version: Type.Integer(),
  tenantCount: Type.Integer(),
  continuity: Type.Object({ status: Type.String(), on: Type.Integer(), total: Type.Integer() }),
  abilities: NetworkAbilities,
});

export const networkRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  const present = async (networkId: string, actor: ReturnType<typeof actorOf>) => {
    const row = await network(app, networkId);
    const snapshot = await snapshotOf(app, networkId);
    if (row === undefined || snapshot === undefined) throw errors.notFound('network', networkId);
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      version: snapshot.version,
      tenantCount: snapshot.tenants.length,
      continuity: continuityBadge(snapshot.tenants),
      abilities: networkAbilities(actor, networkId),
    };
  };

  server.get(
    '/api/networks',
    {
      schema: {
        tags: ['networks'],
        summary: "The caller's networks",
        response: { 200: Type.Object({ networks: Type.Array(NetworkView) }), 401: errorResponses[401] },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { networks: [await present(actor.networkId, actor)] };
    },
  );

  server.get(
    '/api/networks/:networkId',
    {
      schema: {
        tags: ['networks'],
        summary: 'One network, its continuity badge and what the caller may do',
        params: NetworkParams,
        response: { 200: NetworkView, ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      return present(scope.networkId, scope.actor);
    },
  );
};
