/**
 * P7: how fast a change reaches every node of a deployment. Three nodes (`switchboard serve`, real
 * processes) on a PostgreSQL server of the benchmark's own; 1,000 continuity switches, each made
 * through a node picked at random. For each, the time from its commit (the writer's clock just
 * before COMMIT, carried in the change feed's notice) until the last of the three nodes has put it
 * in the snapshot its calls are decided by (each node's own clock at that moment, carried in the
 * notice it sends to say so, switchboard_applied: one machine, one clock). Baseline, measured in
 * the same run on the same server: a bare NOTIFY round trip, one connection notifies and another
 * receives. Run with `npm run bench:cluster`; the last line is
 * `P7 propagate_p99_ms=<> notify_p99_ms=<> ratio=<propagate_p99 / notify_p99>`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresServer } from '../scripts/lib/postgres-server.js';
import type { RecordingPlan } from '../src/domain/decide-recording.js';
import { logCall, newCallLogId } from '../src/store/call-log.repository.js';
import { openStore } from '../src/store/db.js';

const CHANGES = Number(process.env.P7_CHANGES ?? 1000);
const NOTIFIES = 1000;
const POSTGRES_PORT = 15433;
const PORTS = [18091, 18092, 18093];
const root = join(import.meta.dirname, '..');
const SWITCH = '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch';

const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

function startNode(port: number, databaseUrl: string, dataDir: string, demo: boolean): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'switchboard.js'), 'serve', ...(demo ? ['--demo'] : [])], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, SWITCHBOARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Press Ctrl+C')) resolve({ child, out });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`node on ${port} exited ${code}: ${out}`)));
  });
}

/**
 * For the sizing table (docs/operations.md): call-log entries a second this PostgreSQL takes, each
 * written as a node writes it (one insert, its own transaction), from 10 writers at once.
 */
async function callLogWrites(url: string, count: number): Promise<number> {
  const store = await openStore({ databaseUrl: url, dataDir: ':memory:' });
  const plan = {
    ruleSet: 'contact_center',
    route: { kind: 'workflow' },
    segments: [{ start: 0, end: 60 }],
    loggedIn: ['contact_center'],
    syncsToCore: false,
    linkedTenantId: 'sunrise-plumbing',
    coreTenantId: null,
    reasons: [{ rule: 'L5', text: 'logged' }],
  } as unknown as RecordingPlan;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < count) {
        const i = next++;
        const id = newCallLogId();
        await logCall(store.db, {
          id,
          callId: `p7-${i}`,
          networkId: 'summit',
          startedAt: new Date().toISOString(),
          direction: 'inbound',
          from: '+14158672200',
          to: '+16198675301',
          plan,
          source: 'bench',
        });
      }
    }),
  );
  const perSecond = count / ((performance.now() - started) / 1000);
  await store.close();
  return perSecond;
}

/** The bare baseline: NOTIFY on one connection, heard on another. Milliseconds each. */
async function notifyRoundTrips(url: string): Promise<number[]> {
  const sender = new pg.Client({ connectionString: url });
  const receiver = new pg.Client({ connectionString: url });
  await sender.connect();
  await receiver.connect();
  await receiver.query('LISTEN p7_bench');
  const times: number[] = [];
  for (let i = 0; i < NOTIFIES; i++) {
    const heard = new Promise<void>((resolve) => receiver.once('notification', () => resolve()));
    const started = performance.now();
    await sender.query(`select pg_notify('p7_bench', $1)`, [String(i)]);
    await heard;
    times.push(performance.now() - started);
  }
  await sender.end();
  await receiver.end();
  return times;
}

const dir = mkdtempSync(join(tmpdir(), 'sb-p7-'));
const postgres = new PostgresServer(mkdtempSync(join(tmpdir(), 'sb-pg-')), POSTGRES_PORT);
const children: ChildProcess[] = [];
try {
  postgres.start();
  const url = await postgres.database('switchboard');

  const first = await startNode(PORTS[0]!, url, join(dir, 'node-1'), true);
  children.push(first.child);
  for (const [i, port] of PORTS.slice(1).entries()) children.push((await startNode(port, url, join(dir, `node-${i + 2}`), false)).child);
  const password = /admin@summit\.example\s+password: (\S+)/.exec(first.out)![1]!;
  const login = await fetch(`http://127.0.0.1:${PORTS[0]}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@summit.example', password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;

  // When each version was committed, and when each node put it in place.
  const committed = new Map<number, number>();
  const installed = new Map<string, { version: number; at: number }[]>();
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (message) => {
    if (message.channel === 'switchboard_changes') {
      const change = JSON.parse(message.payload!) as { version: number; at?: number };
      if (change.at !== undefined) committed.set(change.version, change.at);
      return;
    }
    const applied = JSON.parse(message.payload!) as { node: string; version: number; at?: number };
    if (applied.at === undefined) return;
    const events = installed.get(applied.node) ?? [];
    events.push({ version: applied.version, at: applied.at });
    installed.set(applied.node, events);
  });
  await listener.query('LISTEN switchboard_changes');
  await listener.query('LISTEN switchboard_applied');
  // A node holds version v from the first snapshot it put in place at v or later.
  const holds = (node: string, version: number) => installed.get(node)!.find((event) => event.version >= version)?.at;

  const notify = await notifyRoundTrips(url);

  const versions: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const port = PORTS[Math.floor(Math.random() * PORTS.length)]!;
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${SWITCH}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: i % 2 === 0 }),
    });
    answered.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`change ${i} through ${port}: ${response.status} ${await response.text()}`);
    versions.push(((await response.json()) as { version: number }).version);
  }
  // The last events may still be on their way.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await listener.end();

  const propagate: number[] = [];
  for (const version of versions) {
    const at = committed.get(version);
    if (installed.size !== PORTS.length) throw new Error(`${installed.size} nodes said what they hold, not ${PORTS.length}`);
    const arrivals = [...installed.keys()].map((node) => holds(node, version));
    if (at === undefined || arrivals.some((t) => t === undefined)) throw new Error(`version ${version} was not heard by every node`);
    propagate.push(Math.max(...(arrivals as number[])) - at);
  }
  const writes = await callLogWrites(url, 20_000);
  const propagateP99 = p(propagate, 0.99);
  const notifyP99 = p(notify, 0.99);
  console.log(
    `changes: ${CHANGES} through random nodes of ${PORTS.length}; answered p50 ${p(answered, 0.5).toFixed(1)} ms, p99 ${p(answered, 0.99).toFixed(1)} ms`,
  );
  console.log(
    `propagation to every node: p50 ${p(propagate, 0.5).toFixed(1)} ms, p99 ${propagateP99.toFixed(1)} ms, max ${Math.max(...propagate).toFixed(1)} ms`,
  );
  console.log(`call-log writes (one insert each, 10 writers; for the sizing table): ${Math.round(writes)} a second`);
  console.log(`bare NOTIFY round trip: p50 ${p(notify, 0.5).toFixed(2)} ms, p99 ${notifyP99.toFixed(2)} ms`);
  console.log(
    `P7 propagate_p99_ms=${propagateP99.toFixed(1)} notify_p99_ms=${notifyP99.toFixed(2)} ratio=${(propagateP99 / notifyP99).toFixed(2)}`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  postgres.remove();
  rmSync(dir, { recursive: true, force: true });
}
