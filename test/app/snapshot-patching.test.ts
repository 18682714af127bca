/**
 * Issue 12: a node patches its snapshot with what a change touched instead of loading the network
 * whole. Proven two ways: the everyday changes (a continuity switch, an exclusion, a workflow) are
 * patched with no load of the whole network; and after any sequence of commands, the patched
 * snapshot answers every question a decision asks exactly as a snapshot loaded whole does, on a
 * node that followed each change and on one that missed several and caught up at once.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, type Application } from '../../src/app/application.js';
import type { By, Command } from '../../src/app/commands/command.js';
import { customizeQueue } from '../../src/app/commands/custom-recording.js';
import { setExceptionNumber, updateDefaultDestination } from '../../src/app/commands/continuity-settings.js';
import { createQueue, deleteQueue, renameQueue } from '../../src/app/commands/contact-center-directory.js';
import { switchContinuity, turnOffForAll, turnOnForAll, type SwitchAllResult } from '../../src/app/commands/continuity-switcher.js';
import { addExclusionEntry, removeExclusionEntry } from '../../src/app/commands/exclusion-editor.js';
import { importExclusionList } from '../../src/app/commands/exclusion-list-importer.js';
import { changeRecordingDefaults } from '../../src/app/commands/recording-defaults-updater.js';
import { createTenant, updateTenantDetails } from '../../src/app/commands/tenant-directory.js';
import type { Change } from '../../src/store/change-feed.js';
import { changeWorkflow, createTrackingNumber, deleteTrackingNumber } from '../../src/app/commands/tracking-number-directory.js';
import { updateVoiceAgent } from '../../src/app/commands/voice-agent-directory.js';
import { DEMO_NETWORK } from '../../src/app/demo/demo-network.js';
import { AppError } from '../../src/shared/errors.js';
import { decideRoute } from '../../src/domain/decide-route.js';
import { asE164, type E164 } from '../../src/domain/phone-number.js';
import { NetworkSnapshot } from '../../src/domain/snapshot.js';
import { SnapshotCache } from '../../src/runtime/snapshot-cache.js';
import { loadNetworkData } from '../../src/store/network-data.repository.js';
import { insertNetwork } from '../../src/store/network-seeder.js';
import { createTestStore, DIALECTS, type TestStore } from '../stores.js';

const SYSTEM: By = { kind: 'system', name: 'snapshot-patching test' };
const EXCLUDED = ['+16195550100', '+16195550101', '+18585550102', '+17605550103', '212', '415', '619'];
const NEW_NUMBERS = ['+16195550200', '+16195550201', '+18585550202', '+17605550203'];
const EXTERNAL = ['+17605550300', '+18585550301', '+14155550302'];

/** Everything a decision reads from a snapshot, in a form two snapshots can be compared by. */
function view(snapshot: NetworkSnapshot, probes: readonly E164[]) {
  const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    version: snapshot.version,
    defaults: snapshot.recordingDefaults,
    tenants: snapshot.tenants,
    continuityAgents: snapshot.tenants.map((t) => snapshot.continuityVoiceAgent(t.id)),
    queues: snapshot.queues,
    employees: snapshot.employees,
    voiceAgents: byId(snapshot.voiceAgents),
    trackingNumbers: snapshot.tenants.map((t) => [...snapshot.trackingNumbersOf(t.id)].sort((a, b) => (a.number < b.number ? -1 : 1))),
    trackingNumberCount: snapshot.trackingNumberCount,
    excludedNumberCount: snapshot.excludedNumberCount,
    excludedAreaCodes: snapshot.excludedAreaCodeList,
    probes: probes.map((to) => ({
      to,
      owner: snapshot.ownerOf(to),
      excluded: snapshot.exclusionOf(to),
      route: decideRoute(snapshot, { to }),
      // What a recording decision reads by the number's position: its tenant and its workflow's queue.
      ...(snapshot.trackingPosition(to) >= 0 && {
        tenant: snapshot.tenantOfTrackingAt(snapshot.trackingPosition(to)),
        workflowQueue: snapshot.workflowQueueAt(snapshot.trackingPosition(to)),
      }),
    })),
  };
}

