/** `switchboard exclusions import|export` as a user runs them: real processes on a real SQLite file. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, DIALECTS, type TestStore } from '../stores.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'switchboard.js');
const DEMO_CSV = 'Number or area code\r\n212\r\n907\r\n+14158675309\r\n+16198679999\r\n+18588675703\r\n';

describe('switchboard exclusions', () => {
  let dir: string;
  const env = () => ({ ...process.env, SWITCHBOARD_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const run = (args: string[], input?: string) => {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: env(), input });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const exported = () => run(['exclusions', 'export', '--network', 'summit']).stdout;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-exclusions-'));
    expect(run(['demo']).code).toBe(0);
  });

  it('X2 import prints the preview and asks; "no" changes nothing, --yes applies', async () => {
    const path = file('more.csv', 'Phone\n(312) 867-4400\n212\n');
    const declined = run(['exclusions', 'import', '--network', 'summit', '--mode', 'add', path], 'n\n');
    expect(declined.stdout).toContain('2 rows read: 2 entries (1 already on the list, 1 new).');
    expect(declined.stdout).toContain('Apply to network summit? [y/N]');
    expect(declined.code).toBe(1);
    expect(exported()).toBe(DEMO_CSV);
    const applied = run(['exclusions', 'import', '--network', 'summit', '--mode', 'add', '--yes', path]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Done: 1 added, 0 removed; the list holds 6 entries.');
    expect(exported()).toContain('\r\n+13128674400');
  });

  it('X2 hardening item 1: a replace with no entries is refused unless --allow-empty, and then asked a second time', () => {
    const header = file('blank.csv', 'Number or area code\n');
    const refused = run(['exclusions', 'import', '--network', 'summit', '--mode', 'replace', '--yes', header]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('would empty the exclusion list');
    expect(refused.stderr).toContain('--allow-empty');
    expect(run(['exclusions', 'import', '--network', 'summit', '--mode', 'replace', '--yes', file('commas.csv', ',,,\n')]).code).toBe(1);
    expect(exported()).toBe(DEMO_CSV);
    const once = run(['exclusions', 'import', '--network', 'summit', '--mode', 'replace', '--allow-empty', header], 'y\nn\n');
    expect(once.stdout).toContain('Apply to network summit? [y/N]');
    expect(once.stdout).toContain(
      'This empties the exclusion list of network summit: every caller on it will be recorded. Empty it? [y/N]',
    );
    expect(once.code).toBe(1);
    expect(exported()).toBe(DEMO_CSV);
    const twice = run(['exclusions', 'import', '--network', 'summit', '--mode', 'replace', '--allow-empty', header], 'y\ny\n');
    expect(twice.code).toBe(0);
    expect(exported()).toBe('Number or area code\r\n');
  });

  it('X2 X5 an invalid file exits non-zero, says why, and changes nothing', () => {
    const invalid = run(['exclusions', 'import', '--network', 'summit', '--mode', 'replace', '--yes', file('bad.csv', 'Phone\nnope\n')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('row 2: "nope": not a valid phone number or 3-digit area code');
    expect(invalid.stderr).toContain('Nothing was changed');
    const binary = run(['exclusions', 'import', '--network', 'summit', '--mode', 'replace', '--yes', file('bin.csv', '\u0000\u0001')]);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain('not a text file');
    expect(exported()).toBe(DEMO_CSV);
  });

  it('X2 export to a file in either format; the file imports back with no change', () => {
    for (const format of ['csv', 'xlsx']) {
      const out = join(dir, `list.${format}`);
      expect(run(['exclusions', 'export', '--network', 'summit', '--out', out]).code).toBe(0);
      expect(readFileSync(out).length).toBeGreaterThan(0);
      const back = run(['exclusions', 'import', '--network', 'summit', '--mode', 'replace', '--yes', out]);
      expect(back.stdout).toContain('Done: 0 added, 0 removed; the list holds 5 entries.');
    }
  });

  it('X2 a running server on the same SQLite file follows an import made from the command line', async () => {
    const server = spawn(process.execPath, [bin, 'serve', '--demo'], { cwd: root, env: { ...env(), PORT: '0' } });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Press Ctrl+C')) resolve(text);
        });
        server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${text}`)));
      });
      const url = /Open:\s+(\S+?)\/?\n/.exec(out)![1]!;
      const password = (JSON.parse(readFileSync(join(dir, 'demo-logins.json'), 'utf8')) as { password: string }[])[0]!.password;
      const login = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@summit.example', password }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const excluded = async () => {
        const response = await fetch(`${url}/api/networks/summit/test-call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
          body: JSON.stringify({ call: { direction: 'inbound', from: '(312) 867-4400', to: '(619) 867-5301' } }),
        });
        return ((await response.json()) as { plan: { exclusion: unknown } }).plan.exclusion !== null;
      };
      expect(await excluded()).toBe(false);
      expect(run(['exclusions', 'import', '--network', 'summit', '--mode', 'add', '--yes', file('one.csv', '(312) 867-4400\n')]).code).toBe(
        0,
      );
      const started = Date.now();
      while (!(await excluded())) {
        expect(Date.now() - started).toBeLessThan(5000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      server.kill('SIGTERM');
    }
  }, 30_000);
});

describe.each(DIALECTS)('a replace killed mid-way on %s', (dialect) => {
  let store: TestStore;
  let dir: string;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'sb-kill-'));
  });
  afterEach(async () => store.close());

  it('X2 leaves the old list whole', async () => {
    // PostgreSQL: this test's database; SQLite: a data folder of its own.
    const env = { ...process.env, LOG_LEVEL: 'silent', SWITCHBOARD_DATA_DIR: dir, DATABASE_URL: store.url ?? '' };
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env });
    expect(run(['demo']).status).toBe(0);
    const rows = Array.from({ length: 300_000 }, (_, i) => `(619) ${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`);
    const path = join(dir, 'big.csv');
    writeFileSync(path, `Phone\n${rows.join('\n')}\n`);
    const child = spawn(
      process.execPath,
      [bin, 'exclusions', 'import', '--network', 'summit', '--mode', 'replace', '--yes', '--progress', path],
      { cwd: root, env },
    );
    const killedAt = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        // The first chunk is written inside the transaction: kill the process there.
        const line = /written [\d,]+ of [\d,]+/.exec(err)?.[0];
        if (line !== undefined) {
          child.kill('SIGKILL');
          resolve(line);
        }
      });
      child.on('exit', (code) => reject(new Error(`import ended (${code}) before it could be killed: ${err}`)));
    });
    expect(killedAt).toBe('written 20,000 of 300,000');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(run(['exclusions', 'export', '--network', 'summit']).stdout).toBe(DEMO_CSV);
  }, 60_000);
});
