/**
 * X2: an uploaded exclusion list, added to the list or replacing it. All or nothing: the whole
 * change is one transaction (the runner's, with the version bump and the audit entry, C15), so a
 * failure or a crash part-way leaves the old list whole. Refused, changing nothing: a file with any
 * invalid row (unless the administrator chose to add the valid rows only); a file with no entries to add; a replace with no entries (it would empty the list,
 * and every excluded caller would be recorded) unless `allowEmpty` says that is what is wanted.
 */
import { Type } from 'typebox';
import type { FileReading } from '../../formats/exclusion-files/row-collector.js';
import { AppError } from '../../shared/errors.js';
import type { Store } from '../../store/db.js';
import { clearExclusions, exclusionValues, insertExclusions } from '../../store/exclusions.repository.js';
import { MAX_LISTED_EXCLUSIONS } from '../../store/touched.js';
import * as recording from '../policies/recording.policy.js';
import { defineCommand, type By, type RunOptions } from './command.js';
import type { CommandRunner } from './runner.js';

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
export function planImport(
  reading: Pick<FileReading, 'rowsRead' | 'values' | 'repeated' | 'invalid' | 'invalidCount'>,
  existing: ReadonlySet<string>,
  mode: ImportMode,
): ImportPlan {
  let alreadyListed = 0;
  for (const value of reading.values) if (existing.has(value)) alreadyListed++;
  const added = reading.values.length - alreadyListed;
  const removed = mode === 'replace' ? existing.size - alreadyListed : 0;
  return {
    mode,
    rowsRead: reading.rowsRead,
    entries: reading.values.length,
    repeated: reading.repeated,
    invalid: reading.invalid,
    invalidCount: reading.invalidCount,
    alreadyListed,
    added,
    removed,
    totalAfter: existing.size + added - removed,
  };
}

export async function previewImport(store: Store, networkId: string, reading: FileReading, mode: ImportMode): Promise<ImportPlan> {
  return planImport(reading, new Set(await exclusionValues(store.db, networkId)), mode);
}

/** The entries of a valid file, as the command stores them (E.164 numbers and 3-digit area codes). */
export const importExclusionList = defineCommand({
  name: 'exclusions.import',
  input: Type.Object(
    {
      mode: Type.Union([Type.Literal('add'), Type.Literal('replace')]),
      allowEmpty: Type.Boolean(),
      // Entries as stored: a 3-digit area code or an E.164 number (a stored command is checked again).
      values: Type.Array(Type.String({ pattern: '^(?:[2-9][0-9]{2}|\\+[1-9][0-9]{6,14})$' })),
      rowsRead: Type.Integer({ minimum: 0 }),
      repeated: Type.Integer({ minimum: 0 }),
      // Invalid rows of the file left out by an "add the valid rows only" (none otherwise).
      leftOut: Type.Optional(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
  allowed: (actor, networkId) => recording.can(actor, 'edit', { networkId }),
  refusal: 'change the exclusion list (needs edit_call_recording_settings)',
  handle: async (unit, input, networkId, run) => {
    const { mode, values } = input;
    if (values.length === 0 && mode === 'add') {
      throw new AppError(422, 'no_entries', 'file: holds no number or area code, so there is nothing to add. Nothing was changed.', 'file');
    }
    if (values.length === 0 && !input.allowEmpty) {
      throw new AppError(
        422,
        'replace_would_empty',
        'file: holds no number or area code: replacing the list with it would empty the exclusion list, and every excluded caller would be recorded. Nothing was changed. To empty the list on purpose, send allowEmpty=true.',
        'file',
      );
    }
    const existing = new Set(await exclusionValues(unit.trx, networkId));
    const plan = planImport({ ...input, invalid: [], invalidCount: input.leftOut ?? 0 }, existing, mode);
    if (mode === 'replace') await clearExclusions(unit.trx, networkId);
    const toWrite = mode === 'replace' ? values : values.filter((value) => !existing.has(value));
    await insertExclusions(unit.trx, unit.dialect, networkId, toWrite, (written) => run.onProgress?.(written, toWrite.length));
    return {
      result: plan,
      touched: { exclusions: mode === 'replace' ? 'all' : toWrite.length > MAX_LISTED_EXCLUSIONS ? 'all' : toWrite },
      audit: {
        action: 'exclusions.import',
        resourceType: 'exclusion_list',
        resourceId: networkId,
        tenantIds: [],
        before: { entries: existing.size },
        after: {
          mode,
          entries: plan.totalAfter,
          added: plan.added,
          removed: plan.removed,
          rowsRead: plan.rowsRead,
          ...(input.leftOut ? { invalidRowsLeftOut: input.leftOut } : {}),
        },
      },
    };
  },
});

/** What the administrator chose beyond the mode. */
export interface ImportChoices {
  /** Replace only: a file with no entries may empty the list. */
  readonly allowEmpty?: boolean;
  /** Add only: apply the valid rows and leave the invalid ones out (the preview listed them). */
  readonly validRowsOnly?: boolean;
}

/**
 * Applies a file read by the formats: a file with any invalid row changes nothing (422 listing the
 * rows), unless the administrator chose to add its valid rows only.
 */
export function applyImport(
  commands: CommandRunner,
  by: By,
  networkId: string,
  reading: FileReading,
  mode: ImportMode,
  { allowEmpty = false, validRowsOnly = false }: ImportChoices = {},
  options: RunOptions = {},
): Promise<ImportPlan> {
  if (validRowsOnly && mode === 'replace') {
    throw new AppError(
      422,
      'valid_rows_only_replace',
      'validRowsOnly: a replace is all or nothing (the list is replaced by the whole file or not at all); import the valid rows only when adding.',
      'validRowsOnly',
      true,
    );
  }
  if (reading.invalidCount > 0 && !validRowsOnly) {
    const first = reading.invalid[0]!;
    throw new AppError(
      422,
      'invalid_rows',
      `file: ${reading.invalidCount} row(s) are not phone numbers or area codes (row ${first.row}: "${first.value}", ${first.reason}). Nothing was changed; correct the file and upload it again.`,
      'file',
      first.value,
      { invalidCount: reading.invalidCount, invalid: reading.invalid },
    );
  }
  return commands.run(
    importExclusionList,
    networkId,
    by,
    // The values as read (the command changes nothing in its input): no copy of a million entries.
    { mode, allowEmpty, values: reading.values, rowsRead: reading.rowsRead, repeated: reading.repeated, leftOut: reading.invalidCount },
    options,
  );
}
