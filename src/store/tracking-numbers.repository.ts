/** Tracking numbers of a network, with the version each write must match. */
import type { Selectable } from 'kysely';
import type { TrackingNumber } from '../domain/model.js';
import type { E164 } from '../domain/phone-number.js';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { toTrackingNumber } from './rows.js';
import type { TrackingNumbersTable } from './schema.js';

export interface TrackingNumberRecord {
  readonly trackingNumber: TrackingNumber;
  readonly version: number;
}

const record = (row: Selectable<TrackingNumbersTable>): TrackingNumberRecord => ({
  trackingNumber: toTrackingNumber(row),
  version: row.version,
});

export async function listTrackingNumbers(db: Executor, networkId: string, tenantId?: string): Promise<TrackingNumberRecord[]> {
  let query = db.selectFrom('tracking_numbers').selectAll().where('network_id', '=', networkId);
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return (await query.orderBy('number').execute()).map(record);
}

export async function getTrackingNumber(db: Executor, networkId: string, id: string): Promise<TrackingNumberRecord | undefined> {
  const row = await db
    .selectFrom('tracking_numbers')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : record(row);
}

export async function updateContinuityNumber(
  db: Executor,
  networkId: string,
  id: string,
  expectedVersion: number,
  number: E164 | null,
): Promise<TrackingNumberRecord> {
  const row = await db
    .updateTable('tracking_numbers')
    .set((eb) => ({ continuity_number: number, version: eb('version', '+', 1) }))
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row !== undefined) return record(row);
  const current = await getTrackingNumber(db, networkId, id);
  if (current === undefined) throw errors.notFound('tracking number', id);
  throw errors.stale('tracking number', expectedVersion, current.version);
}
