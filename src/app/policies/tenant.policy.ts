/** Tenants and their core phone settings (L2). */
import { hasTenantPermission, isNetworkAdmin, seesTenant, type Actor } from './actor.js';

export type TenantAction = 'view' | 'edit_core_recording' | 'list_all' | 'test_call';

export function can(actor: Actor, action: TenantAction, subject: { networkId: string; tenantId?: string }): boolean {
  const { networkId, tenantId } = subject;
  switch (action) {
    case 'list_all':
      return isNetworkAdmin(actor, networkId);
    case 'view':
    case 'test_call':
      return tenantId !== undefined ? seesTenant(actor, networkId, tenantId) : isNetworkAdmin(actor, networkId);
    case 'edit_core_recording':
      return tenantId !== undefined && hasTenantPermission(actor, networkId, tenantId, 'phone_settings');
  }
}
