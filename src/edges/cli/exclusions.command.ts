/**
 * `switchboard exclusions import|export`: the exclusion list as a file, from the command line (X2).
 * Import prints the preview, asks before changing anything (unless --yes), and changes nothing
 * when any row is invalid; a replace that empties the list needs --allow-empty and is asked a
 * second time; long imports show progress on a terminal.
 */
import { stat, readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { networkIdOf } from '../../app/admin.js';
import { applyImport, planImport, type ImportMode, type ImportPlan } from '../../app/commands/exclusion-list-importer.js';
import { exclusionList } from '../../app/queries/recording.queries.js';
import { loadConfig } from '../../config.js';
import { FileRejected, formatOf, readExclusionFile } from '../../formats/exclusion-files/exclusion-file-reader.js';
import { writeExclusionFile } from '../../formats/exclusion-files/exclusion-file-writer.js';
import { withApp } from './admin.commands.js';
import type { Application } from '../../app/application.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './usage-error.js';

export interface Terminal {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const n = (value: number) => value.toLocaleString('en-US');

async function networkOf(app: Application, args: ParsedArgs): Promise<string> {
  const idOrSlug = args.value('network');
  if (idOrSlug === undefined) throw new UsageError("--network is required (the network's id or slug)");
  return networkIdOf(app, idOrSlug);
}

/** The preview as a person reads it. */
export function describePlan(plan: ImportPlan): string {
  const lines = [
    `${n(plan.rowsRead)} rows read: ${n(plan.entries)} entries (${n(plan.alreadyListed)} already on the list, ${n(plan.added)} new)${plan.repeated > 0 ? `, ${n(plan.repeated)} repeated` : ''}.`,
  ];
  if (plan.mode === 'replace') lines.push(`Replace: ${n(plan.removed)} entries not in the file will be removed.`);
  lines.push(`The list will hold ${n(plan.totalAfter)} entries.`);
  if (plan.invalidCount > 0) {
    lines.push(`${n(plan.invalidCount)} invalid rows:`);
    for (const row of plan.invalid.slice(0, 20)) lines.push(`  row ${row.row}: "${row.value}": ${row.reason}`);
    if (plan.invalidCount > 20) lines.push(`  ... and ${n(plan.invalidCount - 20)} more`);
  }
  return lines.join('\n');
}

export async function exclusionsImportCommand(args: ParsedArgs, io: Terminal): Promise<number> {
  const mode = args.value('mode');
  if (mode !== 'add' && mode !== 'replace')
    throw new UsageError("--mode must be add (keep the list, add the file's entries) or replace (the list becomes the file)");
  const [path, ...extra] = args.positional;
  if (path === undefined || extra.length > 0)
    throw new UsageError('usage: switchboard exclusions import --network ID --mode add|replace [--allow-empty] [--yes] FILE');
  const format = formatOf(path);
  if (format === null) throw new UsageError(`${JSON.stringify(path)}: name a .csv or .xlsx file`);
  const { importLimits: limits } = loadConfig();
  const size = (
    await stat(path).catch(() => {
      throw new UsageError(`${JSON.stringify(path)}: no such file`);
    })
  ).size;

  const progress = args.flag('progress') || io.stderr.isTTY === true;
  return withApp(async (app) => {
    const networkId = await networkOf(app, args);
    let plan: ImportPlan;
    let reading;
    try {
      if (size > limits.maxBytes)
        throw new FileRejected(
          'file_too_large',
          `The file is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB: split it into smaller files.`,
        );
      reading = await readExclusionFile(
        await readFile(path),
        format,
        limits,
        progress
          ? (rows) => {
              io.stderr.write(`read ${n(rows)} rows\n`);
            }
          : undefined,
      );
      plan = planImport(reading, new Set(await exclusionList(app, networkId)), mode as ImportMode);
    } catch (error) {
      if (!(error instanceof FileRejected)) throw error;
      io.stderr.write(`switchboard: ${basename(path)}: ${error.message} Nothing was changed.\n`);
      return 1;
    }
    io.stdout.write(`${basename(path)} (${format.toUpperCase()}), ${mode}:\n${describePlan(plan)}\n`);
    if (plan.invalidCount > 0) {
      io.stderr.write('switchboard: the file has invalid rows. Nothing was changed; correct them and import again.\n');
      return 1;
    }
    const allowEmpty = args.flag('allow-empty');
    if (plan.entries === 0 && (mode === 'add' || !allowEmpty)) {
      io.stderr.write(
        mode === 'add'
          ? 'switchboard: the file holds no number or area code: there is nothing to add. Nothing was changed.\n'
          : 'switchboard: the file holds no number or area code: replacing the list with it would empty the exclusion list, and every excluded caller would be recorded. Nothing was changed. To empty the list on purpose, add --allow-empty.\n',
      );
      return 1;
    }
    if (!args.flag('yes')) {
      const questions = asker(io);
      try {
        // Emptying the list records every excluded caller from the next call on: asked a second time.
        const agreed =
          (await questions.confirm(`Apply to network ${networkId}? [y/N] `)) &&
          (plan.mode !== 'replace' ||
            plan.totalAfter > 0 ||
            (await questions.confirm(
              `This empties the exclusion list of network ${networkId}: every caller on it will be recorded. Empty it? [y/N] `,
            )));
        if (!agreed) {
          io.stdout.write('Nothing was changed.\n');
          return 1;
        }
      } finally {
        questions.close();
      }
    }
    const done = await applyImport(
      app.commands,
      { kind: 'system', name: 'command line' },
      networkId,
      reading,
      mode as ImportMode,
      { allowEmpty },
      {
        onProgress: progress
          ? (written, total) => {
              io.stderr.write(`written ${n(written)} of ${n(total)}\n`);
            }
          : undefined,
      },
    );
    io.stdout.write(`Done: ${n(done.added)} added, ${n(done.removed)} removed; the list holds ${n(done.totalAfter)} entries.\n`);
    return 0;
  });
}

/** Asks yes/no questions on one reader, so that answers piped together are each read. */
function asker(io: Terminal): { confirm(question: string): Promise<boolean>; close(): void } {
  let lines: ReturnType<typeof createInterface> | null = null;
  const answers: string[] = [];
  const waiting: ((answer: string) => void)[] = [];
  let closed = false;
  const open = () => {
    if (lines !== null) return;
    lines = createInterface({ input: io.stdin, terminal: false });
    lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : answers.push(line)));
    lines.once('close', () => {
      closed = true;
      for (const resolve of waiting.splice(0)) resolve('');
    });
  };
  return {
    confirm: async (question) => {
      open();
      io.stdout.write(question);
      const answer = answers.length > 0 ? answers.shift()! : closed ? '' : await new Promise<string>((resolve) => waiting.push(resolve));
      return /^y(es)?$/i.test(answer.trim());
    },
    close: () => lines?.close(),
  };
}

export async function exclusionsExportCommand(args: ParsedArgs, io: Terminal): Promise<number> {
  const out = args.value('out');
  const format = args.value('format') ?? (out === undefined ? 'csv' : (formatOf(out) ?? 'csv'));
  if (format !== 'csv' && format !== 'xlsx') throw new UsageError('--format must be csv or xlsx');
  if (out === undefined && format === 'xlsx' && io.stdout.isTTY === true)
    throw new UsageError('an .xlsx file is binary: name it with --out FILE');
  return withApp(async (app) => {
    const values = await exclusionList(app, await networkOf(app, args));
    const file = await writeExclusionFile(values, format);
    if (out === undefined) io.stdout.write(file);
    else {
      await writeFile(out, file);
      io.stderr.write(`Wrote ${n(values.length)} entries to ${out}.\n`);
    }
    return 0;
  });
}
