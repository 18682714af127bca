/**
 * A tenant's voice agents (phone_settings on the tenant). C5: the oldest enabled one takes
 * continuity calls; when it is disabled or removed, the next oldest takes over.
 */
import { Type } from 'typebox';
import { errors } from '../../shared/errors.js';
import { bumpVersioned, deleteVersioned, insertVoiceAgent, workflowsUsing } from '../../store/directory.repository.js';
import type { Executor } from '../../store/db.js';
import { int } from '../../store/rows.js';
import { getTenant } from '../../store/tenants.repository.js';
import { getVoiceAgent, type VoiceAgentRecord } from '../../store/voice-agents.repository.js';
import * as directory from '../policies/directory.policy.js';
import { Id, Name, Version } from '../schemas.js';
import { defineCommand } from './command.js';
import { refuseIfRouted } from './directory-rules.js';

const manage = (actor: Parameters<typeof directory.can>[0], networkId: string, { tenantId }: { tenantId: string }) =>
  directory.can(actor, 'manage_voice_agents', { networkId, tenantId });
const REFUSAL = "manage this tenant's voice agents (needs phone_settings)";

async function agentOf(db: Executor, networkId: string, tenantId: string, voiceAgentId: string): Promise<VoiceAgentRecord> {
  const current = await getVoiceAgent(db, networkId, voiceAgentId);
  if (current === undefined || current.voiceAgent.tenantId !== tenantId) throw errors.notFound('voice agent', voiceAgentId);
  return current;
}

export const createVoiceAgent = defineCommand({
  name: 'voice_agent.create',
  input: Type.Object({ tenantId: Id, name: Name, enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  allowed: manage,
  refusal: REFUSAL,
  handle: async (unit, input, networkId) => {
    if ((await getTenant(unit.trx, networkId, input.tenantId)) === undefined)
      throw errors.validation('tenantId', input.tenantId, `tenantId: no tenant "${input.tenantId}" in this network.`);
    const agent = { tenantId: input.tenantId, name: input.name.trim(), enabled: input.enabled ?? true };
    const id = await insertVoiceAgent(unit.trx, networkId, agent);
    return {
      result: { id, version: 1 },
      touched: { directory: true },
      audit: {
        action: 'voice_agent.create',
        resourceType: 'voice_agent',
        resourceId: id,
        tenantIds: [input.tenantId],
        before: null,
        after: agent,
      },
    };
  },
});

export const updateVoiceAgent = defineCommand({
  name: 'voice_agent.update',
  input: Type.Object(
    { tenantId: Id, voiceAgentId: Id, expectedVersion: Version, name: Type.Optional(Name), enabled: Type.Optional(Type.Boolean()) },
    { additionalProperties: false },
  ),
  allowed: manage,
  refusal: REFUSAL,
  handle: async (unit, { tenantId, voiceAgentId, expectedVersion, ...patch }, networkId) => {
    const current = await agentOf(unit.trx, networkId, tenantId, voiceAgentId);
    const values = {
      ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
      ...(patch.enabled === undefined ? {} : { enabled: int(patch.enabled) }),
    };
    const version = await bumpVersioned(unit.trx, 'voice_agents', networkId, voiceAgentId, expectedVersion, values);
    const { name, enabled } = current.voiceAgent;
    return {
      result: { id: voiceAgentId, version },
      touched: { directory: true },
      audit: {
        action: 'voice_agent.update',
        resourceType: 'voice_agent',
        resourceId: voiceAgentId,
        tenantIds: [tenantId],
        before: { name, enabled },
        after: patch,
      },
    };
  },
});

export const deleteVoiceAgent = defineCommand({
  name: 'voice_agent.delete',
  input: Type.Object({ tenantId: Id, voiceAgentId: Id, expectedVersion: Version }, { additionalProperties: false }),
  allowed: manage,
  refusal: REFUSAL,
  handle: async (unit, { tenantId, voiceAgentId, expectedVersion }, networkId) => {
    const current = await agentOf(unit.trx, networkId, tenantId, voiceAgentId);
    const { name, enabled } = current.voiceAgent;
    refuseIfRouted(
      await workflowsUsing(unit.trx, networkId, 'voice_agent', voiceAgentId),
      `Voice agent "${name}"`,
      'voiceAgentId',
      voiceAgentId,
    );
    await deleteVersioned(unit.trx, 'voice_agents', networkId, voiceAgentId, expectedVersion);
    return {
      result: undefined,
      touched: { directory: true },
      audit: {
        action: 'voice_agent.delete',
        resourceType: 'voice_agent',
        resourceId: voiceAgentId,
        tenantIds: [tenantId],
        before: { name, enabled },
        after: null,
      },
    };
  },
});
