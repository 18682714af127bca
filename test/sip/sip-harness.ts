/**
 * Real SIP for the tests: Kamailio and rtpengine started by `scripts/telephony-up.sh` on ports of
 * their own, Switchboard started by `switchboard serve --demo` connected to them, sipp answering
 * as the queue's agent, the voice agents and the external numbers, and sipp calling.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'switchboard.js');
const scenarios = join(import.meta.dirname, 'scenarios');

export const PORTS = { sip: 15060, evapi: 18448, ng: 12223, queue: 15070, voiceAgent: 15071, number: 15072, caller: 15090 } as const;
/** Where the nodes answer Kamailio's dispatcher probes (SWITCHBOARD_SIP_PROBE): one port a node, all listed for Kamailio. */
export const PROBE_PORTS = [15081, 15082, 15083] as const;

export interface TelephonyOptions {
  /** Where Kamailio keeps events no node can take (EVENTS_DB; default: the first node's SQLite file). */
  readonly eventsDb?: string;
}
export const ROUTE_TIMEOUT_MS = 1000;

export const SIP_TARGETS = JSON.stringify({
  queue: `sip:queue-{id}@127.0.0.1:${PORTS.queue}`,
  employee: `sip:{id}@127.0.0.1:${PORTS.queue}`,
  voiceAgent: `sip:{id}@127.0.0.1:${PORTS.voiceAgent}`,
  number: `sip:{number}@127.0.0.1:${PORTS.number}`,
});

export class Telephony {
  readonly dir = mkdtempSync(join(tmpdir(), 'sb-sip-'));

  constructor(private readonly options: TelephonyOptions = {}) {}

  /**
   * Kamailio's EVAPI_SECRET for this run. It starts with a letter: read as a number it is 0, the
   * case where a hello whose secret is a JSON 0 would pass an integer comparison.
   */
  readonly secret = `k${randomBytes(24).toString('hex')}`;
  private get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      EVAPI_SECRET: this.secret,
      SWITCHBOARD_TELEPHONY_DIR: join(this.dir, 'run'),
      SIP_PORT: String(PORTS.sip),
      EVAPI_PORT: String(PORTS.evapi),
      RTPENGINE_NG_PORT: String(PORTS.ng),
      ROUTE_TIMEOUT_MS: String(ROUTE_TIMEOUT_MS),
      SWITCHBOARD_NODES: PROBE_PORTS.map((port) => `127.0.0.1:${port}`).join(','),
      EVENTS_DB: this.options.eventsDb ?? `sqlite:///${join(this.dir, 'data', 'switchboard.db')}`,
    };
  }

  up(): void {
    const result = spawnSync('sh', [join(root, 'scripts', 'telephony-up.sh')], {
      cwd: root,
      env: this.env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`telephony-up failed: ${result.stdout}${result.stderr}`);
  }

  down(): void {
    spawnSync('sh', [join(root, 'scripts', 'telephony-down.sh')], { cwd: root, env: this.env, encoding: 'utf8' });
    rmSync(this.dir, { recursive: true, force: true });
  }

  get recordingsDir(): string {
    return join(this.dir, 'run', 'recordings');
  }

  /** Kamailio's control socket (kamcmd -s unix:…). */
  get controlSocket(): string {
    return join(this.dir, 'run', 'kamailio-ctl.sock');
  }

  /** The nodes Kamailio's dispatcher has active now (answering its probes), by their probe URIs. */
  dispatcherActive(): string[] {
    const list = spawnSync('kamcmd', ['-s', `unix:${this.controlSocket}`, 'dispatcher.list'], { encoding: 'utf8' }).stdout;
    return [...list.matchAll(/URI: (\S+)\s+FLAGS: (\S+)/g)].filter((m) => m[2]!.startsWith('A')).map((m) => m[1]!);
  }

  kamailioLog(): string {
    return readFileSync(join(this.dir, 'run', 'kamailio.log'), 'utf8');
  }
}

export interface NodeOptions {
  /** PostgreSQL (a node of a deployment); the embedded SQLite database when absent. */
  readonly databaseUrl?: string;
  /** The node's own folder (default: the telephony run's `data`). */
  readonly dataDir?: string;
  /** A fixed HTTP port (a restarted node answers where it did); any free one when absent. */
  readonly port?: number;
  /** Seeds the demo network (`serve --demo`; default true). Other nodes of a deployment share the first one's. */
  readonly demo?: boolean;
  /** The demo's passwords, when another node printed them (PostgreSQL keeps no file of them). */
  readonly logins?: readonly { email: string; password: string }[];
  /** More of the node's environment. */
  readonly env?: Record<string, string>;
  /** Where it answers Kamailio's probes, one of PROBE_PORTS (default the first). */
  readonly probePort?: number;
}

