/**
 * What the P3 benchmarks share (`bench/sip.bench.ts`, one node in this process, and
 * `bench/sip-cluster.bench.ts`, three nodes): every process started is tracked so that none
 * outlives the run, Kamailio and rtpengine come up per variant in their own run folder, and sipp
 * climbs through the rates, one step of STEP_SECONDS each, until one has a failed call.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
/** P3_RATES=400,800 runs only those steps (an overload investigation); the default climbs until a step fails. */
export const RATES = (process.env.P3_RATES ?? '25,50,100,200,300,400,500,600,700,800,1000').split(',').map(Number);
export const STEP_SECONDS = 20;
export const CALL_MS = 2000;
/** A step that has not ended this long after its last call was placed has failed: sipp is killed. */
const STEP_DEADLINE_MS = (STEP_SECONDS + CALL_MS / 1000 + 20) * 1000;

export interface SipPorts {
  readonly sip: number;
  readonly evapi: number;
  readonly ng: number;
  readonly answerer: number;
  readonly caller: number;
}

/** Route times inside Switchboard, per step: figures at a saturated (failing) step say nothing of the lookup. */
export type Latency = { count: number; p50: number; p99: number };

export class SipRun {
  private readonly children = new Set<ChildProcess>();
  private cleaned = false;
  private readonly variants = new Set<string | undefined>();
  /** Calls placed in the passing steps so far. */
  placed = 0;

  constructor(
    private readonly label: string,
    readonly dir: string,
    readonly ports: SipPorts,
    /** Kamailio's settings (EVAPI_SECRET, SWITCHBOARD_NODES, EVENTS_DB …). */
    private readonly env: Record<string, string>,
  ) {
    process.once('exit', () => this.cleanUp());
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        console.error(`${label}: stopped by ${signal}; stopping sipp, Kamailio and rtpengine`);
        this.cleanUp();
        process.exit(130);
      });
    }
  }

  track(child: ChildProcess): ChildProcess {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  cleanUp(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    for (const child of this.children) child.kill('SIGKILL');
    for (const variant of this.variants) this.telephony('down', variant);
    // P3_KEEP=1 keeps the run folder (Kamailio's and rtpengine's logs) for a look afterwards.
    if (process.env.P3_KEEP === '1') console.error(`${this.label}: the run folder is kept: ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }

  /** Kamailio and rtpengine for one variant, each in its own run folder (its logs stay apart). */
  telephony(command: 'up' | 'down', staticRoute?: string): void {
    const run = this.runDir(staticRoute);
    if (command === 'up') this.variants.add(staticRoute);
    const env = {
      ...process.env,
      ...this.env,
      SWITCHBOARD_TELEPHONY_DIR: run,
      SIP_PORT: String(this.ports.sip),
      EVAPI_PORT: String(this.ports.evapi),
      RTPENGINE_NG_PORT: String(this.ports.ng),
      // 4 media ports a call: room for 7,500 calls at once, so that rtpengine is not what a step runs out of.
      RTPENGINE_PORTS: '30000-59999',
      ...(staticRoute === undefined ? {} : { STATIC_ROUTE: staticRoute }),
    };
    const result = spawnSync('sh', [join(root, 'scripts', `telephony-${command}.sh`)], { cwd: root, env, encoding: 'utf8' });
    if (command === 'up' && result.status !== 0) throw new Error(`telephony-up: ${result.stdout}${result.stderr}`);
  }

  runDir(staticRoute?: string): string {
    return join(this.dir, staticRoute === undefined ? 'run' : 'run-static');
  }

  /** The sipp that answers every call (the queue, the agents, the numbers: one target). */
  answerer(): ChildProcess {
    return this.track(
      spawn(
        'sipp',
        [
          '-sf',
          join(root, 'test', 'sip', 'scenarios', 'answerer.xml'),
          '-i',
          '127.0.0.1',
          '-p',
          String(this.ports.answerer),
          '-key',
          'agent',
          '',
          '-nostdin',
        ],
        { cwd: this.dir, stdio: 'ignore' },
      ),
    );
  }

  /** One step: `rate` calls a second for STEP_SECONDS; true when every call succeeded. */
  async step(rate: number): Promise<boolean> {
    const child = this.track(
      spawn(
        'sipp',
        [
          '-sf',
          join(root, 'test', 'sip', 'scenarios', 'caller.xml'),
          '-i',
          '127.0.0.1',
          '-p',
          String(this.ports.caller),
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
          `127.0.0.1:${this.ports.sip}`,
        ],
        { cwd: this.dir },
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
      console.log(
        `  ${rate} calls/s: sipp had not finished ${STEP_DEADLINE_MS / 1000} s after the step began; stopped (counted as failed)`,
      );
    const failed = /Failed call\s*\|\s*\d+\s*\|\s*(\d+)/.exec(stdout)?.[1];
    return !late && code === 0 && (failed === undefined || Number(failed) === 0);
  }

  /**
   * The highest rate with no failed call. `routes` (when Switchboard routes) starts a step's route
   * figures afresh and reads them after it: the latency and how many routes were answered.
   */
  async highestRate(
    label: string,
    routes?: { reset(): Promise<void>; read(): Promise<Latency> },
  ): Promise<{ rate: number; latency: Latency | null; answered: number }> {
    let best = 0;
    let latency: Latency | null = null;
    let answered = 0;
    for (const rate of RATES) {
      await routes?.reset();
      const ok = await this.step(rate);
      const times = await routes?.read();
      const figures = times === undefined ? '' : `; route p50 ${times.p50.toFixed(2)} ms, p99 ${times.p99.toFixed(2)} ms`;
      console.log(`${label}: ${rate} calls/s for ${STEP_SECONDS} s: ${ok ? 'no failed call' : 'failed calls'}${figures}`);
      if (!ok) break;
      this.placed += rate * STEP_SECONDS;
      answered += times?.count ?? 0;
      best = rate;
      latency = times ?? null;
    }
    return { rate: best, latency, answered };
  }
}
