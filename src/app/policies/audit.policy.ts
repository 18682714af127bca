/** C15: network administrators read and export the audit log. */
import { isNetworkAdmin, type Actor } from './actor.js';

export function can(actor: Actor, _action: 'view', subject: { networkId: string }): boolean {
  return isNetworkAdmin(actor, subject.networkId);
}
