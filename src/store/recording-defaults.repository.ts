/** A network's contact-center recording defaults (R1-R9), one versioned row per network. */
import type { RecordingDefaults } from '../domain/model.js';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { defaultsColumns, toDefaults } from './rows.js';

export interface RecordingDefaultsRecord {
  readonly defaults: RecordingDefaults;
  readonly version: number;
}

export async function getRecordingDefaults(db: Executor, networkId: string): Promise<RecordingDefaultsRecord | undefined> {
  const row = await db.selectFrom('recording_defaults').selectAll().where('network_id', '=', networkId).executeTakeFirst();
  return row === undefined ? undefined : { defaults: toDefaults(row), version: row.version };
}

export async function updateRecordingDefaults(
  db: Executor,
  networkId: string,
  expectedVersion: number,
  defaults: RecordingDefaults,
): Promise<RecordingDefaultsRecord> {
  const row = await db
    .updateTable('recording_defaults')
    .set((eb) => ({ ...defaultsColumns(defaults), version: eb('version', '+', 1) }))
    .where('network_id', '=', networkId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row !== undefined) return { defaults: toDefaults(row), version: row.version };
  const current = await getRecordingDefaults(db, networkId);
  if (current === undefined) throw errors.notFound('network', networkId);
  throw errors.stale('recording defaults', expectedVersion, current.version);
}
