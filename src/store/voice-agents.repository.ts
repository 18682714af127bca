/** Voice agents of a network (C5: the oldest enabled one of a tenant takes its continuity calls). */
import type { VoiceAgent } from '../domain/model.js';
import type { Executor } from './db.js';
import { toVoiceAgent } from './rows.js';

export interface VoiceAgentRecord {
  readonly voiceAgent: VoiceAgent;
  readonly version: number;
}

export async function getVoiceAgent(db: Executor, networkId: string, id: string): Promise<VoiceAgentRecord | undefined> {
  const row = await db.selectFrom('voice_agents').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : { voiceAgent: toVoiceAgent(row), version: row.version };
}

/** The voice agents of these tenants, oldest first. */
export async function listVoiceAgents(db: Executor, networkId: string, tenantIds: readonly string[]): Promise<VoiceAgent[]> {
  if (tenantIds.length === 0) return [];
  const rows = await db
    .selectFrom('voice_agents')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('tenant_id', 'in', tenantIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toVoiceAgent);
}
