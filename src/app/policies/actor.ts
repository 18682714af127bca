/**
 * Who is asking, and the helpers every policy is built from. A network administrator holds every
 * permission of their network; nobody holds any permission on another network.
 */
import type { NetworkPermission, TenantPermission, TokenScope, UserRecord } from '../../store/users.repository.js';

export interface Actor extends UserRecord {
  /** How the request proved who it is: a browser session (needs CSRF on writes) or an API token. */
  readonly via: 'session' | 'token';
  readonly csrfToken: string | null;
  /** B8: an API token limited to some routes (`recording_pause`: pause and resume recordings only); absent or null: none. */
  readonly tokenScope?: TokenScope | null;
}

export const inNetwork = (actor: Actor, networkId: string): boolean => actor.networkId === networkId;

export const isNetworkAdmin = (actor: Actor, networkId: string): boolean => inNetwork(actor, networkId) && actor.networkAdmin;

export const hasNetworkPermission = (actor: Actor, networkId: string, permission: NetworkPermission): boolean =>
  isNetworkAdmin(actor, networkId) || (inNetwork(actor, networkId) && actor.networkPermissions.includes(permission));

/** The actor's permissions on a tenant: own keys only (a tenant id from a URL may be "constructor"). */
const permissionsOn = (actor: Actor, tenantId: string): readonly TenantPermission[] =>
  (Object.hasOwn(actor.tenantPermissions, tenantId) ? actor.tenantPermissions[tenantId] : undefined) ?? [];

export const hasTenantPermission = (actor: Actor, networkId: string, tenantId: string, permission: TenantPermission): boolean =>
  isNetworkAdmin(actor, networkId) || (inNetwork(actor, networkId) && permissionsOn(actor, tenantId).includes(permission));

/** Any permission at all on the tenant: enough to see it. */
export const seesTenant = (actor: Actor, networkId: string, tenantId: string): boolean =>
  isNetworkAdmin(actor, networkId) || (inNetwork(actor, networkId) && permissionsOn(actor, tenantId).length > 0);
