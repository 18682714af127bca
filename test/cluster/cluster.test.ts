/**
 * A deployment as an operator runs it (issue 13): three Switchboard nodes on one PostgreSQL server
 * of the test's own (so that it can be stopped), one Kamailio and rtpengine, sipp calling and
 * answering. Real processes throughout; run on their own (`npm run test:cluster`), after the SIP tests.
 */
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PostgresServer } from '../../scripts/lib/postgres-server.js';
import { wavSamples } from '../../src/edges/sip/recording/call-audio.js';
import { Answerer, call, callLoad, callWithAudio, PORTS, PROBE_PORTS, Switchboard, Telephony, waitFor } from '../sip/sip-harness.js';
import { tonePcap, tonesIn } from '../sip/tones.js';

const POSTGRES_PORT = 15442;
const NODE_PORTS = [18081, 18082, 18083] as const;
const SUNRISE_MAIN = '+16198675301';
const SWITCH = '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch';
/**
 * Every node: B10, the recording deletion job tried every 2 s (the one holding its lock runs it);
 * B3, one secret key (webhook secrets are sealed with it) and webhooks to the test's receiver on loopback.
 */
const NODE_ENV = {
  SWITCHBOARD_RETENTION_INTERVAL: '2',
  SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('hex'),
  SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: 'true',
};
/** The chaos test's callers with audio (the steady load's calls carry none: their recordings are empty). */
const AUDIO_CALLER = '+14158672201';

interface TestCall {
  plan: { route: { kind: string } };
  network: { version: number };
}
interface LoggedCall {
  reasons?: { rule: string; text: string }[];
  id: string;
  startedAt: string;
  from: string;
  to: string;
  route: { kind: string; reasons?: { rule: string; text: string }[] };
}

