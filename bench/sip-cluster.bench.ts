/**
 * P3 through the cluster (issue 13): the same sipp steps as P3 (2 s calls, 20 s per rate), with
 * Kamailio's dispatcher spreading every route request over three Switchboard nodes (real
 * `switchboard serve` processes on a PostgreSQL server of the benchmark's own), and in the same
 * run through Kamailio with a static route (no lookup). Everything shares the machine's cores:
 * seven processes on two here. The route time is each node's
 * `switchboard_route_decision_seconds` histogram (from the request to the answer, the call
 * shared in PostgreSQL first), merged over the nodes and read as Prometheus' histogram_quantile
 * does (linear within a bucket). Run with `npm run bench:cluster`; the last line is
 * `P3 nodes=3 ratio=<> max_cps=<> route_p99_ms=<>`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresServer } from '../scripts/lib/postgres-server.js';
import { root, SipRun, type Latency } from './sip-steps.js';

const PORTS = { sip: 26060, evapi: 28449, ng: 22224, answerer: 26070, caller: 26090 };
const NODES = [
  { http: 18191, probe: 26081 },
  { http: 18192, probe: 26082 },
  { http: 18193, probe: 26083 },
];
const POSTGRES_PORT = 15434;
const dir = mkdtempSync(join(tmpdir(), 'sb-p3c-'));
const secret = randomBytes(24).toString('hex');
// Its own folder: as root the server runs as the postgres account, which cannot enter the private run folder.
const postgres = new PostgresServer(mkdtempSync(join(tmpdir(), 'sb-p3c-pg-')), POSTGRES_PORT);
const databaseUrl = postgres.url('switchboard');
const run = new SipRun('P3 (cluster)', dir, PORTS, {
  EVAPI_SECRET: secret,
  SWITCHBOARD_NODES: NODES.map((node) => `127.0.0.1:${node.probe}`).join(','),
  EVENTS_DB: databaseUrl,
});
process.once('exit', () => postgres.remove());

function startNode(node: (typeof NODES)[number], demo: boolean): Promise<ChildProcess> {
  const target = `127.0.0.1:${PORTS.answerer}`;
  const child = run.track(
    spawn(process.execPath, [join(root, 'bin', 'switchboard.js'), 'serve', ...(demo ? ['--demo'] : [])], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(node.http),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        SWITCHBOARD_DATA_DIR: join(dir, `node-${node.http}`),
        SWITCHBOARD_KAMAILIO_EVAPI: `127.0.0.1:${PORTS.evapi}`,
        SWITCHBOARD_KAMAILIO_SECRET: secret,
        SWITCHBOARD_SIP_PROBE: `127.0.0.1:${node.probe}`,
        SWITCHBOARD_SIP_TARGETS: JSON.stringify({
          queue: `sip:queue-{id}@${target}`,
          employee: `sip:{id}@${target}`,
          voiceAgent: `sip:{id}@${target}`,
          number: `sip:{number}@${target}`,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const heard = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Press Ctrl+C')) resolve(child);
    };
    child.stdout!.on('data', heard);
    child.stderr!.on('data', heard);
    child.once('exit', (code) => reject(new Error(`node ${node.http} exited ${code}: ${out}`)));
  });
}

/** Every node's route-time histogram (cumulative bucket counts by upper bound, seconds) and decisions. */
async function histograms(): Promise<{ buckets: Map<number, number>; decisions: number }> {
  const buckets = new Map<number, number>();
  let decisions = 0;
  for (const node of NODES) {
    const text = await (await fetch(`http://127.0.0.1:${node.http}/metrics`)).text();
    for (const m of text.matchAll(/^switchboard_route_decision_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)) {
      const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
      buckets.set(le, (buckets.get(le) ?? 0) + Number(m[2]));
    }
    for (const m of text.matchAll(/^switchboard_route_decisions_total\{[^}]*\} (\S+)$/gm)) decisions += Number(m[1]);
  }
  return { buckets, decisions };
}

/** histogram_quantile: linear within the bucket the quantile falls in; ms. */
function quantile(q: number, before: Map<number, number>, after: Map<number, number>): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => after.get(le)! - (before.get(le) ?? 0));
  const total = counts.at(-1) ?? 0;
  if (total === 0) return 0;
  const rank = q * total;
  for (const [i, le] of bounds.entries()) {
    if (counts[i]! < rank) continue;
    const lower = i === 0 ? 0 : bounds[i - 1]!;
    const below = i === 0 ? 0 : counts[i - 1]!;
    const upper = Number.isFinite(le) ? le : lower;
    return (lower + ((upper - lower) * (rank - below)) / Math.max(1, counts[i]! - below)) * 1000;
  }
  return bounds.at(-2)! * 1000;
}

const answerer = run.answerer();
try {
  postgres.start();
  await postgres.database('switchboard');
  run.telephony('up');
  await startNode(NODES[0]!, true);
  await Promise.all(NODES.slice(1).map((node) => startNode(node, false)));
  // Kamailio's dispatcher probes each node every second: wait until all three are active.
  const control = `unix:${join(run.runDir(), 'kamailio-ctl.sock')}`;
  for (let tries = 0; ; tries++) {
    const list = spawnSync('kamcmd', ['-s', control, 'dispatcher.list'], { encoding: 'utf8' }).stdout;
    if ((list.match(/FLAGS: A/g) ?? []).length === NODES.length) break;
    if (tries > 60) throw new Error(`Kamailio's dispatcher does not have the three nodes active:\n${list}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  let before = await histograms();
  const perNode: number[][] = [];
  const withSwitchboard = await run.highestRate('Kamailio + 3 Switchboard nodes', {
    reset: async () => {
      before = await histograms();
    },
    read: async (): Promise<Latency> => {
      const after = await histograms();
      return {
        count: after.decisions - before.decisions,
        p50: quantile(0.5, before.buckets, after.buckets),
        p99: quantile(0.99, before.buckets, after.buckets),
      };
    },
  });
  perNode.push(
    await Promise.all(
      NODES.map(async (node) => {
        const text = await (await fetch(`http://127.0.0.1:${node.http}/metrics`)).text();
        return [...text.matchAll(/^switchboard_route_decisions_total\{[^}]*\} (\S+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      }),
    ),
  );
  // Every call of the passing steps must have been routed by a node, not by the failsafe.
  if (withSwitchboard.answered < run.placed)
    throw new Error(`the nodes answered ${withSwitchboard.answered} routes for ${run.placed} calls: the rest went through the failsafe`);
  const latency = withSwitchboard.latency ?? { count: 0, p50: 0, p99: 0 };
  run.telephony('down');

  // The baseline: the same Kamailio sending every call to the same answerer, asking no one.
  const target = `127.0.0.1:${PORTS.answerer}`;
  run.telephony('up', target);
  const staticRoute = (await run.highestRate('Kamailio, static route')).rate;
  run.telephony('down', target);

  console.log(`calls each node routed over the whole run: ${perNode[0]!.join(' / ')}`);
  console.log(
    `route decisions at ${withSwitchboard.rate} calls/s (the highest passing step): ${latency.count}, p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms (inside the nodes, from their histograms)`,
  );
  console.log(
    `P3 nodes=3 ratio=${(withSwitchboard.rate / Math.max(1, staticRoute)).toFixed(2)} max_cps=${withSwitchboard.rate} route_p99_ms=${latency.p99.toFixed(2)}`,
  );
} finally {
  answerer.kill('SIGKILL');
  run.cleanUp();
  postgres.remove();
}
process.exit(0);
