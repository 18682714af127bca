/** The signed-in user, their network, and what they may do there (the UI hides the rest). */
import { Type, type Static } from 'typebox';
import type { NetworkSnapshot } from '../../../domain/snapshot.js';
import type { Actor } from '../../../app/policies/actor.js';
import * as agent from '../../../app/policies/agent.policy.js';
import * as audit from '../../../app/policies/audit.policy.js';
import * as continuity from '../../../app/policies/continuity.policy.js';
import * as recording from '../../../app/policies/recording.policy.js';
import * as tenants from '../../../app/policies/tenant.policy.js';

export const NetworkAbilities = Type.Object({
  viewContinuityStatus: Type.Boolean(),
  switchContinuityForAll: Type.Boolean(),
  viewRecordingSettings: Type.Boolean(),
  editRecordingSettings: Type.Boolean(),
  viewAuditLog: Type.Boolean(),
  useAgentConsole: Type.Boolean(),
});

export const TenantAbilities = Type.Object({
  view: Type.Boolean(),
  manageContinuity: Type.Boolean({ description: 'edit its continuity settings (C7)' }),
  switchContinuity: Type.Boolean({ description: 'switch its continuity, now or on a schedule (B5)' }),
  editCoreRecording: Type.Boolean(),
  testCall: Type.Boolean(),
});

export const Me = Type.Object({
  user: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String(), networkAdmin: Type.Boolean(), agent: Type.Boolean() }),
  network: Type.Object({ id: Type.String(), name: Type.String() }),
  /** Send back as X-CSRF-Token on every write made with the session cookie. */
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  /** The tenants the user can see, by name. */
  tenants: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  abilities: Type.Object({ network: NetworkAbilities, tenants: Type.Record(Type.String(), TenantAbilities) }),
});

export function networkAbilities(actor: Actor, networkId: string): Static<typeof NetworkAbilities> {
  const subject = { networkId };
  return {
    viewContinuityStatus: continuity.can(actor, 'view_network_status', subject),
    switchContinuityForAll: continuity.can(actor, 'switch_all', subject),
    viewRecordingSettings: recording.can(actor, 'view', subject),
    editRecordingSettings: recording.can(actor, 'edit', subject),
    viewAuditLog: audit.can(actor, 'view', subject),
    useAgentConsole: agent.can(actor, 'use_console', subject),
  };
}

export function tenantAbilities(actor: Actor, networkId: string, tenantId: string): Static<typeof TenantAbilities> {
  const subject = { networkId, tenantId };
  return {
    view: tenants.can(actor, 'view', subject),
    manageContinuity: continuity.can(actor, 'manage', subject),
    switchContinuity: continuity.can(actor, 'switch', subject),
    editCoreRecording: tenants.can(actor, 'edit_core_recording', subject),
    testCall: tenants.can(actor, 'test_call', subject),
  };
}

export function presentMe(actor: Actor, snapshot: NetworkSnapshot | undefined): Static<typeof Me> {
  const tenantAbilityMap: Record<string, Static<typeof TenantAbilities>> = {};
  for (const tenant of snapshot?.tenants ?? []) {
    const abilities = tenantAbilities(actor, actor.networkId, tenant.id);
    if (abilities.view) tenantAbilityMap[tenant.id] = abilities;
  }
  return {
    user: { id: actor.id, name: actor.name, email: actor.email, networkAdmin: actor.networkAdmin, agent: actor.agent },
    network: { id: actor.networkId, name: snapshot?.networkName ?? actor.networkId },
    csrfToken: actor.csrfToken,
    tenants: (snapshot?.tenants ?? [])
      .filter((tenant) => tenant.id in tenantAbilityMap)
      .map((tenant) => ({ id: tenant.id, name: tenant.name })),
    abilities: { network: networkAbilities(actor, actor.networkId), tenants: tenantAbilityMap },
  };
}