/** Switchboard with the demo network, its SIP edge connected to the test Kamailio. */
export class Switchboard {
  private child: ChildProcess | null = null;
  url = '';
  private cookie = '';
  private csrf = '';
  /** The node's SWITCHBOARD_DATA_DIR. */
  readonly dataDir: string;
  /** What the running node has printed (its log). */
  output = '';
  /** The demo logins this node printed when it seeded the demo network. */
  logins: { email: string; password: string }[] = [];

  constructor(
    private readonly telephony: Telephony,
    private readonly options: NodeOptions = {},
  ) {
    this.dataDir = options.dataDir ?? join(telephony.dir, 'data');
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [bin, 'serve', ...(this.options.demo === false ? [] : ['--demo'])], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.options.port ?? 0),
        LOG_LEVEL: 'info',
        SWITCHBOARD_DATA_DIR: this.dataDir,
        DATABASE_URL: this.options.databaseUrl ?? '',
        // B7 holds the recording of a call from an all-party-consent state (most test callers are
        // Californian) until the consent announcement has played; the tests of other rules time
        // their recordings from the answer, so a node plays none unless a test asks (test/sip/compliance.test.ts).
        SWITCHBOARD_CONSENT_ANNOUNCEMENT: 'none',
        ...this.options.env,
        SWITCHBOARD_KAMAILIO_EVAPI: `127.0.0.1:${PORTS.evapi}`,
        SWITCHBOARD_KAMAILIO_SECRET: this.telephony.secret,
        SWITCHBOARD_SIP_TARGETS: SIP_TARGETS,
        SWITCHBOARD_RECORDINGS_DIR: this.telephony.recordingsDir,
        SWITCHBOARD_RTPENGINE_NG: `127.0.0.1:${PORTS.ng}`,
        SWITCHBOARD_SIP_PROBE: `127.0.0.1:${this.options.probePort ?? PROBE_PORTS[0]}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // What the node says on stderr (a crash's reason) is part of its output, and a node that dies by
    // itself says so in the test's output: a failure later in the run then names its cause.
    child.stderr!.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null)
        console.error(`switchboard on port ${this.options.port ?? '?'} exited ${code}:\n${this.output.slice(-4000)}`);
    });
    this.output = '';
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`switchboard did not connect to Kamailio: ${out}`)), 30_000);
      const check = () => {
        if (out.includes('connected to Kamailio evapi')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        check();
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('exit', (code) => reject(new Error(`switchboard exited ${code}: ${out}`)));
    });
    this.url = /Open:\s+(\S+?)\/?\n/.exec(out)![1]!;
    const printed = [...out.matchAll(/^\s+.+?\s(\S+@\S+)\s+password: (\S+)$/gm)].map((m) => ({ email: m[1]!, password: m[2]! }));
    if (printed.length > 0) this.logins = printed;
    // The failsafe table follows the connection; give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    ({ cookie: this.cookie, csrf: this.csrf } = await this.signIn('admin@summit.example', this.demoPassword('admin@summit.example')));
  }

  demoPassword(email: string): string {
    const file = join(this.dataDir, 'demo-logins.json');
    const logins = [
      ...(this.options.logins ?? []),
      ...this.logins,
      ...(existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { email: string; password: string }[]) : []),
    ];
    const login = logins.find((l) => l.email === email);
    if (login === undefined) throw new Error(`no demo password known for ${email}`);
    return login.password;
  }

  private async signIn(email: string, password: string): Promise<{ cookie: string; csrf: string }> {
    const login = await fetch(`${this.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (login.status !== 200) throw new Error(`sign-in as ${email}: ${login.status}`);
    return { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
  }

  /** Adds a user with the command line (`switchboard user add ...`), as an operator would. */
  addUser(args: string[]): void {
    const result = spawnSync(process.execPath, [bin, 'user', 'add', '--network', 'summit', ...args], {
      cwd: root,
      env: { ...process.env, SWITCHBOARD_DATA_DIR: this.dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`user add: ${result.stdout}${result.stderr}`);
  }

  /** The API as someone else. */
  async as(
    email: string,
    password: string,
  ): Promise<<T = unknown>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>> {
    const session = await this.signIn(email, password);
    return (method, path, body) => this.request(session, method, path, body);
  }

  /** The administrator's session on this node (another node of the deployment takes it too). */
  get session(): { cookie: string; csrf: string } {
    return { cookie: this.cookie, csrf: this.csrf };
  }

  /** The API of this node with a session signed in elsewhere. */
  with<T = unknown>(
    session: { cookie: string; csrf: string },
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    return this.request(session, method, path, body);
  }

  /** The API as the network administrator; `headers` for a versioned write (If-Match). */
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    return this.request({ cookie: this.cookie, csrf: this.csrf }, method, path, body, headers);
  }

  private async request<T>(
    session: { cookie: string; csrf: string },
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...headers,
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // A 204 (a drill ended, a schedule cancelled) has no body.
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  /** The administrator's session headers, for a raw request. */
  async headers(): Promise<Record<string, string>> {
    return { cookie: this.cookie };
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null;
  }

  /** The node's process id, while it runs. */
  get pid(): number | undefined {
    return this.running ? this.child!.pid : undefined;
  }

  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Dies at once, as a crashed process does. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /** Stops as an operator stops it. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null) return;
    child.kill('SIGCONT'); // a paused process must be running to handle its signal
    child.kill(signal);
    await new Promise((resolve) => child.once('exit', resolve));
    this.child = null;
  }
}

/**
 * A sipp answering party on a port: every INVITE it receives is in its message log. Another
 * scenario (answerer-refer.xml: an agent who transfers; answerer-redirect.xml: a phone that
 * forwards) takes its values as keys.
 */
export class Answerer {
  private readonly child: ChildProcess;
  private readonly log: string;

  constructor(
    dir: string,
    readonly port: number,
    agent = '',
    options: { scenario?: string; keys?: Record<string, string> } = {},
  ) {
    this.log = join(dir, `answerer-${port}-${basename(options.scenario ?? 'answerer')}.log`);
    const keys = Object.entries(options.keys ?? {}).flatMap(([name, value]) => ['-key', name, value]);
    this.child = spawn(
      'sipp',
      [
        '-sf',
        isAbsolute(options.scenario ?? '') ? options.scenario! : join(scenarios, options.scenario ?? 'answerer.xml'),
        '-i',
        '127.0.0.1',
        '-p',
        String(port),
        '-key',
        'agent',
        agent,
        ...keys,
        '-trace_msg',
        '-message_file',
        this.log,
        '-nostdin',
        '-timeout_error',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
  }

  /** Request lines and headers of every INVITE received so far, oldest first. */
  invites(): { uri: string; headers: Record<string, string> }[] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, 'utf8')
      .split(/\n(?=UDP message received)/)
      .filter((block) => /\nINVITE /.test(block))
      .map((block) => {
        const lines = block.split('\n');
        const start = lines.findIndex((line) => line.startsWith('INVITE '));
        const headers: Record<string, string> = {};
        for (const line of lines.slice(start + 1)) {
          const match = /^([\w-]+):\s*(.*)$/.exec(line.trim());
          if (match === null) break;
          headers[match[1]!.toLowerCase()] = match[2]!;
        }
        return { uri: lines[start]!.split(' ')[1]!, headers };
      });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    return exited;
  }
}

/** One call from `caller` to `to` through Kamailio; resolves with sipp's exit code (0: answered and hung up). */
export function call(to: string, caller = '+14158672200', holdMs = 1000): { code: number | null; output: string } {
  const result = spawnSync(
    'sipp',
    [
      '-sf',
      join(scenarios, 'caller.xml'),
      '-i',
      '127.0.0.1',
      '-p',
      String(PORTS.caller),
      '-s',
      to,
      '-key',
      'caller',
      caller,
      '-d',
      String(holdMs),
      '-m',
      '1',
      '-nostdin',
      '-timeout',
      '20s',
      `127.0.0.1:${PORTS.sip}`,
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * A caller that plays `pcap` (RTP audio) once answered and hangs up after `holdMs`: the scenario
 * is written next to the audio (sipp reads the file name from the scenario).
 */
export function callWithAudio(
  dir: string,
  pcap: string,
  to: string,
  caller: string,
  holdMs: number,
  options: { acceptRefer?: boolean } = {},
): Promise<{ code: number | null; output: string }> {
  // A caller that is transferred takes the REFER (202 Accepted) and talks on for holdMs.
  const refer =
    options.acceptRefer !== true
      ? ''
      : `  <recv request="REFER" />
  <send>
    <![CDATA[
      SIP/2.0 202 Accepted
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
      Content-Length: 0
    ]]>
  </send>
`;
  const scenario = readFileSync(join(scenarios, 'caller.xml'), 'utf8').replace(
    '  <pause />',
    `  <nop><action><exec play_pcap_audio="${pcap}" /></action></nop>\n${refer}  <pause milliseconds="${holdMs}" />`,
  );
  const file = join(dir, `caller-audio-${holdMs}${options.acceptRefer === true ? '-refer' : ''}.xml`);
  writeFileSync(file, scenario);
  const child = spawn(
    'sipp',
    [
      '-sf',
      file,
      '-i',
      '127.0.0.1',
      '-p',
      String(PORTS.caller),
      '-mp',
      '16000',
      '-s',
      to,
      '-key',
      'caller',
      caller,
      '-m',
      '1',
      '-nostdin',
      '-timeout',
      '40s',
      `127.0.0.1:${PORTS.sip}`,
    ],
    { cwd: dir },
  );
  return exited(child);
}

/**
 * `count` calls at `rate` a second (1 s each) from another port; resolves with sipp's exit code (0: none failed).
 * The output ends with sipp's error trace (each unexpected message and why), so a failed load says what went wrong.
 */
export function callLoad(to: string, rate: number, count: number, timeoutS = 60): Promise<{ code: number | null; output: string }> {
  const errors = join(mkdtempSync(join(tmpdir(), 'sb-load-')), 'errors.log');
  const child = spawn('sipp', [
    '-trace_err',
    '-error_file',
    errors,
    '-sf',
    join(scenarios, 'caller.xml'),
    '-i',
    '127.0.0.1',
    '-p',
    String(PORTS.caller + 1),
    '-mp',
    '17000',
    '-s',
    to,
    '-key',
    'caller',
    '+14158672200',
    '-d',
    '1000',
    '-r',
    String(rate),
    '-m',
    String(count),
    '-nostdin',
    '-timeout',
    `${timeoutS}s`,
    `127.0.0.1:${PORTS.sip}`,
  ]);
  return exited(child).then(({ code, output }) => {
    const trace = existsSync(errors) ? readFileSync(errors, 'utf8') : '';
    rmSync(dirname(errors), { recursive: true, force: true });
    return { code, output: code === 0 || trace === '' ? output : `${output}\n== sipp's error trace\n${trace.slice(-6000)}` };
  });
}

/** Polls `probe` every 100 ms until it gives a value; fails naming `what` after `ms`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 8000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * B6: a call that is never answered and hears the recorded message as early media: sipp takes the
 * 183 and the 480; the audio sent to its SDP's port is caught here (a UDP socket in place of the
 * phone's speaker). Resolves with sipp's exit code and the RTP payloads received, in order.
 */
export function callHearingMessage(to: string, caller: string): Promise<{ code: number | null; output: string; payloads: Buffer[] }> {
  return listening(join(scenarios, 'caller-message.xml'), to, caller, []);
}

/**
 * B7: a caller that says nothing, is answered, listens for `holdMs` and hangs up: what it hears (the
 * RTP sent to its SDP's port) is caught here, as in callHearingMessage.
 */
export function callListening(
  dir: string,
  to: string,
  caller: string,
  holdMs: number,
): Promise<{ code: number | null; output: string; payloads: Buffer[] }> {
  const scenario = join(dir, 'caller-listening.xml');
  writeFileSync(scenario, readFileSync(join(scenarios, 'caller.xml'), 'utf8').replace('m=audio [media_port]', 'm=audio [rtpport]'));
  return listening(scenario, to, caller, ['-d', String(holdMs)]);
}

async function listening(
  scenario: string,
  to: string,
  caller: string,
  args: readonly string[],
): Promise<{ code: number | null; output: string; payloads: Buffer[] }> {
  const socket = createSocket('udp4');
  const payloads: Buffer[] = [];
  // RTP: a 12-byte header (no CSRC, no extension in rtpengine's playback), then the payload.
  socket.on('message', (packet) => payloads.push(packet.subarray(12)));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const child = spawn('sipp', [
    '-sf',
    scenario,
    '-i',
    '127.0.0.1',
    '-p',
    String(PORTS.caller),
    '-s',
    to,
    '-key',
    'caller',
    caller,
    '-key',
    'rtpport',
    String(socket.address().port),
    ...args,
    '-m',
    '1',
    '-nostdin',
    '-timeout',
    '40s',
    `127.0.0.1:${PORTS.sip}`,
  ]);
  const { code, output } = await exited(child);
  socket.close();
  return { code, output, payloads };
}

/** A sipp run's exit code and everything it printed. */
function exited(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}
