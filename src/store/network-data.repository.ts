/** Loads everything one network's decisions need, for the snapshot (src/domain/snapshot.ts), or only what changed since a version. */
import type { NetworkData } from '../domain/model.js';
import type { AreaCode, E164 } from '../domain/phone-number.js';
import type { SnapshotDelta } from '../domain/snapshot.js';
import type { Executor } from './db.js';
import { toDefaults, toEmployee, toQueue, toTenant, toTrackingNumber, toVoiceAgent } from './rows.js';
import type { Touched } from './touched.js';

export async function loadNetworkData(db: Executor, networkId: string): Promise<NetworkData | undefined> {
  const network = await db.selectFrom('networks').selectAll().where('id', '=', networkId).executeTakeFirst();
  if (network === undefined) return undefined;
  const [defaults, tenants, queues, employees, voiceAgents, numbers, exclusions] = await Promise.all([
    db.selectFrom('recording_defaults').selectAll().where('network_id', '=', networkId).executeTakeFirstOrThrow(),
    db.selectFrom('tenants').selectAll().where('network_id', '=', networkId).orderBy('name').execute(),
    db.selectFrom('queues').selectAll().where('network_id', '=', networkId).orderBy('name').execute(),
    db.selectFrom('employees').selectAll().where('network_id', '=', networkId).orderBy('name').execute(),
    db.selectFrom('voice_agents').selectAll().where('network_id', '=', networkId).execute(),
    db
      .selectFrom('tracking_numbers')
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
    exclusions: exclusionsOf(exclusions),
  };
}

/** The changes a network had after `afterVersion`, in order, with what each touched (none: the rows were pruned). */
export async function loadNetworkChanges(
  db: Executor,
  networkId: string,
  afterVersion: number,
): Promise<{ version: number; touched: Touched }[]> {
  const rows = await db
    .selectFrom('network_changes')
    .select(['version', 'touched'])
    .where('network_id', '=', networkId)
    .where('version', '>', afterVersion)
    .orderBy('version')
    .execute();
  return rows.map((row) => ({ version: row.version, touched: JSON.parse(row.touched) as Touched }));
}

/** The network's version now (undefined: no such network). */
export async function networkVersion(db: Executor, networkId: string): Promise<number | undefined> {
  return (await db.selectFrom('networks').select('version').where('id', '=', networkId).executeTakeFirst())?.version;
}

/** The touched parts as they are now: what a snapshot at an older version needs to be patched to `version`. */
export async function loadNetworkDelta(db: Executor, networkId: string, version: number, touched: Touched): Promise<SnapshotDelta> {
  const tenants = touched.tenants === undefined ? undefined : (await tenantRows(db, networkId, touched.tenants)).map(toTenant);
  let trackingNumbers: SnapshotDelta['trackingNumbers'];
  if (touched.trackingNumbers !== undefined) {
    const rows = await inChunks(touched.trackingNumbers, (numbers) =>
      db
        .selectFrom('tracking_numbers')
        .select(['id', 'tenant_id', 'number', 'workflow_kind', 'workflow_ref', 'workflow_number', 'continuity_number'])
        .where('network_id', '=', networkId)
        .where('number', 'in', numbers)
        .execute(),
    );
    const upserted = rows.map(toTrackingNumber);
    const present = new Set<string>(upserted.map((tn) => tn.number));
    trackingNumbers = { upserted, removed: touched.trackingNumbers.filter((n) => !present.has(n)) as E164[] };
  }
  let exclusions: SnapshotDelta['exclusions'];
  if (touched.exclusions === 'all') {
    const rows = await db.selectFrom('exclusions').select(['kind', 'value']).where('network_id', '=', networkId).execute();
    exclusions = { whole: exclusionsOf(rows) };
  } else if (touched.exclusions !== undefined) {
    const values = touched.exclusions;
    const present = new Set(
      (
        await inChunks(values, (chunk) =>
          db.selectFrom('exclusions').select('value').where('network_id', '=', networkId).where('value', 'in', chunk).execute(),
        )
      ).map((r) => r.value),
    );
    exclusions = { added: values.filter((v) => present.has(v)), removed: values.filter((v) => !present.has(v)) };
  }
  const directory =
    touched.directory !== true
      ? undefined
      : await (async () => {
          const [queues, employees, voiceAgents] = await Promise.all([
            db.selectFrom('queues').selectAll().where('network_id', '=', networkId).orderBy('name').execute(),
            db.selectFrom('employees').selectAll().where('network_id', '=', networkId).orderBy('name').execute(),
            db.selectFrom('voice_agents').selectAll().where('network_id', '=', networkId).execute(),
          ]);
          return { queues: queues.map(toQueue), employees: employees.map(toEmployee), voiceAgents: voiceAgents.map(toVoiceAgent) };
        })();
  const recordingDefaults =
    touched.defaults !== true
      ? undefined
      : toDefaults(await db.selectFrom('recording_defaults').selectAll().where('network_id', '=', networkId).executeTakeFirstOrThrow());
  return {
    version,
    ...(recordingDefaults === undefined ? {} : { recordingDefaults }),
    ...(tenants === undefined ? {} : { tenants }),
    ...(directory === undefined ? {} : { directory }),
    ...(trackingNumbers === undefined ? {} : { trackingNumbers }),
    ...(exclusions === undefined ? {} : { exclusions }),
  };
}

function exclusionsOf(rows: readonly { kind: string; value: string }[]): NetworkData['exclusions'] {
  return {
    numbers: rows.filter((e) => e.kind === 'number').map((e) => e.value as E164),
    areaCodes: rows.filter((e) => e.kind === 'area_code').map((e) => e.value as AreaCode),
  };
}

/** Deletes the records of changes made before `before` (ISO time). */
export async function pruneNetworkChanges(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom('network_changes').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The rows of some tenants. Past a few hundred (Turn On For All), the network's tenants are read in
 * one pass and filtered: an `id IN (500 ids)` per chunk makes SQLite walk the network's index once
 * per chunk when it has no statistics, three times slower than reading them all.
 */
async function tenantRows(db: Executor, networkId: string, ids: readonly string[]) {
  const query = db.selectFrom('tenants').selectAll().where('network_id', '=', networkId);
  if (ids.length > 200) {
    const wanted = new Set(ids);
    return (await query.execute()).filter((row) => wanted.has(row.id));
  }
  return inChunks(ids, (chunk) => query.where('id', 'in', chunk).execute());
}

/** One query per 500 values: within every database's parameter limit. */
async function inChunks<T>(values: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 500) out.push(...(await load(values.slice(i, i + 500))));
  return out;
}
