/**
 * Every rule the decision core implements names at least one test (issue: "every rule id listed
 * names a test"), and the decision core stays pure: nothing in src/domain imports I/O.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(suffix))
    .map((d) => join(d.parentPath, d.name));
}

const REQUIRED = [
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'C9',
  'C14',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'L6',
  ...Array.from({ length: 16 }, (_, i) => `R${i + 1}`),
];

describe('rule coverage', () => {
  // Test names as written: it('R11 ...'), it.each(...)('R10 ...'), or a golden scenario's test.
  const names = filesUnder(join(root, 'src'), '.test.ts')
    .concat(filesUnder(join(root, 'test'), '.test.ts'))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\b(?:it|test)(?:\.each\([\s\S]*?\))?\(\s*['"`]([^'"`]+)/g)].map((m) => m[1]!),
    );

  it.each(REQUIRED)('%s names at least one test', (rule) => {
    expect(names.some((name) => name.startsWith(`${rule} `))).toBe(true);
  });
});

describe('src/domain is pure', () => {
  const sources = filesUnder(join(root, 'src', 'domain'), '.ts').filter((f) => !f.endsWith('.test.ts'));

  it.each(sources.map((f) => relative(root, f)))('%s imports no I/O', (file) => {
    const imports = [...readFileSync(join(root, file), 'utf8').matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).toMatch(/^(\.\/|libphonenumber-js)/);
    }
  });
});