const probesOf = (snapshots: readonly NetworkSnapshot[]): E164[] =>
  [
    ...new Set([
      ...snapshots.flatMap((s) => s.tenants.flatMap((t) => s.trackingNumbersOf(t.id).map((tn) => tn.number))),
      ...snapshots.flatMap((s) => s.employees.flatMap((e) => (e.directLine === null ? [] : [e.directLine]))),
      ...[...EXCLUDED, ...NEW_NUMBERS, ...EXTERNAL].filter((v) => v.startsWith('+')),
      '+12125550199',
      '+14155550198',
    ]),
  ].map((n) => asE164(n));

/** One step of a random sequence; ids and versions are read from the database when it runs. */
const STEP = fc.oneof(
  fc.record({ op: fc.constant('switch' as const), i: fc.nat(), enabled: fc.boolean() }),
  fc.record({ op: fc.constantFrom('all_on' as const, 'all_off' as const) }),
  fc.record({ op: fc.constantFrom('exclusion_add' as const, 'exclusion_remove' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('import' as const), replace: fc.boolean(), values: fc.subarray(EXCLUDED) }),
  fc.record({
    op: fc.constant('workflow' as const),
    i: fc.nat(),
    target: fc.nat(),
    kind: fc.constantFrom('queue', 'employee', 'voice_agent', 'external_number'),
  }),
  fc.record({ op: fc.constant('number_create' as const), i: fc.nat(), number: fc.constantFrom(...NEW_NUMBERS) }),
  fc.record({ op: fc.constant('number_delete' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('exception' as const), i: fc.nat(), number: fc.option(fc.constantFrom(...EXTERNAL)) }),
  fc.record({
    op: fc.constant('defaults' as const),
    trigger: fc.constantFrom('on_call_answered', 'on_call_connected'),
    mode: fc.constantFrom('always', 'automatic', 'manual', 'never'),
  }),
  fc.record({ op: fc.constant('queue_recording' as const), i: fc.nat(), mode: fc.option(fc.constantFrom('always', 'manual', 'never')) }),
  fc.record({ op: fc.constant('voice_agent' as const), i: fc.nat(), enabled: fc.boolean() }),
  fc.record({
    op: fc.constant('tenant_update' as const),
    i: fc.nat(),
    name: fc.constantFrom('Aardvark Pools', 'Zephyr Gutters', 'Middle Co'),
    both: fc.boolean(),
  }),
  fc.record({ op: fc.constant('tenant_create' as const), name: fc.constantFrom('New Tenant', 'Another Tenant') }),
  fc.record({ op: fc.constant('queue_create' as const), name: fc.constantFrom('Overflow', 'Billing') }),
  fc.record({ op: fc.constant('queue_rename' as const), i: fc.nat(), name: fc.constantFrom('Aardvark Queue', 'Zulu Queue') }),
  fc.record({ op: fc.constant('queue_delete' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('default_destination' as const), i: fc.nat(), number: fc.option(fc.constantFrom(...EXTERNAL)) }),
);
type Step = typeof STEP extends fc.Arbitrary<infer T> ? T : never;

describe.each(DIALECTS)('snapshot patching on %s', (dialect) => {
  let store: TestStore;
  let snapshots: SnapshotCache;
  let app: Application;
  beforeAll(async () => {
    store = await createTestStore(dialect);
    await insertNetwork(store.db, DEMO_NETWORK, 'summit');
    snapshots = new SnapshotCache(store);
    app = createApplication(store, snapshots);
  });
  afterAll(async () => {
    snapshots.close();
    await store.close();
  });

  const loadedWhole = async () => NetworkSnapshot.build((await loadNetworkData(store.db, 'summit'))!);
  const run = <C extends Command>(command: C, input: unknown) => app.commands.run(command, 'summit', SYSTEM, input);
  const pick = <T>(items: readonly T[], i: number): T | undefined => (items.length === 0 ? undefined : items[i % items.length]);

  async function apply(step: Step): Promise<void> {
    const db = store.db;
    const tenants = await db.selectFrom('tenants').select(['id', 'version']).where('network_id', '=', 'summit').orderBy('id').execute();
    const numbers = await db
      .selectFrom('tracking_numbers')
      .select(['id', 'tenant_id', 'version'])
      .where('network_id', '=', 'summit')
      .orderBy('number')
      .execute();
    const queues = await db.selectFrom('queues').select(['id', 'version']).where('network_id', '=', 'summit').orderBy('id').execute();
    const agents = await db
      .selectFrom('voice_agents')
      .select(['id', 'tenant_id', 'version'])
      .where('network_id', '=', 'summit')
      .orderBy('id')
      .execute();
    const employees = await db.selectFrom('employees').select(['id']).where('network_id', '=', 'summit').orderBy('id').execute();
    const tn = 'i' in step ? pick(numbers, step.i) : undefined;
    const tenant = 'i' in step ? pick(tenants, step.i) : undefined;
    switch (step.op) {
      case 'switch':
        return void (await run(switchContinuity, { tenantId: tenant!.id, enabled: step.enabled }));
      case 'all_on':
        return void (await run(turnOnForAll, { includeTenantIds: [] }));
      case 'all_off':
        return void (await run(turnOffForAll, {}));
      case 'exclusion_add':
        return void (await run(addExclusionEntry, { entry: pick(EXCLUDED, step.i) }));
      case 'exclusion_remove':
        return void (await run(removeExclusionEntry, { value: pick(EXCLUDED, step.i) }));
      case 'import':
        return void (await run(importExclusionList, {
          mode: step.replace ? 'replace' : 'add',
          allowEmpty: true,
          values: step.values,
          rowsRead: step.values.length,
          repeated: 0,
        }));
      case 'workflow': {
        if (tn === undefined) return;
        const target =
          step.kind === 'queue'
            ? { kind: 'queue', queueId: pick(queues, step.target)?.id ?? 'none' }
            : step.kind === 'employee'
              ? { kind: 'employee', employeeId: pick(employees, step.target)?.id ?? 'none' }
              : step.kind === 'voice_agent'
                ? {
                    kind: 'voice_agent',
                    voiceAgentId:
                      pick(
                        agents.filter((a) => a.tenant_id === tn.tenant_id),
                        step.target,
                      )?.id ?? 'none',
                  }
                : { kind: 'external_number', number: pick(EXTERNAL, step.target)! };
        return void (await run(changeWorkflow, {
          tenantId: tn.tenant_id,
          trackingNumberId: tn.id,
          expectedVersion: tn.version,
          workflow: target,
        }));
      }
      case 'number_create':
        if (queues.length === 0) return; // every queue deleted by earlier steps: no workflow to give it
        return void (await run(createTrackingNumber, {
          tenantId: tenant!.id,
          number: step.number,
          workflow: { kind: 'queue', queueId: queues[0]!.id },
        }));
      case 'number_delete':
        return tn === undefined
          ? undefined
          : void (await run(deleteTrackingNumber, { tenantId: tn.tenant_id, trackingNumberId: tn.id, expectedVersion: tn.version }));
      case 'exception':
        return tn === undefined
          ? undefined
          : void (await run(setExceptionNumber, {
              tenantId: tn.tenant_id,
              trackingNumberId: tn.id,
              expectedVersion: tn.version,
              continuityNumber: step.number,
            }));
      case 'defaults': {
        const current = (await snapshots.get('summit'))!.recordingDefaults;
        const version = (
          await db.selectFrom('recording_defaults').select('version').where('network_id', '=', 'summit').executeTakeFirstOrThrow()
        ).version;
        return void (await run(changeRecordingDefaults, {
          expectedVersion: version,
          defaults: { ...current, trigger: step.trigger, queue: { ...current.queue, mode: step.mode } },
        }));
      }
      case 'queue_recording': {
        // Earlier steps of the run may have deleted every queue: nothing to change then.
        const queue = pick(queues, step.i);
        if (queue === undefined) return;
        return void (await run(customizeQueue, {
          queueId: queue.id,
          expectedVersion: queue.version,
          custom: step.mode === null ? null : { mode: step.mode, announcement: 'none' },
        }));
      }
      case 'voice_agent': {
        const agent = pick(agents, step.i);
        return agent === undefined
          ? undefined
          : void (await run(updateVoiceAgent, {
              tenantId: agent.tenant_id,
              voiceAgentId: agent.id,
              expectedVersion: agent.version,
              enabled: step.enabled,
            }));
      }
      case 'tenant_update':
        return void (await run(updateTenantDetails, {
          tenantId: tenant!.id,
          expectedVersion: tenant!.version,
          name: step.name,
          voiceAgentsEnabled: { contactCenter: step.both, core: true },
        }));
      case 'tenant_create':
        return void (await run(createTenant, { name: step.name }));
      case 'queue_create':
        return void (await run(createQueue, { name: step.name }));
      case 'queue_rename': {
        const queue = pick(queues, step.i);
        if (queue === undefined) return;
        return void (await run(renameQueue, { queueId: queue.id, expectedVersion: queue.version, name: step.name }));
      }
      case 'queue_delete': {
        const queue = pick(queues, step.i);
        if (queue === undefined) return;
        return void (await run(deleteQueue, { queueId: queue.id, expectedVersion: queue.version }));
      }
      case 'default_destination':
        return void (await run(updateDefaultDestination, {
          tenantId: tenant!.id,
          expectedVersion: tenant!.version,
          defaultDestination: step.number === null ? { kind: 'voice_agent' } : { kind: 'external_number', number: step.number },
        }));
    }
  }

  /** A refused change (a conflict, a missing reference, a number in use) changes nothing, which the comparison still checks. */
  const applyOrRefuse = async (step: Step) => {
    try {
      await apply(step);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
    }
  };

  it('C13 a continuity switch, an exclusion added and a workflow changed are patched in: the network is not loaded whole again', async () => {
    const before = await snapshots.get('summit');
    const loads = snapshots.counts.fullLoads;
    const patches = snapshots.counts.patches;
    await run(switchContinuity, { tenantId: 'sunrise-plumbing', enabled: true });
    await run(addExclusionEntry, { entry: '+1 619 555 0177' });
    const tn = await store.db
      .selectFrom('tracking_numbers')
      .select(['id', 'version'])
      .where('number', '=', '+17608675501')
      .executeTakeFirstOrThrow();
    await run(changeWorkflow, {
      tenantId: 'peak-electric',
      trackingNumberId: tn.id,
      expectedVersion: tn.version,
      workflow: { kind: 'external_number', number: '+17605550399' },
    });

    expect(snapshots.counts).toEqual({ fullLoads: loads, patches: patches + 3 });
    const after = (await snapshots.get('summit'))!;
    expect(after.version).toBe(before!.version + 3);
    expect(decideRoute(after, { to: asE164('+16198675301') }).kind).toBe('continuity');
    expect(after.exclusionOf(asE164('+16195550177'))).toBe('number');
    expect(decideRoute(after, { to: asE164('+17608675501') })).toMatchObject({
      kind: 'workflow',
      target: { kind: 'external_number', number: '+17605550399' },
    });
    // The parts no change touched are the same objects: only what changed was made again.
    expect(after.queue('q-service')).toBe(before!.queue('q-service'));
    expect(after.tenant('coastal-hvac')).toBe(before!.tenant('coastal-hvac'));
    const whole = await loadedWhole();
    expect(view(after, probesOf([after, whole]))).toEqual(view(whole, probesOf([after, whole])));
  });

  it('C13 decision 0106: another node patches a small change from its notice alone, without reading the database (PostgreSQL); a whole exclusion list it reads', async () => {
    const other = new SnapshotCache(store);
    try {
      await other.get('summit');
      const before = other.patchedFromNotices;
      await run(switchContinuity, { tenantId: 'coastal-hvac', enabled: false });
      await run(addExclusionEntry, { entry: '+1 619 555 0188' });
      const version = (await snapshots.get('summit'))!.version;
      // Heard from the feed (not asked for: asking may read before the notice arrives).
      await expect.poll(() => other.versions().get('summit')).toBe(version);
      const patched = (await other.get('summit'))!;
      expect(other.patchedFromNotices - before).toBe(dialect === 'postgres' ? 2 : 0);
      expect(decideRoute(patched, { to: asE164('+18588675401') }).kind).toBe('workflow');
      expect(patched.exclusionOf(asE164('+16195550188'))).toBe('number');
      const whole = await loadedWhole();
      expect(view(patched, probesOf([patched, whole]))).toEqual(view(whole, probesOf([patched, whole])));
    } finally {
      other.close();
    }
  });

  it('C13 a node that missed several changes catches up with one patch; when their records are pruned it loads the network whole', async () => {
    const lagging = new SnapshotCache(store);
    await lagging.get('summit');
    lagging.close(); // hears of nothing more
    await run(switchContinuity, { tenantId: 'harbor-roofing', enabled: true });
    await run(addExclusionEntry, { entry: '858' });
    await run(removeExclusionEntry, { value: '858' });
    const version = (await snapshots.get('summit'))!.version;
    const caughtUp = (await lagging.atLeast('summit', version))!;
    expect(lagging.counts).toEqual({ fullLoads: 1, patches: 1 });
    const whole = await loadedWhole();
    expect(view(caughtUp, probesOf([caughtUp, whole]))).toEqual(view(whole, probesOf([caughtUp, whole])));
    expect(caughtUp.exclusionOf(asE164('+18585550100'))).toBeUndefined();

    const pruned = new SnapshotCache(store);
    await pruned.get('summit');
    pruned.close();
    await run(switchContinuity, { tenantId: 'harbor-roofing', enabled: false });
    await store.db.deleteFrom('network_changes').execute();
    const reloaded = (await pruned.atLeast('summit', version + 1))!;
    expect(pruned.counts).toEqual({ fullLoads: 2, patches: 0 });
    expect(reloaded.tenant('harbor-roofing')!.continuity.enabled).toBe(false);
  });

  it('C13 after any sequence of commands, the patched snapshot decides every call as the network loaded whole does (property)', async () => {
    const loads = snapshots.counts.fullLoads;
    await fc.assert(
      fc.asyncProperty(fc.array(STEP, { minLength: 1, maxLength: 10 }), async (steps) => {
        const lagging = new SnapshotCache(store);
        await lagging.get('summit');
        lagging.close();
        for (const step of steps) {
          await applyOrRefuse(step);
          const patched = (await snapshots.get('summit'))!;
          const whole = await loadedWhole();
          const probes = probesOf([patched, whole]);
          expect(view(patched, probes)).toEqual(view(whole, probes));
        }
        const whole = await loadedWhole();
        const caughtUp = (await lagging.atLeast('summit', whole.version))!;
        const probes = probesOf([caughtUp, whole]);
        expect(view(caughtUp, probes)).toEqual(view(whole, probes));
        expect(lagging.counts.fullLoads).toBe(1);
      }),
      { numRuns: dialect === 'sqlite' ? 60 : 25 },
    );
    // Every change of every sequence was patched in: none needed the network loaded whole.
    expect(snapshots.counts.fullLoads).toBe(loads);
  }, 240_000);
  it('C13 a change record that cannot be read is not patched: the network is loaded whole, in a transaction of its own', async () => {
    const lagging = new SnapshotCache(store);
    await lagging.get('summit');
    lagging.close();
    // A number no other test of this file adds (they share one database, in order).
    await run(addExclusionEntry, { entry: '+1 858 555 0144' });
    const version = (await snapshots.get('summit'))!.version;
    await store.db
      .updateTable('network_changes')
      .set({ touched: 'not json' })
      .where('network_id', '=', 'summit')
      .where('version', '=', version)
      .execute();
    const caughtUp = (await lagging.atLeast('summit', version))!;
    expect(lagging.counts).toEqual({ fullLoads: 2, patches: 0 });
    expect(caughtUp.version).toBe(version);
    expect(caughtUp.exclusionOf(asE164('+18585550144'))).toBe('number');
  });

  it('C10 Turn On For All in a network of 250 tenants: the change is announced (on PostgreSQL as "every tenant", past the 8,000 bytes a NOTIFY may carry) and every node holds it', async () => {
    for (let i = 0; i < 250; i++) await run(createTenant, { name: `Bulk Tenant ${String(i).padStart(3, '0')}` });
    const heard: Change[] = [];
    const stop = store.feed.subscribe((change) => heard.push(change));
    const other = new SnapshotCache(store); // another node, following the feed
    await other.get('summit');
    try {
      const { switched } = (await run(turnOnForAll, { includeTenantIds: [] })) as SwitchAllResult;
      expect(switched.length).toBeGreaterThanOrEqual(250);
      const version = (await snapshots.get('summit'))!.version;
      const seen = (await other.atLeast('summit', version))!;
      expect(seen.tenants.filter((t) => t.name.startsWith('Bulk Tenant')).every((t) => t.continuity.enabled)).toBe(true);
      await expect.poll(() => heard.find((change) => change.version === version)).toBeDefined();
      const notice = heard.find((change) => change.version === version)!;
      if (dialect === 'postgres') expect(notice).toMatchObject({ tenantIds: [], allTenants: true });
      else expect(notice.tenantIds).toHaveLength(switched.length);
    } finally {
      stop();
      other.close();
      await run(turnOffForAll, {});
    }
  }, 60_000);
});
