/** Loads everything one network's decisions need, for the snapshot (src/domain/snapshot.ts). */
import type { NetworkData } from '../domain/model.js';
import type { AreaCode, E164 } from '../domain/phone-number.js';
import type { Executor } from './db.js';
import { toDefaults, toEmployee, toQueue, toTenant, toTrackingNumber, toVoiceAgent } from './rows.js';

export async function loadNetworkData(db: Executor, networkId: string): Promise<NetworkData | undefined> {
  const network = await db.selectFrom('networks').selectAll().where('id', '=', networkId).executeTakeFirst();
  if (network === undefined) return undefined;
  const [defaults, tenants, queues, employees, voiceAgents, numbers, exclusions] = await Promise.all([
    db.selectFrom('recording_defaults').selectAll().where('network_id', '=', networkId).executeTakeFirstOrThrow(),
    db.selectFrom('tenants').selectAll().where('network_id', '=', networkId).orderBy('name').execute(),
    db.selectFrom('queues').selectAll().where('network_id', '=', networkId).orderBy('name').execute(),
    db.selectFrom('employees').selectAll().where('network_id', '=', networkId).orderBy('name').execute(),
    db.selectFrom('voice_agents').selectAll().where('network_id', '=', networkId).execute(),
    db.selectFrom('tracking_numbers')
      .select(['id', 'tenant_id', 'number', 'workflow_kind', 'workflow_ref', 'workflow_number', 'continuity_number'])
      .where('network_id', '=', networkId)
      .execute(),
    db.selectFrom('exclusions').select(['kind', 'value']).where('network_id', '=', networkId).execute(),
  ]);
  return {
    network: { id: network.id, name: network.name, version: network.version },
    recordingDefaults: toDefaults(defaults),
    tenants: tenants.map(toTenant),
    queues: queues.map(toQueue),
    employees: employees.map(toEmployee),
    voiceAgents: voiceAgents.map(toVoiceAgent),
    trackingNumbers: numbers.map(toTrackingNumber),
    exclusions: {
      numbers: exclusions.filter((e) => e.kind === 'number').map((e) => e.value as E164),
      areaCodes: exclusions.filter((e) => e.kind === 'area_code').map((e) => e.value as AreaCode),
    },
  };
}
