/**
 * X2: applies an uploaded exclusion list, adding to the list or replacing it. All or nothing: the
 * whole change is one transaction (with the version bump and the audit entry, C15), so a failure
 * or a crash part-way leaves the old list whole. A file with any invalid row changes nothing.
 */
import { AppError } from '../../shared/errors.js';
import type { FileReading } from '../../formats/exclusion-files/row-collector.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { clearExclusions, exclusionValues, insertExclusions } from '../../store/exclusions.repository.js';
import type { Actor } from '../../store/unit-of-work.js';
import { auditedChange } from './audited-change.js';

export type ImportMode = 'add' | 'replace';

/** What an import does (the preview) or did. */
export interface ImportPlan {
  readonly mode: ImportMode;
  readonly rowsRead: number;
  /** Distinct entries in the file. */
  readonly entries: number;
  readonly repeated: number;
  readonly invalid: FileReading['invalid'];
  readonly invalidCount: number;
  /** Entries of the file already on the list. */
  readonly alreadyListed: number;
  readonly added: number;
  /** Entries on the list that a replace takes off (0 when adding). */
  readonly removed: number;
  readonly totalAfter: number;
}

/** The preview: what applying `reading` to a list holding `existing` would do. */
export function planImport(reading: FileReading, existing: ReadonlySet<string>, mode: ImportMode): ImportPlan {
  let alreadyListed = 0;
  for (const value of reading.values) if (existing.has(value)) alreadyListed++;
  const added = reading.values.length - alreadyListed;
  const removed = mode === 'replace' ? existing.size - alreadyListed : 0;
  return {
    mode, rowsRead: reading.rowsRead, entries: reading.values.length, repeated: reading.repeated, invalid: reading.invalid, invalidCount: reading.invalidCount,
    alreadyListed, added, removed, totalAfter: existing.size + added - removed,
  };
}

export interface ImportOptions {
  readonly store: Store;
  readonly snapshots: SnapshotCache | undefined;
  readonly actor: Actor;
  readonly networkId: string;
  /** Hears the running count of rows written (progress on a terminal; tests interrupt here). */
  readonly onProgress?: (written: number, total: number) => void | Promise<void>;
}

export async function previewImport(store: Store, networkId: string, reading: FileReading, mode: ImportMode): Promise<ImportPlan> {
  return planImport(reading, new Set(await exclusionValues(store.db, networkId)), mode);
}

/**
 * Applies the file. Refused, changing nothing: a file with any invalid row; a file with no entries
 * to add; a replace with no entries (it would empty the list, and every excluded caller would be
 * recorded) unless `allowEmpty` says that is what the caller wants.
 */
export function applyImport(options: ImportOptions, reading: FileReading, mode: ImportMode, allowEmpty = false): Promise<ImportPlan> {
  const { store, networkId, onProgress } = options;
  if (reading.invalidCount > 0) {
    const first = reading.invalid[0]!;
    throw new AppError(422, 'invalid_rows',
      `file: ${reading.invalidCount} row(s) are not phone numbers or area codes (row ${first.row}: "${first.value}", ${first.reason}). Nothing was changed; correct the file and upload it again.`,
      'file', first.value, { invalidCount: reading.invalidCount, invalid: reading.invalid });
  }
  if (reading.values.length === 0 && mode === 'add') {
    throw new AppError(422, 'no_entries', 'file: holds no number or area code, so there is nothing to add. Nothing was changed.', 'file');
  }
  if (reading.values.length === 0 && !allowEmpty) {
    throw new AppError(422, 'replace_would_empty',
      'file: holds no number or area code: replacing the list with it would empty the exclusion list, and every excluded caller would be recorded. Nothing was changed. To empty the list on purpose, send allowEmpty=true.',
      'file');
  }
  return auditedChange({ store, snapshots: options.snapshots, actor: options.actor, networkId }, 'exclusions.import', 'exclusion_list', async (unit) => {
    const existing = new Set(await exclusionValues(unit.trx, networkId));
    const plan = planImport(reading, existing, mode);
    if (mode === 'replace') await clearExclusions(unit.trx, networkId);
    const toWrite = mode === 'replace' ? reading.values : reading.values.filter((value) => !existing.has(value));
    await insertExclusions(unit.trx, store.dialect, networkId, toWrite, (written) => onProgress?.(written, toWrite.length));
    return {
      result: plan, resourceId: networkId, tenantIds: [],
      before: { entries: existing.size },
      after: { mode, entries: plan.totalAfter, added: plan.added, removed: plan.removed, rowsRead: plan.rowsRead },
    };
  });
}
