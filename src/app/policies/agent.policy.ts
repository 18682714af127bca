/** The agent console: agents (and network administrators) of the network take calls for every tenant in it. */
import { inNetwork, isNetworkAdmin, type Actor } from './actor.js';

export function can(actor: Actor, _action: 'use_console', subject: { networkId: string }): boolean {
  return isNetworkAdmin(actor, subject.networkId) || (inNetwork(actor, subject.networkId) && actor.agent);
}

/**
 * A live call is the agent's who answered it (their account names the employee they are); a
 * network administrator, as supervisor, may act on any call of the network.
 */
export function mayHandleLiveCall(actor: Actor, call: { networkId: string; answeredBy: string | null }): boolean {
  if (isNetworkAdmin(actor, call.networkId)) return true;
  return inNetwork(actor, call.networkId) && actor.agent && actor.employeeId !== null && actor.employeeId === call.answeredBy;
}
