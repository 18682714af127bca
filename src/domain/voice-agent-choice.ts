/** C5: which voice agent takes a tenant's continuity calls: its oldest enabled one, when voice agents are enabled on both sides. */
import type { Tenant, VoiceAgent } from './model.js';

/** C5: which voice agent takes a tenant's continuity calls, or why none can. */
export type VoiceAgentAvailability =
  | { readonly usable: true; readonly agent: VoiceAgent }
  | { readonly usable: false; readonly why: 'not_enabled_on_both_sides' | 'no_enabled_agent' };

const NOT_ENABLED: VoiceAgentAvailability = Object.freeze({ usable: false, why: 'not_enabled_on_both_sides' });
export const NO_USABLE_AGENT: VoiceAgentAvailability = Object.freeze({ usable: false, why: 'no_enabled_agent' });
/** C5: the tenant's oldest enabled voice agent, when voice agents are enabled on both sides. */
export function firstUsableVoiceAgent(tenant: Tenant, agentsOfTenant: readonly VoiceAgent[]): VoiceAgentAvailability {
  if (!tenant.voiceAgentsEnabled.contactCenter || !tenant.voiceAgentsEnabled.core) return NOT_ENABLED;
  let first: VoiceAgent | undefined;
  for (const agent of agentsOfTenant) {
    if (!agent.enabled) continue;
    // C5: oldest first; the id breaks a tie so the choice never depends on load order.
    if (first === undefined || agent.createdAt < first.createdAt || (agent.createdAt === first.createdAt && agent.id < first.id)) {
      first = agent;
    }
  }
  return first === undefined ? NO_USABLE_AGENT : Object.freeze({ usable: true, agent: first });
}
