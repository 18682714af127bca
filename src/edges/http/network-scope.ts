/**
 * Every network-scoped route starts here. A caller from another network gets a 404, exactly as
 * for a network that does not exist: nobody learns that another network's record exists.
 */
import type { FastifyRequest } from 'fastify';
import { errors } from '../../shared/errors.js';
import type { Executor } from '../../store/db.js';
import { actorOf } from './plugins/authentication.js';
import type { Actor } from '../../app/policies/actor.js';

export interface Scope {
  readonly actor: Actor;
  readonly networkId: string;
}

export function networkScope(request: FastifyRequest, networkId: string): Scope {
  const actor = actorOf(request);
  if (actor.networkId !== networkId) throw errors.notFound('network', networkId);
  return { actor, networkId };
}

/** A row of this network, or the same 404 whether it is missing or belongs to another network. */
export async function requireRow<T>(find: (db: Executor) => Promise<T | undefined>, db: Executor, resource: string, id: string): Promise<T> {
  const row = await find(db);
  if (row === undefined) throw errors.notFound(resource, id);
  return row;
}
