/** Issue 14: a network's provider accounts (Twilio-compatible) are its administrators' to set, in their own network. */
import { isNetworkAdmin, type Actor } from './actor.js';

export const REFUSAL = "manage the network's provider account (network administrators only)";

export function can(actor: Actor, _action: 'manage', subject: { networkId: string }): boolean {
  return isNetworkAdmin(actor, subject.networkId);
}
