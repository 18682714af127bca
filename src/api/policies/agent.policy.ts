/** The agent console: agents (and network administrators) of the network take calls for every tenant in it. */
import { inNetwork, isNetworkAdmin, type Actor } from './actor.js';

export function can(actor: Actor, _action: 'use_console', subject: { networkId: string }): boolean {
  return isNetworkAdmin(actor, subject.networkId) || (inNetwork(actor, subject.networkId) && actor.agent);
}
