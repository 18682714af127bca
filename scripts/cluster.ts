/**
 * The Switchboard part of `npm run cluster:up` / `cluster:down` (scripts/cluster-up.sh starts
 * Kamailio and rtpengine first): a PostgreSQL server of its own and three nodes on it, each a
 * `switchboard serve` in the background with its log and PID in the run folder.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresServer } from './lib/postgres-server.js';

const [action, run] = process.argv.slice(2) as ['up' | 'down', string];
const root = join(import.meta.dirname, '..');
const POSTGRES_PORT = 15432;
const NODES = [8081, 8082, 8083];
/** Where each node answers Kamailio's dispatcher probes: as cluster-up.sh lists them for Kamailio. */
const PROBES = [5091, 5092, 5093];
const SIP = { sip: 5060, evapi: 8448, ng: 2223 };
// Where the demo's calls go: sipp or your PBX on these loopback ports (docs/sip-edge.md).
const SIP_TARGETS = JSON.stringify({
  queue: 'sip:queue-{id}@127.0.0.1:5070',
  employee: 'sip:{id}@127.0.0.1:5070',
  voiceAgent: 'sip:{id}@127.0.0.1:5071',
  number: 'sip:{number}@127.0.0.1:5072',
});
/** PostgreSQL refuses to run as root; as root its folder is the postgres account's, outside the private run folder. */
const postgresDir = process.getuid?.() === 0 ? '/var/tmp/switchboard-cluster-postgres' : join(run, 'postgres');

function stopPid(file: string): boolean {
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  try {
    process.kill(pid, 'SIGTERM');
    return true;
  } catch {
    return false;
  }
}

async function waitForLog(file: string, text: string, ms: number): Promise<string> {
  const started = Date.now();
  for (;;) {
    const log = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (log.includes(text)) return log;
    if (Date.now() - started > ms) throw new Error(`${file} did not say "${text}" within ${ms / 1000} s:\n${log.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function up(): Promise<void> {
  mkdirSync(run, { recursive: true, mode: 0o700 });
  const postgres = new PostgresServer(postgresDir, POSTGRES_PORT);
  postgres.start();
  await postgres.database('switchboard');
  const secret = readFileSync(join(run, 'telephony', 'evapi.secret'), 'utf8').trim();
  const lines = [`PostgreSQL  ${postgres.url('switchboard')}  (files: ${postgresDir})`];
  let logins = '';
  for (const [i, port] of NODES.entries()) {
    const log = join(run, `node-${i + 1}.log`);
    const out = openSync(log, 'w', 0o600);
    const child = spawn(process.execPath, [join(root, 'bin', 'switchboard.js'), 'serve', ...(i === 0 ? ['--demo'] : [])], {
      cwd: root,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: postgres.url('switchboard'),
        SWITCHBOARD_DATA_DIR: join(run, `node-${i + 1}`),
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        SWITCHBOARD_KAMAILIO_EVAPI: `127.0.0.1:${SIP.evapi}`,
        SWITCHBOARD_KAMAILIO_SECRET: secret,
        SWITCHBOARD_SIP_TARGETS: SIP_TARGETS,
        SWITCHBOARD_RTPENGINE_NG: `127.0.0.1:${SIP.ng}`,
        SWITCHBOARD_RECORDINGS_DIR: join(run, 'telephony', 'recordings'),
        SWITCHBOARD_SIP_PROBE: `127.0.0.1:${PROBES[i]}`,
      },
    });
    closeSync(out);
    child.unref();
    writeFileSync(join(run, `node-${i + 1}.pid`), String(child.pid));
    const printed = await waitForLog(log, 'Press Ctrl+C', 60_000);
    if (i === 0) logins = printed.slice(printed.indexOf('Demo network'), printed.indexOf('Press Ctrl+C')).trimEnd();
    lines.push(`node ${i + 1}      http://127.0.0.1:${port}/  (SIP probe 127.0.0.1:${PROBES[i]}; log ${log})`);
  }
  lines.push(`Kamailio    sip:127.0.0.1:${SIP.sip} (evapi 127.0.0.1:${SIP.evapi}; log ${join(run, 'telephony', 'kamailio.log')})`);
  lines.push(`rtpengine   ng 127.0.0.1:${SIP.ng} (recordings ${join(run, 'telephony', 'recordings')})`);
  process.stdout.write(
    `Switchboard's cluster is up: three nodes on one PostgreSQL, one Kamailio and rtpengine.\n  ${lines.join('\n  ')}\n  ${logins}\n` +
      `Metrics: /metrics on each node; health: /api/health, /api/health/calls. Stop it all with: npm run cluster:down\n`,
  );
}

function down(): void {
  for (const [i] of NODES.entries()) if (stopPid(join(run, `node-${i + 1}.pid`))) console.log(`stopped node ${i + 1}`);
  if (existsSync(join(postgresDir, 'data', 'postmaster.pid'))) {
    new PostgresServer(postgresDir, POSTGRES_PORT).stop('fast');
    console.log('stopped PostgreSQL');
  }
}

if (action === 'up') await up();
else down();
