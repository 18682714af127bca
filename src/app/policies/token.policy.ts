/** Hardening item 8: API tokens sign in as a person; only network administrators manage them, in their own network. */
import { isNetworkAdmin, type Actor } from './actor.js';

export function can(actor: Actor, _action: 'manage', subject: { networkId: string }): boolean {
  return isNetworkAdmin(actor, subject.networkId);
}
