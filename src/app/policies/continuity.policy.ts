/** Call Continuity: who may see it, edit its settings and switch it (C7, C8, C10, C15; B5 splits editing from switching). */
import { hasTenantPermission, isNetworkAdmin, seesTenant, type Actor } from './actor.js';

export type ContinuityAction = 'view' | 'manage' | 'switch' | 'view_network_status' | 'switch_all';

export function can(actor: Actor, action: ContinuityAction, subject: { networkId: string; tenantId?: string }): boolean {
  const { networkId, tenantId } = subject;
  switch (action) {
    case 'view_network_status':
    case 'switch_all':
      return isNetworkAdmin(actor, networkId);
    case 'view':
      return tenantId !== undefined && seesTenant(actor, networkId, tenantId);
    case 'switch':
      // B5: switching (now, or on a schedule) is a permission of its own.
      return tenantId !== undefined && hasTenantPermission(actor, networkId, tenantId, 'switch_continuity');
    case 'manage':
      // C7: both permissions on the tenant edit its continuity settings (B5: not switch it).
      return (
        tenantId !== undefined &&
        hasTenantPermission(actor, networkId, tenantId, 'forwarding_number_settings') &&
        hasTenantPermission(actor, networkId, tenantId, 'phone_settings')
      );
  }
}
