/**
 * P3: sipp calls (2 s each, 20 s per rate) through Kamailio with every route asked of Switchboard,
 * and in the same run through Kamailio with a static route (no lookup): the highest rate with no
 * failed call for each, and the time Switchboard adds to a call's routing (p99, measured inside
 * it, at the highest passing step). Run with `npm run bench:sip` (needs Kamailio, rtpengine and sipp: `npm run telephony:up`
 * installs them).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/main.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/app/demo/demo-seeder.js';

const root = join(import.meta.dirname, '..');
/** P3_RATES=400,800 runs only those steps (an overload investigation); the default climbs until a step fails. */
const RATES = (process.env.P3_RATES ?? '25,50,100,200,300,400,500,600,700,800,1000').split(',').map(Number);
const STEP_SECONDS = 20;
const CALL_MS = 2000;
/** A step that has not ended this long after its last call was placed has failed: sipp is killed. */
const STEP_DEADLINE_MS = (STEP_SECONDS + CALL_MS / 1000 + 20) * 1000;
const PORTS = { sip: 25060, evapi: 28448, ng: 22223, answerer: 25070, caller: 25090 };
const dir = mkdtempSync(join(tmpdir(), 'sb-p3-'));
const secret = randomBytes(24).toString('hex');
const telephonyEnv = {
  ...process.env,
  EVAPI_SECRET: secret,
  SWITCHBOARD_TELEPHONY_DIR: join(dir, 'run'),
  SIP_PORT: String(PORTS.sip),
  EVAPI_PORT: String(PORTS.evapi),
  RTPENGINE_NG_PORT: String(PORTS.ng),
  // 4 media ports a call: room for 7,500 calls at once, so that rtpengine is not what a step runs out of.
  RTPENGINE_PORTS: '30000-59999',
};

