/** Call Continuity: who may see and change it (C7, C8, C10, C15). */
import { hasTenantPermission, isNetworkAdmin, seesTenant, type Actor } from './actor.js';

export type ContinuityAction = 'view' | 'manage' | 'view_network_status' | 'switch_all';

export function can(actor: Actor, action: ContinuityAction, subject: { networkId: string; tenantId?: string }): boolean {
  const { networkId, tenantId } = subject;
  switch (action) {
    case 'view_network_status':
    case 'switch_all':
      return isNetworkAdmin(actor, networkId);
    case 'view':
      return tenantId !== undefined && seesTenant(actor, networkId, tenantId);
    case 'manage':
      // C7: both permissions on the tenant.
      return (
        tenantId !== undefined &&
        hasTenantPermission(actor, networkId, tenantId, 'forwarding_number_settings') &&
        hasTenantPermission(actor, networkId, tenantId, 'phone_settings')
      );
  }
}
