/** A request's subject: who asks, in which network (already checked to be theirs). */
import type { Actor } from './actor.js';

export interface Scope {
  readonly actor: Actor;
  readonly networkId: string;
}