/** Every process this run starts, so that none outlives it (normal end, error, Ctrl+C or kill). */
const children = new Set<ChildProcess>();
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
let cleaned = false;
function cleanUp(): void {
  if (cleaned) return;
  cleaned = true;
  for (const child of children) child.kill('SIGKILL');
  telephony('down');
  telephony('down', 'any');
  // P3_KEEP=1 keeps the run folder (Kamailio's and rtpengine's logs) for a look afterwards.
  if (process.env.P3_KEEP === '1') console.error(`P3: the run folder is kept: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`P3: stopped by ${signal}; stopping sipp, Kamailio and rtpengine`);
    cleanUp();
    process.exit(130);
  });
}

/** Kamailio and rtpengine for one variant, each in its own run folder (its logs stay apart). */
function telephony(command: 'up' | 'down', staticRoute?: string): void {
  const run = join(dir, staticRoute === undefined ? 'run' : 'run-static');
  const env = { ...telephonyEnv, SWITCHBOARD_TELEPHONY_DIR: run, ...(staticRoute === undefined ? {} : { STATIC_ROUTE: staticRoute }) };
  const result = spawnSync('sh', [join(root, 'scripts', `telephony-${command}.sh`)], { cwd: root, env, encoding: 'utf8' });
  if (command === 'up' && result.status !== 0) throw new Error(`telephony-up: ${result.stdout}${result.stderr}`);
}

/**
 * One step: `rate` calls a second for STEP_SECONDS; true when every call succeeded. sipp runs
 * asynchronously: Switchboard answers routes from this very process.
 */
async function step(rate: number): Promise<boolean> {
  const child = track(
    spawn(
      'sipp',
      [
        '-sf',
        join(root, 'test', 'sip', 'scenarios', 'caller.xml'),
        '-i',
        '127.0.0.1',
        '-p',
        String(PORTS.caller),
        '-s',
        '+16198675301',
        '-key',
        'caller',
        '+14158672200',
        '-d',
        String(CALL_MS),
        '-r',
        String(rate),
        '-m',
        String(rate * STEP_SECONDS),
        '-nostdin',
        '-timeout',
        `${STEP_SECONDS + 30}s`,
        `127.0.0.1:${PORTS.sip}`,
      ],
      { cwd: dir },
    ),
  );
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  // An overloaded machine can leave sipp waiting for answers that never come: it gets a deadline.
  let late = false;
  const deadline = setTimeout(() => {
    late = true;
    child.kill('SIGKILL');
  }, STEP_DEADLINE_MS);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(deadline);
  if (late)
    console.log(`  ${rate} calls/s: sipp had not finished ${STEP_DEADLINE_MS / 1000} s after the step began; stopped (counted as failed)`);
  const failed = /Failed call\s*\|\s*\d+\s*\|\s*(\d+)/.exec(stdout)?.[1];
  return !late && code === 0 && (failed === undefined || Number(failed) === 0);
}

let placed = 0;

/** Route times inside Switchboard, per step: figures at a saturated (failing) step say nothing of the lookup. */
type Latency = { count: number; p50: number; p99: number };

async function highestRate(
  label: string,
  sip?: { resetRouteLatency(): void; routeLatency(): Latency },
): Promise<{ rate: number; latency: Latency | null; answered: number }> {
  let best = 0;
  let latency: Latency | null = null;
  let answered = 0;
  for (const rate of RATES) {
    sip?.resetRouteLatency();
    const ok = await step(rate);
    const times = sip?.routeLatency();
    const figures = times === undefined ? '' : `; route p50 ${times.p50.toFixed(2)} ms, p99 ${times.p99.toFixed(2)} ms`;
    console.log(`${label}: ${rate} calls/s for ${STEP_SECONDS} s: ${ok ? 'no failed call' : 'failed calls'}${figures}`);
    if (!ok) break;
    placed += rate * STEP_SECONDS;
    answered += times?.count ?? 0;
    best = rate;
    latency = times ?? null;
  }
  return { rate: best, latency, answered };
}

const answerer = track(
  spawn(
    'sipp',
    [
      '-sf',
      join(root, 'test', 'sip', 'scenarios', 'answerer.xml'),
      '-i',
      '127.0.0.1',
      '-p',
      String(PORTS.answerer),
      '-key',
      'agent',
      '',
      '-nostdin',
    ],
    { cwd: dir, stdio: 'ignore' },
  ),
);
try {
  // Kamailio asking Switchboard (in this process) for every route.
  telephony('up');
  const target = `127.0.0.1:${PORTS.answerer}`;
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    SWITCHBOARD_DATA_DIR: join(dir, 'data'),
    SWITCHBOARD_KAMAILIO_EVAPI: `127.0.0.1:${PORTS.evapi}`,
    SWITCHBOARD_KAMAILIO_SECRET: secret,
    SWITCHBOARD_SIP_TARGETS: JSON.stringify({
      queue: `sip:queue-{id}@${target}`,
      employee: `sip:{id}@${target}`,
      voiceAgent: `sip:{id}@${target}`,
      number: `sip:{number}@${target}`,
    }),
  });
  const server = await startServer(config, async (app) => {
    await seedDemo(app, null);
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const withSwitchboard = await highestRate('Kamailio + Switchboard', server.sip!);
  // Every call of the passing steps must have been routed by Switchboard, not by the failsafe.
  if (withSwitchboard.answered < placed)
    throw new Error(`Switchboard answered ${withSwitchboard.answered} routes for ${placed} calls: the rest went through the failsafe`);
  const latency = withSwitchboard.latency ?? { count: 0, p50: 0, p99: 0 };
  // Closing waits for connections a load test may leave half-open; two seconds is plenty.
  await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  telephony('down');

  // The baseline: the same Kamailio sending every call to the same answerer, asking no one.
  telephony('up', target);
  const staticRoute = (await highestRate('Kamailio, static route')).rate;
  telephony('down', target);

  console.log(
    `route lookups at ${withSwitchboard.rate} calls/s (the highest passing step): ${latency.count}, p50 ${latency.p50.toFixed(3)} ms, p99 ${latency.p99.toFixed(3)} ms (inside Switchboard)`,
  );
  console.log(
    `P3 ratio=${(withSwitchboard.rate / Math.max(1, staticRoute)).toFixed(2)} max_cps=${withSwitchboard.rate} route_p99_ms=${latency.p99.toFixed(2)}`,
  );
} finally {
  answerer.kill('SIGKILL');
  cleanUp();
}
process.exit(0);
