/** Writes a whole network (the demo, or a test's) in one transaction, in batches. */
import type { NetworkData } from '../domain/model.js';
import type { Executor } from './db.js';
import { defaultsColumns, employeeColumns, int, tenantColumns, workflowColumns } from './rows.js';

const BATCH = 500;

async function inBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Inserts the network and everything in it; `slug` names it in URLs and on the command line. */
export async function insertNetwork(db: Executor, data: NetworkData, slug: string): Promise<void> {
  const now = new Date().toISOString();
  const networkId = data.network.id;
  await db
    .insertInto('networks')
    .values({ id: networkId, slug, name: data.network.name, version: data.network.version, created_at: now })
    .execute();
  await db
    .insertInto('recording_defaults')
    .values({ network_id: networkId, ...defaultsColumns(data.recordingDefaults), version: 1 })
    .execute();
  await inBatches(data.tenants, (batch) =>
    db
      .insertInto('tenants')
      .values(batch.map((t) => ({ id: t.id, network_id: networkId, ...tenantColumns(t), version: 1, created_at: now })))
      .execute(),
  );
  await inBatches(data.queues, (batch) =>
    db
      .insertInto('queues')
      .values(
        batch.map((q) => ({
          id: q.id,
          network_id: networkId,
          name: q.name,
          custom_mode: q.customRecording?.mode ?? null,
          custom_announcement: q.customRecording?.announcement ?? null,
          version: 1,
        })),
      )
      .execute(),
  );
  await inBatches(data.employees, (batch) =>
    db
      .insertInto('employees')
      .values(batch.map((e) => ({ id: e.id, network_id: networkId, ...employeeColumns(e), version: 1 })))
      .execute(),
  );
  await inBatches(data.voiceAgents, (batch) =>
    db
      .insertInto('voice_agents')
      .values(
        batch.map((a) => ({
          id: a.id,
          network_id: networkId,
          tenant_id: a.tenantId,
          name: a.name,
          enabled: int(a.enabled),
          created_at: a.createdAt,
          version: 1,
        })),
      )
      .execute(),
  );
  await inBatches(data.trackingNumbers, (batch) =>
    db
      .insertInto('tracking_numbers')
      .values(
        batch.map((tn) => ({
          id: tn.id,
          network_id: networkId,
          tenant_id: tn.tenantId,
          number: tn.number,
          ...workflowColumns(tn.workflow),
          continuity_number: tn.continuityNumber,
          version: 1,
        })),
      )
      .execute(),
  );
  const exclusions = [
    ...data.exclusions.numbers.map((value) => ({ network_id: networkId, kind: 'number', value, created_at: now })),
    ...data.exclusions.areaCodes.map((value) => ({ network_id: networkId, kind: 'area_code', value, created_at: now })),
  ];
  await inBatches(exclusions, (batch) => db.insertInto('exclusions').values(batch).execute());
}