describe('several nodes on PostgreSQL (issue 13): three nodes, one PostgreSQL, Kamailio and rtpengine', () => {
  let telephony: Telephony;
  let postgres: PostgresServer;
  let nodes: Switchboard[] = [];
  let queue: Answerer;
  let voiceAgent: Answerer;
  let numbers: Answerer;

  beforeAll(async () => {
    postgres = new PostgresServer(mkdtempSync(join(tmpdir(), 'sb-pg-')), POSTGRES_PORT);
    postgres.start();
    const databaseUrl = await postgres.database('switchboard');
    // Kamailio keeps the events no node can take in the nodes' database.
    telephony = new Telephony({ eventsDb: databaseUrl });
    telephony.up();
    queue = new Answerer(telephony.dir, PORTS.queue, 'emp-ana');
    voiceAgent = new Answerer(telephony.dir, PORTS.voiceAgent);
    numbers = new Answerer(telephony.dir, PORTS.number);
    const first = new Switchboard(telephony, {
      databaseUrl,
      dataDir: join(telephony.dir, 'node-1'),
      port: NODE_PORTS[0],
      probePort: PROBE_PORTS[0],
      env: NODE_ENV,
    });
    await first.start();
    nodes = [first];
    for (const [i, port] of NODE_PORTS.slice(1).entries()) {
      const node = new Switchboard(telephony, {
        databaseUrl,
        dataDir: join(telephony.dir, `node-${i + 2}`),
        port,
        probePort: PROBE_PORTS[i + 1],
        demo: false,
        logins: first.logins,
        env: NODE_ENV,
      });
      await node.start();
      nodes.push(node);
    }
  }, 180_000);

  afterAll(async () => {
    for (const node of nodes) await node.stop();
    for (const answerer of [queue, voiceAgent, numbers]) await answerer?.stop();
    postgres?.remove();
    telephony?.down();
  });

  /** When a check fails: what each node and Kamailio logged about these calls (the test's output). */
  const explain = (callIds: readonly string[]) => {
    const about = (log: string) =>
      log
        .split('\n')
        .filter((line) => callIds.some((id) => line.includes(id)))
        .join('\n');
    for (const [i, node] of nodes.entries()) console.log(`node ${i + 1} on ${callIds.join(', ')}:\n${about(node.output)}`);
    console.log(`Kamailio on ${callIds.join(', ')}:\n${about(telephony.kamailioLog())}`);
  };
  const testCall = (node: Switchboard) =>
    node.api<TestCall>('POST', '/api/networks/summit/test-call', {
      call: { direction: 'inbound', from: '+14158672200', to: SUNRISE_MAIN },
    });
  const loggedCalls = async (through = nodes[0]!) =>
    (await through.api<{ calls: LoggedCall[] }>('GET', '/api/networks/summit/calls?limit=500')).body.calls;
  const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const metrics = async (node: Switchboard) => (await fetch(`${node.url}/metrics`)).text();
  /** Route decisions a node has made, of every kind. */
  const routeDecisions = (text: string) =>
    [...text.matchAll(/^switchboard_route_decisions_total\{[^}]*\} (\S+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  /** Kamailio's log lines of calls it routed by itself, with their reasons. */
  const failsafeLines = () => telephony.kamailioLog().match(/failsafe: call \S+ to \S+ routed to \S+ because \w+/g) ?? [];

  it('I1 any node serves anything: a session signed in through one node is honoured by every other, which answers the same', async () => {
    const session = nodes[0]!.session;
    const answers = await Promise.all(
      nodes.map((node) => node.with<{ tenants: { id: string }[] }>(session, 'GET', '/api/networks/summit/tenants')),
    );
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.body).toEqual(answers[0]!.body);
    // A write (with its CSRF token) through a node that never saw the sign-in.
    const written = await nodes[2]!.with(session, 'POST', SWITCH, { enabled: false });
    expect(written.status).toBe(200);
  });

  it('C13 across nodes: a switch made through one node is obeyed by the very next call decided by each other node', async () => {
    for (let i = 0; i < 12; i++) {
      const writer = i % nodes.length;
      const enabled = i % 2 === 0;
      const switched = await nodes[writer]!.api<{ version: number }>('POST', SWITCH, { enabled });
      expect(switched.status).toBe(200);
      // No wait: the answer came after every node held the change.
      const decided = await Promise.all(nodes.filter((_, j) => j !== writer).map(testCall));
      for (const answer of decided)
        expect(answer.body.plan.route.kind, `change ${i} through node ${writer + 1}`).toBe(enabled ? 'continuity' : 'workflow');
    }
    // And a real call, decided by whichever node Kamailio asks, goes where the last change says.
    expect((await nodes[1]!.api('POST', SWITCH, { enabled: true })).status).toBe(200);
    const before = voiceAgent.invites().length;
    expect(call(SUNRISE_MAIN).code).toBe(0);
    expect(voiceAgent.invites()).toHaveLength(before + 1);
    expect((await nodes[0]!.api('POST', SWITCH, { enabled: false })).status).toBe(200);
    const toQueue = queue.invites().length;
    expect(call(SUNRISE_MAIN).code).toBe(0);
    expect(queue.invites()).toHaveLength(toQueue + 1);
  });

  it('item 7: every node serves /metrics (Prometheus text) with the same snapshot version, its route decisions and that it is serving calls', async () => {
    const texts = await Promise.all(nodes.map(metrics));
    const versions = texts.map((text) => metric(text, 'switchboard_snapshot_version\\{network="summit"\\}'));
    expect(versions[0]).toBeGreaterThan(1);
    expect(new Set(versions).size).toBe(1);
    for (const text of texts) {
      expect(metric(text, 'switchboard_serving_calls')).toBe(1);
      expect(metric(text, 'switchboard_database_up')).toBe(1);
    }
    // The calls of the test before were decided by the nodes Kamailio's dispatcher gave them to.
    const decided = texts.map((text) => metric(text, 'switchboard_route_decisions_total\\{kind="workflow"\\}') || 0);
    expect(Math.max(...decided)).toBeGreaterThanOrEqual(1);
  });

  it('item 2: every node takes calls (active-active): Kamailio spreads route requests over the three by Call-ID, none through the failsafe', async () => {
    await waitFor(async () => (telephony.dispatcherActive().length === 3 ? true : undefined), 'three nodes active in the dispatcher');
    const decided = async () => Promise.all(nodes.map(async (node) => routeDecisions(await metrics(node))));
    const before = await decided();
    const failsafeBefore = failsafeLines().length;
    const load = await callLoad(SUNRISE_MAIN, 10, 60);
    expect(load.code, load.output.slice(-2000)).toBe(0);
    const share = (await decided()).map((count, i) => count - before[i]!);
    expect(share.reduce((sum, count) => sum + count, 0)).toBe(60);
    // A hash of 60 Call-IDs over three nodes: each gets some (none to one of them: about 1 in 10^10 by chance).
    for (const [i, count] of share.entries()) expect(count, `node ${i + 1}'s share of ${JSON.stringify(share)}`).toBeGreaterThan(0);
    expect(failsafeLines().length).toBe(failsafeBefore);
  });

  it('items 1 and 2: the node following a recorded call is killed (-9) mid-call; another takes the calls in Kamailio and adopts it: the payment screen opened through one node before the crash paused it, closed through another after it resumes it, the call is logged once and its WAV matches its plan', async () => {
    const pcap = join(telephony.dir, 'tones-cluster.pcap');
    writeFileSync(pcap, tonePcap(18));
    const password = nodes[0]!.demoPassword('agent@summit.example');
    const consoles = await Promise.all(nodes.map((node) => node.as('agent@summit.example', password)));
    type Live = { calls: { callId: string; answeredBy: string | null; plan: { moments: { event: string; recording: string }[] } }[] };
    interface Recording {
      id: string;
      callLogId: string;
      sipCallId: string;
      segments: { start: number; end: number | null }[];
    }
    const before = await loggedCalls();
    const calling = callWithAudio(telephony.dir, pcap, SUNRISE_MAIN, '+14158672200', 14_000);
    // Every node's console shows the call once it is answered, whichever node follows it.
    const live = await waitFor(
      async () =>
        (await consoles[1]!<Live>('GET', '/api/networks/summit/live-calls')).body.calls.find((c) =>
          c.plan.moments.some((m) => m.event === 'answered'),
        ),
      'the answered call on a console',
      15_000,
    );
    const answeredAt = Date.now();
    for (const agent of consoles)
      expect((await agent<Live>('GET', '/api/networks/summit/live-calls')).body.calls.map((c) => c.callId)).toContain(live.callId);
    const following = await Promise.all(nodes.map(async (node) => metric(await metrics(node), 'switchboard_live_calls')));
    const owner = following.indexOf(1);
    expect(owner).toBeGreaterThanOrEqual(0);
    const [first, second] = [0, 1, 2].filter((i) => i !== owner) as [number, number];
    const path = `/api/networks/summit/live-calls/${encodeURIComponent(live.callId)}/events`;
    const at = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - (Date.now() - answeredAt))));
    await at(3500);
    // Through a node that does not follow the call: the node that does pauses it.
    const opened = await consoles[first]!<{ plan: { moments: { recording: string }[] } }>('POST', path, { type: 'payment_opened' });
    expect(opened.status).toBe(200);
    expect(opened.body.plan.moments.at(-1)?.recording).toBe('paused');
    await at(4500);
    await nodes[owner]!.kill();
    // The killed node comes back for the tests after this one, once this one is done.
    onTestFinished(() => nodes[owner]!.start());
    await at(9000);
    // Its node is gone: the node asked adopts the call and resumes its recording in rtpengine.
    const closed = await consoles[second]!<{ plan: { moments: { recording: string }[] } }>('POST', path, { type: 'payment_closed' });
    expect(closed.status).toBe(200);
    expect(closed.body.plan.moments.at(-1)?.recording).toBe('on');
    const done = await calling;
    expect(done.code, done.output.slice(-2000)).toBe(0);

    const recordings = async () =>
      (await nodes[first]!.api<{ recordings: Recording[] }>('GET', '/api/networks/summit/recordings')).body.recordings;
    const recording = await waitFor(async () => (await recordings()).find((r) => r.sipCallId === live.callId), 'the recording', 20_000);
    const audio = await fetch(`${nodes[first]!.url}/api/networks/summit/recordings/${recording.id}/audio`, {
      headers: { cookie: nodes[first]!.session.cookie },
    });
    expect(audio.status).toBe(200);
    const samples = wavSamples(Buffer.from(await audio.arrayBuffer()));
    const tones = tonesIn(samples, 18);
    for (const second of [0, 1, 2, 10, 11]) expect(tones, `second ${second} recorded`).toContain(second);
    for (const second of [5, 6, 7]) expect(tones, `second ${second} paused`).not.toContain(second);
    expect(recording.segments).toHaveLength(2);
    const planned = recording.segments.reduce((sum, s) => sum + (s.end! - s.start), 0) * 1000;
    expect(Math.abs(samples.length / 8 - planned)).toBeLessThan(100);
    // Logged once, by the node that saw it end.
    const logged = (await loggedCalls(nodes[first])).filter((entry) => !before.some((old) => old.id === entry.id));
    expect(logged.filter((entry) => entry.id === recording.callLogId)).toHaveLength(1);
    expect(logged).toHaveLength(1);
  }, 90_000);

  it('item 4: PostgreSQL stopped for 30 s under call load: no call fails or falls to the failsafe, writes answer 503 database_unavailable, every call is logged once when it is back, and the nodes catch up', async () => {
    const before = await loggedCalls();
    const failsafeBefore = (telephony.kamailioLog().match(/failsafe: call/g) ?? []).length;
    // 5 calls a second for 44 s (1 s each); PostgreSQL goes away 3 s in, for 30 s.
    const load = callLoad(SUNRISE_MAIN, 5, 220, 90);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    postgres.stop('fast');
    const stoppedAt = Date.now();
    try {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      // A write through any node: refused, saying why; nothing is changed.
      for (const node of nodes) {
        const refused = await node.api<{ error: { code: string; message: string } }>('POST', SWITCH, { enabled: true });
        expect(refused.status).toBe(503);
        expect(refused.body.error.code).toBe('database_unavailable');
        expect(refused.body.error.message).toContain('database cannot be reached');
      }
      // Up, and still serving calls from its snapshot.
      const health = await fetch(`${nodes[1]!.url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ live: true, databaseUp: false, servingCalls: true });
      expect((await fetch(`${nodes[1]!.url}/api/health/calls`)).status).toBe(200);
      const waiting = metric(await metrics(nodes[0]!), 'switchboard_call_log_backlog');
      const waitingElsewhere = await Promise.all(
        nodes.slice(1).map(async (node) => metric(await metrics(node), 'switchboard_call_log_backlog')),
      );
      expect(waiting + waitingElsewhere.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30_000 - (Date.now() - stoppedAt))));
      postgres.start();
    }
    const traffic = await load;
    expect(traffic.code, traffic.output.slice(-2000)).toBe(0);
    // Every call was routed by Switchboard, from its snapshot: none by the failsafe.
    expect((telephony.kamailioLog().match(/failsafe: call/g) ?? []).length).toBe(failsafeBefore);
    // Every call is in the log exactly once, those of the outage included.
    const after = await waitFor(
      async () => {
        const all = await loggedCalls().catch(() => []);
        return all.length >= before.length + 220 ? all : undefined;
      },
      'the calls made during the outage in the call log',
      30_000,
    );
    const fresh = after.filter((entry) => !before.some((old) => old.id === entry.id));
    expect(fresh).toHaveLength(220);
    expect(new Set(fresh.map((entry) => entry.id)).size).toBe(220);
    expect(fresh.every((entry) => entry.to === SUNRISE_MAIN && entry.route.kind === 'workflow')).toBe(true);
    // The nodes caught up on their own: a change through one is obeyed by the others at once.
    const switched = await waitFor(
      async () => {
        const answer = await nodes[2]!.api('POST', SWITCH, { enabled: true });
        return answer.status === 200 ? answer : undefined;
      },
      'a write after the outage',
      15_000,
    );
    expect(switched.status).toBe(200);
    for (const node of nodes.slice(0, 2)) expect((await testCall(node)).body.plan.route.kind).toBe('continuity');
    expect((await nodes[0]!.api('POST', SWITCH, { enabled: false })).status).toBe(200);
  }, 150_000);

  it("item 2: a call whose node died with its end's event (evapi has no receipts) is ended by one node once rtpengine no longer has it, and logged once", async () => {
    const before = await loggedCalls();
    const db = new pg.Client({ connectionString: postgres.url('switchboard') });
    await db.connect();
    try {
      const callId = `orphan-${Date.now()}@127.0.0.1`;
      const startedAt = Date.now() - 60_000;
      const route = {
        kind: 'workflow',
        tenantId: 'sunrise-plumbing',
        trackingNumberId: 'tn-sunrise-main',
        target: { kind: 'queue', queueId: 'q-service' },
        continuityFallback: false,
        reasons: [],
      };
      const state = {
        callId,
        networkId: 'summit',
        from: '+14158672200',
        to: SUNRISE_MAIN,
        route,
        startedAt,
        decided: true,
        source: 'sip',
        events: [],
        mediaUp: false,
        answeredBy: null,
      };
      const view = {
        callId,
        networkId: 'summit',
        tenantId: 'sunrise-plumbing',
        from: '+14158672200',
        to: SUNRISE_MAIN,
        startedAt: new Date(startedAt).toISOString(),
        answeredBy: null,
        plan: {},
      };
      // Its node is no node of the deployment now, and nothing happened to the call for a minute.
      await db.query(
        `insert into live_calls (source, call_id, network_id, node_id, state, view, updated_at) values ('sip', $1, 'summit', 'a-node-that-died', $2, $3, $4)`,
        [callId, JSON.stringify(state), JSON.stringify(view), Date.now() - 60_000],
      );
      const logged = await waitFor(
        async () => {
          const fresh = (await loggedCalls()).filter((entry) => !before.some((old) => old.id === entry.id));
          return fresh.length > 0 ? fresh : undefined;
        },
        'the orphaned call in the call log',
        20_000,
      );
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ to: SUNRISE_MAIN, route: { kind: 'workflow' } });
      expect((await db.query('select 1 from live_calls where call_id = $1', [callId])).rowCount).toBe(0);
    } finally {
      await db.end();
    }
  });

  /** The node holding a job's advisory lock: its database connection, found by its port among the nodes' sockets. */
  const lockHolder = async (job: string): Promise<number> => {
    const db = new pg.Client({ connectionString: postgres.url('switchboard') });
    await db.connect();
    try {
      const held = await waitFor(
        async () =>
          (
            await db.query<{ client_port: number }>(
              `select a.client_port from pg_locks l join pg_stat_activity a on a.pid = l.pid
               where l.locktype = 'advisory' and l.granted and ((l.classid::bigint << 32) | l.objid::bigint) = hashtext($1)::bigint`,
              [job],
            )
          ).rows[0]?.client_port,
        `a node holding ${job}`,
        15_000,
      );
      const sockets = spawnSync('ss', ['-tnpH'], { encoding: 'utf8' });
      expect(sockets.status, 'ss (iproute2) lists the sockets').toBe(0);
      const line = sockets.stdout.split('\n').find((l) => new RegExp(`:${held}\\s+\\S+:${POSTGRES_PORT}\\s`).test(l));
      const pid = Number(/pid=(\d+)/.exec(line ?? '')?.[1]);
      const holder = nodes.findIndex((node) => node.pid === pid);
      expect(holder, `the lock's connection (port ${held}, ${line}) belongs to a node`).toBeGreaterThanOrEqual(0);
      return holder;
    } finally {
      await db.end();
    }
  };

  it('B1 a schedule due while the node running schedules is killed (-9) runs exactly once, on another node', async () => {
    expect((await nodes[0]!.api('POST', SWITCH, { enabled: false })).status).toBe(200);
    const startedAt = new Date().toISOString();
    const runAt = new Date(Date.now() + 8_000).toISOString();
    const made = await nodes[0]!.api<{ schedules: { id: string }[] }>('POST', '/api/networks/summit/continuity/schedules', {
      tenantId: 'sunrise-plumbing',
      onAt: runAt,
    });
    expect(made.status).toBe(201);
    const holder = await lockHolder('switchboard:continuity-schedules');
    await nodes[holder]!.kill();
    onTestFinished(() => nodes[holder]!.start());
    const other = nodes[(holder + 1) % nodes.length]!;
    await waitFor(
      async () =>
        (await other.api<{ continuity: { enabled: boolean } }>('GET', '/api/networks/summit/tenants/sunrise-plumbing')).body.continuity
          .enabled || undefined,
      'the scheduled switch, made by another node',
      30_000,
    );
    // Exactly once: one audited switch from the schedule, and nothing left pending.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const audit = await other.api<{ entries: { at: string; source: string; after: { scheduledFor?: string } }[] }>(
      'GET',
      `/api/networks/summit/audit?action=continuity.switch_on&source=schedule&from=${encodeURIComponent(startedAt)}`,
    );
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]!.after.scheduledFor).toBe(runAt);
    expect((await other.api<{ schedules: unknown[] }>('GET', '/api/networks/summit/continuity/schedules')).body.schedules).toEqual([]);
    expect((await other.api('POST', SWITCH, { enabled: false })).status).toBe(200);
  });

  it('B10 the recording deletion job runs on one node at a time: killed (-9) mid-run, another resumes it, and every expired recording is deleted once (file and row) and audited once; held ones stay', async () => {
    const EXPIRED = 3000;
    const HELD_CALLER = '+12145550777';
    const folder = join(telephony.dir, 'retention-recordings');
    mkdirSync(folder, { recursive: true });
    const db = new pg.Client({ connectionString: postgres.url('switchboard') });
    await db.connect();
    try {
      const files = Array.from({ length: EXPIRED + 3 }, (_, i) => join(folder, `ret-${i}.wav`));
      for (const file of files) writeFileSync(file, 'RIFF', { mode: 0o600 });
      // Three days old, Sunrise Plumbing's queue recordings; the last three from a caller under a legal hold.
      await db.query(
        `insert into recordings (id, network_id, call_log_id, tenant_id, sip_call_id, file, duration_ms, segments, created_at, kind, caller)
         select 'ret-' || i, 'summit', 'ret-call-' || i, 'sunrise-plumbing', 'ret-' || i || '@sip', $1 || '/ret-' || i || '.wav', 1000,
                '[{"start":0,"end":1}]', $2, 'queue', case when i >= $3 then $4 else '+12145550100' end
         from generate_series(0, $3 + 2) as i`,
        [folder, new Date(Date.now() - 3 * 86_400_000).toISOString(), EXPIRED, HELD_CALLER],
      );
      const hold = await nodes[0]!.api<{ id: string }>('POST', '/api/networks/summit/legal-holds', {
        kind: 'caller',
        value: HELD_CALLER,
        reason: 'litigation 2026-114',
      });
      expect(hold.status, JSON.stringify(hold.body)).toBe(201);
      const holder = await lockHolder('switchboard:recording-retention');
      const deletedCount = async () =>
        Number(
          (
            await db.query<{ n: string }>(
              `select count(*) as n from audit_log where action = 'recording.deleted' and resource_id like 'ret-%'`,
            )
          ).rows[0]!.n,
        );
      const tenant = '/api/networks/summit/tenants/sunrise-plumbing';
      const version = (await nodes[0]!.api<{ versions: { coreRecording: number } }>('GET', tenant)).body.versions.coreRecording;
      const keep = (through: Switchboard, queue: number | null, at: number) =>
        through.api(
          'PUT',
          `${tenant}/recording-retention`,
          { queue, individual: null, voice_agent: null, continuity: null },
          { 'if-match': `"v${at}"` },
        );
      expect((await keep(nodes[0]!, 1, version)).status).toBe(200);
      // The holder's next run starts deleting; it is killed once a hundred are done.
      await waitFor(async () => ((await deletedCount()) >= 100 ? true : undefined), 'the first deletions', 30_000);
      await nodes[holder]!.kill();
      onTestFinished(() => nodes[holder]!.start());
      const killedAt = await deletedCount();
      expect(killedAt, 'killed mid-run').toBeLessThan(EXPIRED);
      await waitFor(
        async () =>
          Number((await db.query<{ n: string }>(`select count(*) as n from recordings where id like 'ret-%'`)).rows[0]!.n) === 3 ||
          undefined,
        'the rest deleted by another node',
        60_000,
      );
      // Deleted once, audited once: as many entries as recordings, none twice.
      const audited = await db.query<{ resource_id: string; n: string }>(
        `select resource_id, count(*) as n from audit_log where action = 'recording.deleted' and resource_id like 'ret-%' group by resource_id`,
      );
      expect(audited.rows).toHaveLength(EXPIRED);
      expect(audited.rows.filter((row) => row.n !== '1')).toEqual([]);
      expect(files.slice(0, EXPIRED).filter((file) => existsSync(file))).toEqual([]);
      // Held: the rows and their files stay.
      const heldRows = await db.query<{ id: string }>(`select id from recordings where id like 'ret-%' order by id`);
      expect(heldRows.rows.map((row) => row.id)).toEqual([EXPIRED, EXPIRED + 1, EXPIRED + 2].map((i) => `ret-${i}`).sort());
      expect(files.slice(EXPIRED).every((file) => existsSync(file))).toBe(true);
      const other = nodes[(holder + 1) % nodes.length]!;
      const lifted = await other.api('POST', `/api/networks/summit/legal-holds/${hold.body.id}/lift`, {
        reason: 'case closed',
      });
      expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
      const now = (await other.api<{ versions: { coreRecording: number } }>('GET', tenant)).body.versions.coreRecording;
      expect((await keep(other, null, now)).status).toBe(200);
    } finally {
      await db.end();
    }
  });

  it('B3 webhooks are delivered by one node at a time: the deliverer killed (-9) mid-stream, another goes on; the receiver gets every change, in order, each signed, none lost', async () => {
    expect((await nodes[0]!.api('POST', SWITCH, { enabled: false })).status).toBe(200);
    const received: { id: string; timestamp: string; signature: string; body: string }[] = [];
    // A receiver that takes its time (150 ms an event), so that the stream is still going when its deliverer dies.
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () =>
        setTimeout(() => {
          received.push({
            id: String(request.headers['webhook-id']),
            timestamp: String(request.headers['webhook-timestamp']),
            signature: String(request.headers['webhook-signature']),
            body,
          });
          response.writeHead(204).end();
        }, 150),
      );
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => void receiver.close());
    const made = await nodes[1]!.api<{ webhook: { id: string }; secret: string }>('POST', '/api/networks/summit/webhooks', {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`,
      eventTypes: ['continuity.changed'],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const { secret } = made.body;
    const startedAt = new Date().toISOString();
    const holder = await lockHolder('switchboard:webhooks');
    for (let i = 0; i < 12; i++) {
      const through = nodes[(holder + 1 + (i % 2)) % nodes.length]!;
      expect((await through.api('POST', SWITCH, { enabled: i % 2 === 0 })).status).toBe(200);
    }
    await waitFor(async () => (received.length >= 3 ? true : undefined), 'the first deliveries', 20_000);
    await nodes[holder]!.kill();
    expect(new Set(received.map((m) => m.id)).size, 'killed mid-stream').toBeLessThan(12);
    onTestFinished(() => nodes[holder]!.start());
    const db = new pg.Client({ connectionString: postgres.url('switchboard') });
    await db.connect();
    try {
      const audited = (
        await db.query<{ id: string }>(
          `select id from audit_log where action in ('continuity.switch_on', 'continuity.switch_off') and at >= $1 order by id`,
          [startedAt],
        )
      ).rows.map((row) => row.id);
      expect(audited).toHaveLength(12);
      const auditIdOf = (message: { body: string }) => (JSON.parse(message.body) as { data: { auditId: string } }).data.auditId;
      await waitFor(
        async () => (audited.every((id) => received.some((m) => auditIdOf(m) === id)) ? true : undefined),
        'every change delivered, by another node',
        30_000,
      );
      // In order: each change first arrives after the one before it; at least once: the one in flight
      // when its deliverer died may come again, with the same webhook-id.
      const firsts = received.filter((m, i) => received.findIndex((n) => n.id === m.id) === i);
      expect(firsts.map(auditIdOf).filter((id) => audited.includes(id))).toEqual(audited);
      expect(received.length - firsts.length).toBeLessThanOrEqual(1);
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      for (const m of received)
        expect(m.signature.split(' ')).toContain(
          `v1,${createHmac('sha256', key).update(`${m.id}.${m.timestamp}.${m.body}`).digest('base64')}`,
        );
    } finally {
      await db.end();
    }
    const other = nodes[(holder + 1) % nodes.length]!;
    expect((await other.api('DELETE', `/api/networks/summit/webhooks/${made.body.webhook.id}`)).status).toBe(204);
    expect((await other.api('POST', SWITCH, { enabled: false })).status).toBe(200);
  });

  it('chaos: calls at a steady rate for 2 minutes while a random node is killed (-9) every 15 s and restarted, changes made through random nodes all along: no call fails, every acknowledged change is there once with its audit entry, every call is logged once, every recording matches its plan', async () => {
    const startedAt = new Date().toISOString();
    const before = await loggedCalls();
    const switchedAtStart = (await testCall(nodes[0]!)).body.plan.route.kind === 'continuity';
    const DURATION_MS = 120_000;
    const end = Date.now() + DURATION_MS;
    // 4 calls a second for 100 s (1 s each; the call log's newest 500 hold them all), and recorded
    // calls with audio one after another for the 2 minutes.
    const load = callLoad(SUNRISE_MAIN, 4, 400, 240);
    const pcap = join(telephony.dir, 'tones-chaos.pcap');
    writeFileSync(pcap, tonePcap(8));
    const audioCalls: Promise<{ code: number | null; output: string }>[] = [];
    const audio = (async () => {
      while (Date.now() < end - 8000) {
        const made = callWithAudio(telephony.dir, pcap, SUNRISE_MAIN, AUDIO_CALLER, 5000);
        audioCalls.push(made);
        await made;
      }
    })();
    // A random node killed every 15 s (at 15, 30 … 105 s), back 3 s later.
    const kills: number[] = [];
    const killer = (async () => {
      const began = Date.now();
      for (let k = 1; k <= 7; k++) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, k * 15_000 - (Date.now() - began))));
        const victim = Math.floor(Math.random() * nodes.length);
        kills.push(victim);
        await nodes[victim]!.kill();
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await nodes[victim]!.start();
      }
    })();
    // Changes through random nodes the whole time: continuity switched, numbers excluded.
    const acknowledged: string[] = [];
    let lastSwitch: boolean | null = null;
    /** Every switch asked for: when, to what, and whether it was acknowledged (a node killed under it may or may not have made it). */
    const switches: { sentAt: number; answeredAt: number; enabled: boolean; acknowledged: boolean }[] = [];
    const writer = (async () => {
      for (let i = 0; Date.now() < end; i++) {
        const node = nodes[Math.floor(Math.random() * nodes.length)]!;
        try {
          if (i % 2 === 0) {
            const enabled = i % 4 === 0;
            const sentAt = Date.now();
            const answer = await node.api('POST', SWITCH, { enabled }).catch(() => ({ status: 0 }));
            switches.push({ sentAt, answeredAt: Date.now(), enabled, acknowledged: answer.status === 200 });
            if (answer.status === 200) lastSwitch = enabled;
          } else {
            const entry = `+1619555${String(1000 + i).slice(-4)}`;
            const answer = await node.api('POST', '/api/networks/summit/exclusions', { entry });
            if (answer.status === 201) acknowledged.push(entry);
          }
        } catch {
          // the node was killed under the request: not acknowledged
        }
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    })();
    await Promise.all([killer, writer, audio]);
    const traffic = await load;
    expect(traffic.code, traffic.output.slice(-2000)).toBe(0);
    for (const made of audioCalls) expect((await made).code).toBe(0);
    expect(kills).toHaveLength(7);
    const alive = nodes[0]!;

    // Every acknowledged change is there, once, with its audit entry.
    expect(acknowledged.length).toBeGreaterThan(50);
    const listed = (
      await alive.api<{ entries: { value: string }[] }>('GET', '/api/networks/summit/exclusions?limit=1000')
    ).body.entries.map((e) => e.value);
    for (const entry of acknowledged)
      expect(
        listed.filter((value) => value === entry),
        entry,
      ).toHaveLength(1);
    type Audit = { entries: { action: string; resourceId: string | null }[]; nextCursor: string | null };
    const audited: string[] = [];
    for (let cursor: string | null = null; ;) {
      const page: { body: Audit } = await alive.api<Audit>(
        'GET',
        `/api/networks/summit/audit?action=exclusions.add&from=${encodeURIComponent(startedAt)}&limit=500${cursor === null ? '' : `&before=${cursor}`}`,
      );
      audited.push(...page.body.entries.map((e) => e.resourceId!));
      cursor = page.body.nextCursor;
      if (cursor === null) break;
    }
    for (const entry of acknowledged)
      expect(
        audited.filter((value) => value === entry),
        `audit of ${entry}`,
      ).toHaveLength(1);
    // The switch is where the last acknowledged change left it, on every node.
    for (const node of nodes) expect((await testCall(node)).body.plan.route.kind).toBe(lastSwitch === true ? 'continuity' : 'workflow');

    // Every call is in the call log exactly once (those the failsafe routed while no node was connected included).
    const made = 400 + audioCalls.length;
    const fresh = async () => (await loggedCalls(alive)).filter((entry) => !before.some((old) => old.id === entry.id));
    const logged = await waitFor(
      async () => {
        const all = await fresh();
        return all.length >= made ? all : undefined;
      },
      'every call of the chaos in the call log',
      30_000,
    ).catch(async () => {
      // Which calls were left unended, and what the nodes and Kamailio said of them.
      const db = new pg.Client({ connectionString: postgres.url('switchboard') });
      await db.connect();
      const left = (await db.query<{ call_id: string; node_id: string }>('select call_id, node_id from live_calls')).rows;
      await db.end();
      console.log(`logged ${(await fresh()).length} of ${made}; calls left in live_calls: ${JSON.stringify(left)}`);
      explain(left.map((row) => row.call_id));
      return fresh();
    });
    expect(logged).toHaveLength(made);
    expect(logged.every((entry) => entry.to === SUNRISE_MAIN)).toBe(true);

    // Every call went where the snapshot said at its moment: the continuity destination while the
    // switch was on, the workflow while off. Excepted: calls decided while a switch was in flight
    // (either answer is right), calls after a switch that was not acknowledged until the next one
    // that was, and calls Kamailio routed by itself within a second of a switch (its table follows).
    const expectedAt = (t: number, failsafe: boolean): string | null => {
      let on: boolean | null = switchedAtStart;
      for (const change of switches) {
        if (change.sentAt > t) break;
        if (t <= change.answeredAt + (failsafe ? 1000 : 0)) return null;
        on = change.acknowledged ? change.enabled : null;
      }
      return on === null ? null : on ? 'continuity' : 'workflow';
    };
    const wrong: string[] = [];
    let checked = 0;
    for (const entry of logged) {
      const failsafe = (entry.route.reasons ?? []).some((r) => r.rule === 'B9');
      const expected = expectedAt(Date.parse(entry.startedAt), failsafe);
      if (expected === null) continue;
      checked++;
      if (entry.route.kind !== expected)
        wrong.push(`${entry.id} at ${entry.startedAt}${failsafe ? ' (failsafe)' : ''}: ${entry.route.kind}, expected ${expected}`);
    }
    expect(wrong, JSON.stringify(switches)).toEqual([]);
    expect(checked).toBeGreaterThan(made / 2);

    // Every recorded call's WAV is as long as its plan's segments (within 100 ms).
    interface Recording {
      id: string;
      callLogId: string;
      sipCallId: string;
      segments: { start: number; end: number | null }[];
    }
    const audioLogged = logged.filter((entry) => entry.from === AUDIO_CALLER);
    // Every recording (the steady load's calls have theirs too, empty: pages of 500, newest first).
    const recordingsNow = async () => {
      const all: Recording[] = [];
      for (let before: string | undefined; ;) {
        const page = (
          await alive.api<{ recordings: Recording[] }>(
            'GET',
            `/api/networks/summit/recordings?limit=500${before === undefined ? '' : `&before=${before}`}`,
          )
        ).body.recordings;
        all.push(...page);
        if (page.length < 500) break;
        before = page.at(-1)!.id;
      }
      return all.filter((r) => audioLogged.some((entry) => entry.id === r.callLogId));
    };
    const recordings = await waitFor(
      async () => {
        const mine = await recordingsNow();
        return mine.length >= audioCalls.length ? mine : undefined;
      },
      'the recordings of the calls with audio',
      30_000,
    ).catch(() => recordingsNow());
    expect(recordings).toHaveLength(audioCalls.length);
    const mismatched: string[] = [];
    for (const recording of recordings) {
      const wav = await fetch(`${alive.url}/api/networks/summit/recordings/${recording.id}/audio`, {
        headers: { cookie: alive.session.cookie },
      });
      const samples = wavSamples(Buffer.from(await wav.arrayBuffer()));
      const planned = recording.segments.reduce((sum, s) => sum + (s.end! - s.start), 0) * 1000;
      if (Math.abs(samples.length / 8 - planned) >= 100)
        mismatched.push(
          `${recording.sipCallId}: planned ${planned} ms ${JSON.stringify(recording.segments)}, WAV ${samples.length / 8} ms`,
        );
    }
    if (mismatched.length > 0) explain(mismatched.map((line) => line.split(':')[0]!));
    expect(mismatched).toEqual([]);
  }, 300_000);

  it('item 5: overload sheds calls, not nodes: at twice the highest rate that passes, Kamailio keeps all three nodes and calls past their timer go through the failsafe', async () => {
    await waitFor(
      async () => (telephony.dispatcherActive().length === 3 ? true : undefined),
      'three nodes active in the dispatcher',
      15_000,
    );
    const disconnects = () => (telephony.kamailioLog().match(/switchboard node \S+ disconnected/g) ?? []).length;
    // The highest rate (doubling 4 s steps from 25 calls/s, to 200 at most) with no failed call and none through the failsafe.
    let passing = 0;
    for (let rate = 25; rate <= 200; rate *= 2) {
      const failsafeBefore = failsafeLines().length;
      const load = await callLoad(SUNRISE_MAIN, rate, rate * 4, 60);
      if (load.code !== 0 || failsafeLines().length > failsafeBefore) break;
      passing = rate;
    }
    expect(passing).toBeGreaterThanOrEqual(25);
    // Twice that for 8 s, Kamailio's view of the nodes read every 250 ms.
    const disconnectsBefore = disconnects();
    const failsafeBefore = failsafeLines().length;
    const seen: number[] = [];
    let loading = true;
    const watch = (async () => {
      while (loading) {
        seen.push(telephony.dispatcherActive().length);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const overload = await callLoad(SUNRISE_MAIN, passing * 2, passing * 16, 90);
    loading = false;
    await watch;
    console.log(
      `overload: ${passing} calls/s passed; at ${passing * 2}/s sipp exited ${overload.code}, ${failsafeLines().length - failsafeBefore} call(s) through the failsafe; sipp said:\n${overload.output.slice(-1500)}`,
    );
    expect(seen.length).toBeGreaterThan(20);
    expect(Math.min(...seen), `active nodes seen: ${JSON.stringify(seen)}`).toBe(3);
    expect(disconnects()).toBe(disconnectsBefore);
    // Whatever went through the failsafe went because its node's answer came too late, not because a node was gone.
    const reasons = new Set(
      failsafeLines()
        .slice(failsafeBefore)
        .map((line) => /because (\w+)/.exec(line)![1]),
    );
    for (const reason of reasons) expect(reason).toBe('switchboard_timeout');
  }, 180_000);
});
