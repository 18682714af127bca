/**
 * B1 from the operator's command line: `switchboard continuity schedule|schedules|unschedule`, a
 * real process on a real SQLite file; the schedule then runs once when due, as the command line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application.js';
import { runDueSchedules } from '../../src/app/schedule-runner.js';
import { openStore } from '../../src/store/db.js';
import { getTenant } from '../../src/store/tenants.repository.js';
import { runSwitchboard as run } from './run.js';

describe('switchboard continuity schedule', () => {
  it('B1 schedules a tenant on and off, lists, cancels, refuses a time without its offset; a due schedule runs once, as the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-schedule-'));
    const env = { SWITCHBOARD_DATA_DIR: dir, DATABASE_URL: '' };
    expect(run(['demo'], env).code).toBe(0);
    const on = new Date(Date.now() + 3600_000).toISOString();
    const off = new Date(Date.now() + 7200_000).toISOString();
    const made = run(['continuity', 'schedule', '--network', 'summit', '--tenant', 'sunrise-plumbing', '--on', on, '--off', off], env);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`Call Continuity on for sunrise-plumbing at ${on}.`);
    expect(made.stdout).toContain(`Call Continuity off for sunrise-plumbing at ${off}.`);
    const listed = run(['continuity', 'schedules', '--network', 'summit'], env);
    const ids = listed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[0]!);
    expect(ids).toHaveLength(2);
    expect(listed.stdout).toContain('(set by command line)');

    const cancelled = run(['continuity', 'unschedule', '--network', 'summit', ids[1]!], env);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(run(['continuity', 'schedules', '--network', 'summit'], env).stdout.trim().split('\n')).toHaveLength(1);
    const local = run(['continuity', 'schedule', '--network', 'summit', '--all', '--on', '2026-12-24T18:00'], env);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('give a time with its offset');
    expect(run(['continuity', 'schedule', '--network', 'summit', '--on', on], env).stderr).toContain('--tenant ID or --all');

    // Due: the runner applies it once, audited as the command line.
    const store = await openStore({ databaseUrl: null, dataDir: dir });
    try {
      const app = createApplication(store);
      expect((await runDueSchedules(app, new Date(Date.parse(on) + 1000))).ran).toEqual([ids[0]]);
      expect((await getTenant(store.db, 'summit', 'sunrise-plumbing'))!.tenant.continuity.enabled).toBe(true);
      const [entry] = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'continuity.switch_on').execute();
      expect(entry).toMatchObject({ actor_name: 'command line' });
    } finally {
      await store.close();
    }
  }, 90_000);
});
