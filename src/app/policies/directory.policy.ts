/**
 * The directory: tenants and the contact center's queues and employees are the network
 * administrator's; a tenant's numbers and voice agents are its phone settings (phone_settings).
 */
import { hasTenantPermission, isNetworkAdmin, type Actor } from './actor.js';

export type DirectoryAction = 'manage_tenants' | 'manage_contact_center' | 'manage_numbers' | 'manage_voice_agents';

export function can(actor: Actor, action: DirectoryAction, subject: { networkId: string; tenantId?: string }): boolean {
  const { networkId, tenantId } = subject;
  switch (action) {
    case 'manage_tenants':
    case 'manage_contact_center':
      return isNetworkAdmin(actor, networkId);
    case 'manage_numbers':
    case 'manage_voice_agents':
      return tenantId !== undefined && hasTenantPermission(actor, networkId, tenantId, 'phone_settings');
  }
}
