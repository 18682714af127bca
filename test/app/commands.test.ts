/**
 * Issue 12: a change is a command (a name and a JSON input) run by one runner. A command stored as
 * JSON runs later unchanged; its input is validated and its policy checked again when it runs;
 * nothing of a refused command is kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplication, type Application } from '../../src/app/application.js';
import type { By } from '../../src/app/commands/command.js';
import { switchContinuity } from '../../src/app/commands/continuity-switcher.js';
import { COMMANDS, runStored, type StoredCommand } from '../../src/app/commands/registry.js';
import type { Actor } from '../../src/app/policies/actor.js';
import { decideRoute } from '../../src/domain/decide-route.js';
import { asE164 } from '../../src/domain/phone-number.js';
import { DEMO_NETWORK } from '../../src/app/demo/demo-network.js';
import { SnapshotCache } from '../../src/runtime/snapshot-cache.js';
import { insertNetwork } from '../../src/store/network-seeder.js';
import { createTestStore, DIALECTS, type TestStore } from '../stores.js';

const person = (overrides: Partial<Actor>): By => ({
  kind: 'person',
  source: 'api',
  address: '127.0.0.1',
  actor: {
    id: 'u1',
    networkId: 'summit',
    email: 'a@x',
    name: 'Ana',
    networkAdmin: false,
    agent: false,
    employeeId: null,
    networkPermissions: [],
    tenantPermissions: {},
    via: 'token',
    csrfToken: null,
    ...overrides,
  },
});

describe.each(DIALECTS)('commands on %s', (dialect) => {
  let store: TestStore;
  let snapshots: SnapshotCache;
  let app: Application;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    snapshots = new SnapshotCache(store);
    app = createApplication(store, snapshots);
  });
  afterEach(async () => {
    snapshots.close();
    await store.close();
  });

  const auditCount = async () =>
    (
      await store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('C13 a command stored as JSON runs later unchanged: the same change, audited, and the next call on this node follows it', async () => {
    const stored: StoredCommand = JSON.parse(
      JSON.stringify({ name: switchContinuity.name, networkId: 'summit', input: { tenantId: 'sunrise-plumbing', enabled: true } }),
    );
    await runStored(app, stored, person({ networkAdmin: true }));
    const snapshot = (await snapshots.get('summit'))!;
    expect(decideRoute(snapshot, { to: asE164('+16198675301') }).kind).toBe('continuity');
    const [entry] = await store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).execute();
    expect(entry).toMatchObject({ action: 'continuity.switch_on', actor_name: 'Ana', source: 'api', client_address: '127.0.0.1' });
  });

  it('a stored command is checked again when it runs: its input against the schema (422), its policy for who runs it (403); nothing is kept', async () => {
    const before = await auditCount();
    await expect(
      runStored(
        app,
        { name: 'continuity.switch', networkId: 'summit', input: { tenantId: 'sunrise-plumbing', enabled: 'yes' } },
        person({ networkAdmin: true }),
      ),
    ).rejects.toMatchObject({ status: 422, field: 'enabled' });
    await expect(
      runStored(
        app,
        { name: 'continuity.switch', networkId: 'summit', input: { tenantId: 'sunrise-plumbing', enabled: true } },
        person({ tenantPermissions: { 'sunrise-plumbing': ['phone_settings'] } }),
      ),
    ).rejects.toMatchObject({ status: 403 });
    // X3: a stored import holds entries as stored; anything else (not an area code, not E.164) is refused.
    for (const bad of ['2a2', '12125550100', '+0123456789'])
      await expect(
        runStored(
          app,
          {
            name: 'exclusions.import',
            networkId: 'summit',
            input: { mode: 'add', allowEmpty: false, values: ['+12125550100', bad], rowsRead: 2, repeated: 0 },
          },
          person({ networkAdmin: true }),
        ),
      ).rejects.toMatchObject({ status: 422, field: 'values.1' });
    await expect(runStored(app, { name: 'no.such', networkId: 'summit', input: {} }, person({ networkAdmin: true }))).rejects.toMatchObject(
      { status: 422, field: 'name' },
    );
    expect(await auditCount()).toBe(before);
    expect((await snapshots.get('summit'))!.tenants.find((t) => t.id === 'sunrise-plumbing')!.continuity.enabled).toBe(false);
  });

  it("the operator's command line runs a command without a policy (it holds the database already), and it is audited as such", async () => {
    await runStored(
      app,
      { name: 'exclusions.add', networkId: 'summit', input: { entry: '(312) 867-4400' } },
      { kind: 'system', name: 'command line' },
    );
    const [entry] = await store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).execute();
    expect(entry).toMatchObject({ action: 'exclusions.add', actor_name: 'command line', source: 'cli', client_address: null });
  });

  it('every command has a unique name, an input schema and a policy', () => {
    expect(COMMANDS.size).toBeGreaterThanOrEqual(28);
    for (const [name, command] of COMMANDS) {
      expect(command.name).toBe(name);
      expect(command.input).toHaveProperty('type', 'object');
      expect(typeof command.allowed).toBe('function');
      expect(command.refusal.length).toBeGreaterThan(5);
    }
  });
});
