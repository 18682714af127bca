/** A small parser for `--option value`, `--option=value`, repeated options and flags, each command declaring its own. */
import { UsageError } from './usage-error.js';

export interface ParsedArgs {
  readonly positional: readonly string[];
  value(name: string): string | undefined;
  values(name: string): readonly string[];
  flag(name: string): boolean;
}

export interface ArgSpec {
  readonly command: string;
  /** Options that take a value. */
  readonly options?: readonly string[];
  /** Options that stand alone. */
  readonly flags?: readonly string[];
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const positional: string[] = [];
  const found = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    let value: string;
    if (spec.flags?.includes(name)) {
      value = 'true';
    } else if (spec.options?.includes(name)) {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${spec.command}: --${name} needs a value`);
      value = next;
    } else {
      throw new UsageError(`${spec.command}: unknown option --${name}`);
    }
    found.set(name, [...(found.get(name) ?? []), value]);
  }
  return {
    positional,
    value: (name) => found.get(name)?.at(-1),
    values: (name) => found.get(name) ?? [],
    flag: (name) => found.has(name),
  };
}
