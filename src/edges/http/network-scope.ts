/**
 * Every network-scoped route starts here. A caller from another network gets a 404, exactly as
 * for a network that does not exist: nobody learns that another network's record exists.
 */
import type { FastifyRequest } from 'fastify';
import { errors } from '../../shared/errors.js';
import type { By } from '../../app/commands/command.js';
import type { Scope } from '../../app/policies/scope.js';
import { actorOf } from './plugins/authentication.js';

export type { Scope };

export function networkScope(request: FastifyRequest, networkId: string): Scope {
  const actor = actorOf(request);
  if (actor.networkId !== networkId) throw errors.notFound('network', networkId);
  return { actor, networkId };
}

/** Who runs a command from this request: the signed-in person, from the web UI (a session) or the API (a token), and from where (C15). */
export function byOf(request: FastifyRequest, scope: Scope): By {
  return { kind: 'person', actor: scope.actor, source: scope.actor.via === 'session' ? 'ui' : 'api', address: request.ip };
}
