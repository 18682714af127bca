/** The server and admin commands, run as a user runs them: real processes on a real SQLite file. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bin, root, runSwitchboard } from './run.js';

let children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGTERM');
  children = [];
});

const run = runSwitchboard;

/** Starts `switchboard serve` and resolves with everything it printed once it says where it runs. */
function serve(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('switchboard serve and the admin commands', () => {
  it('serve --demo starts on SQLite, prints the URL and the demo logins, and keeps its data between restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-serve-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const first = await serve(['--demo'], { SWITCHBOARD_DATA_DIR: dataDir, PORT: port });
    expect(first).toContain(`Open:     http://127.0.0.1:${port}/`);
    const admin = /admin@summit\.example\s+password: (\S+)/.exec(first)![1]!;
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite', live: true, databaseUp: true, servingCalls: true });
    const login = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@summit.example', password: admin }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const switched = await fetch(`http://127.0.0.1:${port}/api/networks/summit/tenants/sunrise-plumbing/continuity/switch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ enabled: true }),
    });
    expect(switched.status).toBe(200);
    children.pop()!.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));

    const second = await serve(['--demo'], { SWITCHBOARD_DATA_DIR: dataDir, PORT: port });
    expect(second).toContain(`admin@summit.example  password: ${admin}`);
    const again = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@summit.example', password: admin }),
    });
    const token = again.headers.get('set-cookie')!.split(';')[0]!;
    const status = await fetch(`http://127.0.0.1:${port}/api/networks/summit/continuity`, { headers: { cookie: token } });
    const body = (await status.json()) as { tenants: { tenantId: string; enabled: boolean }[] };
    expect(body.tenants.find((t) => t.tenantId === 'sunrise-plumbing')!.enabled).toBe(true);
  });

  it('migrate, demo, user add and token create work on a fresh data folder', async () => {
    const env = { SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-admin-')) };
    expect(run(['migrate'], env).stdout).toBe(
      'Applied: 001-initial, 002-recordings, 003-agent-employee, 004-credentials, 005-network-changes, 006-call-log-call-id, 007-cluster-nodes, 008-live-calls, 009-rate-limits, 010-sip-events, 011-twilio-accounts, 012-recording-media-url, 013-tenant-section-versions, 014-continuity-schedules, 015-tenant-time-zone, 016-switch-continuity-permission, 017-continuity-approvals, 018-continuity-drill, 019-continuity-chain, 020-recording-consent, 021-consent-stamps, 022-max-pause, 023-token-scope, 024-retention, 025-webhooks\n',
    );
    expect(run(['migrate'], env).stdout).toBe('The database is up to date.\n');
    const demo = run(['demo'], env);
    expect(demo.stdout).toContain('Created the demo network "Summit Home Services" (summit).');
    expect(JSON.parse(readFileSync(join(env.SWITCHBOARD_DATA_DIR, 'demo-logins.json'), 'utf8'))).toHaveLength(3);
    expect(run(['demo'], env).stdout).toContain('The demo network already exists.');
    const added = run(
      [
        'user',
        'add',
        '--network',
        'summit',
        '--email',
        'ops@summit.example',
        '--tenant-permission',
        'coastal-hvac:phone_settings',
        '--tenant-permission',
        'coastal-hvac:forwarding_number_settings',
      ],
      env,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added ops@summit\.example\. Password: \S{16}\n$/);
    expect(run(['network', 'create', '--slug', 'acme', '--name', 'Acme Services'], env).stdout).toContain(
      'Created network "Acme Services" (acme).',
    );
    expect(run(['network', 'create', '--slug', 'acme', '--name', 'Again'], env).stderr).toBe(
      'switchboard: --slug: a network "acme" already exists\n',
    );
    expect(
      run(['user', 'add', '--network', 'acme', '--email', 'boss@acme.example', '--admin', '--password', 'long enough pass'], env).stdout,
    ).toBe('Added boss@acme.example.\n');
    expect(run(['user', 'add', '--network', 'summit', '--email', 'bo@summit.example', '--agent', '--employee', 'emp-ben'], env).code).toBe(
      0,
    );
    const token = run(['token', 'create', '--email', 'ops@summit.example'], env);
    expect(token.stdout).toMatch(/^sb_[\w-]{43}\n/);
    expect(token.stdout).toContain('It does not expire.');
  }, 120_000);

  it('hardening item 8: token create --expires-in, token list (never the secret), token revoke', async () => {
    const env = { SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-token-')) };
    run(['demo'], env);
    const created = run(['token', 'create', '--email', 'admin@summit.example', '--name', 'billing sync', '--expires-in', '30'], env);
    expect(created.code).toBe(0);
    const secret = /^(sb_\S+)/.exec(created.stdout)![1]!;
    const id = /Its id is (\S+)\.\)/.exec(created.stdout)![1]!;
    expect(created.stdout).toMatch(/It expires \d{4}-\d\d-\d\dT/);
    const listed = run(['token', 'list', '--network', 'summit'], env);
    expect(listed.stdout).toContain(`${id}  admin@summit.example  "billing sync"`);
    expect(listed.stdout).toContain('last used never');
    expect(listed.stdout).not.toContain(secret);
    expect(run(['token', 'create', '--email', 'admin@summit.example', '--expires-in', '0'], env).stderr).toContain(
      '--expires-in "0": a whole number of days',
    );
    expect(run(['token', 'revoke', '--network', 'summit', id], env).stdout).toBe(`Revoked ${id} ("billing sync", admin@summit.example).\n`);
    expect(run(['token', 'list', '--network', 'summit'], env).stdout).toBe('No API tokens in network summit.\n');
    const again = run(['token', 'revoke', '--network', 'summit', id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No API token "${id}"`);
  }, 120_000);

  it.each([
    [['user', 'add', '--network', 'summit'], 'switchboard: --email is required\n'],
    [['user', 'add', '--network', 'nowhere', '--email', 'a@b.c'], 'switchboard: --network: no network "nowhere"\n'],
    [
      ['user', 'add', '--network', 'summit', '--email', 'a@b.c', '--tenant-permission', 'coastal-hvac:admin'],
      'switchboard: --tenant-permission "coastal-hvac:admin": expected TENANT:PERMISSION',
    ],
    [
      ['user', 'add', '--network', 'summit', '--email', 'a@b.c', '--agent', '--employee', 'emp-ghost'],
      'switchboard: --employee: no employee "emp-ghost" in network summit\n',
    ],
    [
      ['user', 'add', '--network', 'summit', '--email', 'a@b.c', '--employee', 'emp-ana'],
      'switchboard: --employee: only an agent (--agent) is an employee taking calls\n',
    ],
    [
      ['user', 'add', '--network', 'summit', '--email', 'a@b.c', '--agent', '--employee', 'emp-ana'],
      'switchboard: --employee: emp-ana is already the agent account agent@summit.example\n',
    ],
    [['token', 'create', '--email', 'ghost@summit.example'], 'switchboard: --email: no user ghost@summit.example\n'],
    [['serve', '--verbose'], 'switchboard: serve: unknown option --verbose\n'],
  ])('%j fails with one clear line and exit code 2', (args, message) => {
    const env = { SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-bad-')) };
    run(['demo'], env);
    const result = run(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(message)).toBe(true);
  });

  it('a bad environment variable stops the server with the list of what is wrong', () => {
    const result = run(['serve'], {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-env-')),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT: "eighty" is not a whole number from 0 to 65535');
    expect(result.stderr).toContain('DATABASE_URL: must start with postgres://');
  });
});
