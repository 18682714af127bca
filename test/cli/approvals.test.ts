/**
 * B5 from the operator's command line: `switchboard continuity approval-policy|approvals|approve|refuse`,
 * a real process on a real SQLite file; a request asked by a person is approved or refused here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application.js';
import { requestApproval } from '../../src/app/commands/continuity-approvals.js';
import { openStore } from '../../src/store/db.js';
import { getTenant } from '../../src/store/tenants.repository.js';
import { findUserIdByEmail, getUser } from '../../src/store/users.repository.js';
import { runSwitchboard as run } from './run.js';

/** Nadia (the demo's network administrator) asks for a switch, through the application as the API would. */
async function ask(dir: string, input: unknown): Promise<void> {
  const store = await openStore({ databaseUrl: null, dataDir: dir });
  try {
    const user = (await getUser(store.db, (await findUserIdByEmail(store.db, 'admin@summit.example'))!))!;
    await createApplication(store).commands.run(
      requestApproval,
      'summit',
      { kind: 'person', actor: { ...user, via: 'token', csrfToken: null }, source: 'api', address: null },
      { switch: input, requestedAt: new Date().toISOString() },
    );
  } finally {
    await store.close();
  }
}

const ids = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => line.split(/\s+/)[0]!);

describe('switchboard continuity approvals', () => {
  it('B5 sets the policy, lists requests with what they would do, approves one (the switch is made, audited with both) and refuses another; bad options are usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-approvals-'));
    const env = { SWITCHBOARD_DATA_DIR: dir, DATABASE_URL: '' };
    expect(run(['demo'], env).code).toBe(0);
    expect(run(['continuity', 'approval-policy', '--network', 'summit'], env).stdout).toContain('no switch needs a second approver');
    const set = run(['continuity', 'approval-policy', '--network', 'summit', '--mode', 'every_switch', '--expiry-minutes', '30'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(
      'every Call Continuity switch needs a second administrator’s approval; a request expires after 30 minutes.',
    );
    const bad = run(['continuity', 'approval-policy', '--network', 'summit', '--mode', 'sometimes'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--mode "sometimes": one of none, turn_on_for_all, every_switch');
    expect(run(['continuity', 'approvals', '--network', 'summit'], env).stdout).toContain('No approval requests.');

    await ask(dir, { command: 'continuity.switch', input: { tenantId: 'sunrise-plumbing', enabled: true } });
    const listed = run(['continuity', 'approvals', '--network', 'summit'], env);
    expect(listed.stdout).toContain('pending    Switch Call Continuity on for Sunrise Plumbing  (asked by Nadia Admin');
    const [first] = ids(listed.stdout);

    const approved = run(['continuity', 'approve', '--network', 'summit', first!], env);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toBe(`Approved ${first}: Switch Call Continuity on for Sunrise Plumbing (asked by Nadia Admin).\n`);
    expect(run(['continuity', 'approve', '--network', 'summit', first!], env).stderr).toContain('already approved');
    expect(run(['continuity', 'approve', '--network', 'summit', 'nope'], env).stderr).toContain('no approval request "nope"');

    await ask(dir, { command: 'continuity.switch', input: { tenantId: 'sunrise-plumbing', enabled: false } });
    const second = ids(run(['continuity', 'approvals', '--network', 'summit'], env).stdout)[0]!;
    const refused = run(['continuity', 'refuse', '--network', 'summit', second, '--reason', 'keep it on tonight'], env);
    expect(refused.code, refused.stderr).toBe(0);
    expect(run(['continuity', 'approvals', '--network', 'summit'], env).stdout).toContain('refused by command line');

    const store = await openStore({ databaseUrl: null, dataDir: dir });
    try {
      expect((await getTenant(store.db, 'summit', 'sunrise-plumbing'))!.tenant.continuity.enabled).toBe(true);
      const [entry] = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'continuity.switch_on').execute();
      expect(entry).toMatchObject({ actor_name: 'command line' });
      expect(JSON.parse(entry!.after!)).toMatchObject({ requestedBy: 'Nadia Admin', approvedBy: 'command line' });
      const [refusal] = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'continuity.approval_refuse').execute();
      expect(JSON.parse(refusal!.after!)).toMatchObject({ reason: 'keep it on tonight' });
    } finally {
      await store.close();
    }
  }, 120_000);
});
