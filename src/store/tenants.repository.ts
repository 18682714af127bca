/** Tenants of a network, with the version each write must match. */
import type { Selectable } from 'kysely';
import type { ContinuityDrill, Tenant } from '../domain/model.js';
import { errors } from '../shared/errors.js';
import type { Executor } from './db.js';
import { drillColumn, tenantColumns, toTenant } from './rows.js';
import type { TenantsTable } from './schema.js';

/** The sections of a tenant's settings, each saved and versioned on its own. */
export type TenantSection = 'details' | 'continuity' | 'core_recording';

export interface TenantVersions {
  /** Name, live in the contact center, voice agents enabled. */
  readonly details: number;
  /** The continuity settings (the default destination). */
  readonly continuity: number;
  readonly coreRecording: number;
}

export interface TenantRecord {
  readonly tenant: Tenant;
  /** The details' version (kept under this name: it was the tenant's only one). */
  readonly version: number;
  readonly versions: TenantVersions;
}

const record = (row: Selectable<TenantsTable>): TenantRecord => ({
  tenant: toTenant(row),
  version: row.version,
  versions: { details: row.version, continuity: row.continuity_version, coreRecording: row.core_recording_version },
});

const VERSION_COLUMN = { details: 'version', continuity: 'continuity_version', core_recording: 'core_recording_version' } as const;

/** The columns a section writes: nothing of another section, so saves of two sections never undo each other. */
function sectionColumns(section: TenantSection, tenant: Tenant) {
  const all = tenantColumns(tenant);
  switch (section) {
    case 'details':
      return {
        name: all.name,
        contact_center_active: all.contact_center_active,
        voice_agents_contact_center: all.voice_agents_contact_center,
        voice_agents_core: all.voice_agents_core,
        time_zone: all.time_zone,
      };
    case 'continuity':
      return {
        continuity_default_kind: all.continuity_default_kind,
        continuity_default_number: all.continuity_default_number,
        continuity_chain: all.continuity_chain,
      };
    case 'core_recording':
      return {
        core_inbound: all.core_inbound,
        core_outbound: all.core_outbound,
        recording_consent: all.recording_consent,
        max_pause_seconds: all.max_pause_seconds,
        recording_retention: all.recording_retention,
      };
  }
}

const SECTION_NAMES: Record<TenantSection, string> = {
  details: "tenant's details",
  continuity: "tenant's Call Continuity settings",
  core_recording: "tenant's core recording settings",
};

export async function listTenants(db: Executor, networkId: string, ids?: readonly string[]): Promise<TenantRecord[]> {
  let query = db.selectFrom('tenants').selectAll().where('network_id', '=', networkId);
  if (ids !== undefined) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  return (await query.orderBy('name').orderBy('id').execute()).map(record);
}

export async function getTenant(db: Executor, networkId: string, id: string): Promise<TenantRecord | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('network_id', '=', networkId).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : record(row);
}

/**
 * Writes one section of a tenant's settings if that section's version is still `expectedVersion`
 * (else 412, nothing changed), bumps it, and returns the new record. Only the section's columns
 * are written. A missing tenant, or another network's, is a 404.
 */
export async function updateTenant(
  db: Executor,
  networkId: string,
  id: string,
  section: TenantSection,
  expectedVersion: number | null,
  tenant: Tenant,
): Promise<TenantRecord> {
  const column = VERSION_COLUMN[section];
  let query = db
    .updateTable('tenants')
    .set((eb) => ({ ...sectionColumns(section, tenant), [column]: eb(column, '+', 1) }))
    .where('network_id', '=', networkId)
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where(column, '=', expectedVersion);
  const row = await query.returningAll().executeTakeFirst();
  if (row !== undefined) return record(row);
  const current = await getTenant(db, networkId, id);
  if (current === undefined) throw errors.notFound('tenant', id);
  throw errors.stale(SECTION_NAMES[section], expectedVersion ?? 0, versionOf(current, section));
}

const versionOf = (current: TenantRecord, section: TenantSection): number =>
  section === 'details'
    ? current.versions.details
    : section === 'continuity'
      ? current.versions.continuity
      : current.versions.coreRecording;

/**
 * C10: switches a tenant's continuity if its continuity settings are still those the switch was
 * checked against (C9), else 412. A switch is not an edit of the settings: it bumps no version,
 * so a form open on the settings stays savable.
 */
export const setTenantContinuity = (
  db: Executor,
  networkId: string,
  id: string,
  checkedVersion: number,
  enabled: boolean,
): Promise<TenantRecord> => setChecked(db, networkId, id, checkedVersion, { continuity_enabled: enabled ? 1 : 0 });

/** B4: starts (or ends, with null) a tenant's drill, checked and versioned as a switch is. */
export const setTenantDrill = (
  db: Executor,
  networkId: string,
  id: string,
  checkedVersion: number,
  drill: ContinuityDrill | null,
): Promise<TenantRecord> => setChecked(db, networkId, id, checkedVersion, { continuity_drill: drillColumn(drill) });

/** Writes `columns` if the continuity settings' version is still `checkedVersion` (else 412; 404: no such tenant); bumps none. */
async function setChecked(
  db: Executor,
  networkId: string,
  id: string,
  checkedVersion: number,
  columns: { continuity_enabled: number } | { continuity_drill: string | null },
): Promise<TenantRecord> {
  const row = await db
    .updateTable('tenants')
    .set(columns)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('continuity_version', '=', checkedVersion)
    .returningAll()
    .executeTakeFirst();
  if (row !== undefined) return record(row);
  const current = await getTenant(db, networkId, id);
  if (current === undefined) throw errors.notFound('tenant', id);
  throw errors.stale(SECTION_NAMES.continuity, checkedVersion, current.versions.continuity);
}
