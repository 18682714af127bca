/**
 * P1: the decision core at scale. Builds a snapshot of 10,000 tenants, 1,000,000 tracking
 * numbers, 1,000,000 excluded numbers and 300 excluded area codes, then times route decisions and
 * full recording plans against a baseline measured in the same run: one Map.get per call over the
 * same keys. Run with `npm run bench:decide` (needs --expose-gc, set by the script).
 */
import { decideRecording } from '../src/domain/decide-recording.js';
import { decideRoute } from '../src/domain/decide-route.js';
import type { CallEvent } from '../src/domain/call.js';
import {
  DEFAULT_RECORDING_DEFAULTS,
  type Employee,
  type NetworkData,
  type Queue,
  type Tenant,
  type TrackingNumber,
} from '../src/domain/model.js';
import type { AreaCode, E164 } from '../src/domain/phone-number.js';
import { NetworkSnapshot } from '../src/domain/snapshot.js';

const TENANTS = 10_000;
const NUMBERS = 1_000_000;
const EXCLUDED = 1_000_000;
const AREA_CODES = 300;
const CALLS = 1_000_000;
const ROUNDS = 5;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench:decide)');

/** A distinct, well-formed NANP number for each index of a series. */
function nanp(series: number, i: number): E164 {
  const npa = 201 + (i % 700);
  const rest = Math.floor(i / 700);
  const nxx = 200 + (rest % 700);
  const line = series * 1000 + Math.floor(rest / 700);
  return `+1${npa}${nxx}${String(line).padStart(4, '0')}` as E164;
}

/** A fresh, flat copy of a string, as a number parsed from a SIP message would be. */
const fresh = (s: string) => Buffer.from(s, 'latin1').toString('latin1');

function buildData(): NetworkData {
  const queues: Queue[] = Array.from({ length: 100 }, (_, i) => ({
    id: `q${i}`,
    name: `Queue ${i}`,
    customRecording: i % 10 === 0 ? { mode: 'manual', announcement: 'none' } : null,
  }));
  const tenants: Tenant[] = Array.from({ length: TENANTS }, (_, i) => ({
    id: `t${i}`,
    name: `Tenant ${i}`,
    contactCenterActive: true,
    voiceAgentsEnabled: { contactCenter: true, core: true },
    coreRecording: { inbound: 'automatic', outbound: i % 3 === 0 ? 'on_demand' : 'automatic' },
    // One tenant in ten is in continuity, to an external number.
    continuity: { enabled: i % 10 === 0, defaultDestination: { kind: 'external_number', number: nanp(9, i) } },
  }));
  const employees: Employee[] = Array.from({ length: 2_000 }, (_, i) => ({
    id: `e${i}`,
    name: `Agent ${i}`,
    contactCenterUser: true,
    directLine: nanp(8, i),
    homeTenantId: `t${i % TENANTS}`,
    customRecording: null,
  }));
  const trackingNumbers: TrackingNumber[] = Array.from({ length: NUMBERS }, (_, i) => ({
    id: `tn${i}`,
    tenantId: `t${i % TENANTS}`,
    number: nanp(1, i),
    workflow: { kind: 'queue', queueId: `q${i % 100}` },
    continuityNumber: i % 50 === 0 ? nanp(7, i) : null,
  }));
  const codes: string[] = [];
  for (let code = 600; codes.length < AREA_CODES; code++) if (!String(code).endsWith('11')) codes.push(String(code));
  return {
    network: { id: 'bench', name: 'Bench', version: 1 },
    recordingDefaults: DEFAULT_RECORDING_DEFAULTS,
    tenants,
    queues,
    employees,
    voiceAgents: [],
    trackingNumbers,
    exclusions: { numbers: Array.from({ length: EXCLUDED }, (_, i) => nanp(2, i)), areaCodes: codes as AreaCode[] },
  };
}

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage().heapUsed;
}

function nsPerCall(fn: () => number): { ns: number; sink: number } {
  const start = process.hrtime.bigint();
  const sink = fn();
  return { ns: Number(process.hrtime.bigint() - start) / CALLS, sink };
}

const before = heapUsed();
let data: NetworkData | null = buildData();
const buildStart = process.hrtime.bigint();
const snapshot = NetworkSnapshot.build(data);
const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
const continuityOff = data.trackingNumbers.filter((tn) => tn.tenantId.endsWith('0') === false).map((tn) => tn.number);
const allNumbers = data.trackingNumbers.map((tn) => tn.number);
data = null;
const listsBytes = (continuityOff.length + allNumbers.length) * 8;
const heapBytes = heapUsed() - before - listsBytes;
const perNumber = heapBytes / (NUMBERS + EXCLUDED);

// Random calls: destinations over all tracking numbers (plans: over tenants not in continuity),
// callers from a pool where one in ten is excluded by number and some by area code.
let seed = 42;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const routeKeys = Array.from({ length: CALLS }, () => fresh(allNumbers[random(allNumbers.length)]!) as E164);
const planKeys = Array.from({ length: CALLS }, () => fresh(continuityOff[random(continuityOff.length)]!) as E164);
const callers = Array.from({ length: 10_000 }, (_, i) => fresh(i % 10 === 0 ? nanp(2, i * 97) : nanp(3, i * 131)) as E164);
const baselineMap = new Map<string, unknown>(allNumbers.map((n) => [n, n]));
const events: CallEvent[] = [
  { type: 'connected', at: 0 },
  { type: 'answered', at: 5, employeeId: 'e1' },
  { type: 'payment_opened', at: 40 },
  { type: 'payment_closed', at: 70 },
];

const baseline = () => {
  let sink = 0;
  for (let i = 0; i < CALLS; i++) if (baselineMap.get(routeKeys[i]!) !== undefined) sink++;
  return sink;
};
const route = () => {
  let sink = 0;
  for (let i = 0; i < CALLS; i++) sink += decideRoute(snapshot, { to: routeKeys[i]!, from: callers[i % callers.length]! }).kind.length;
  return sink;
};
const plan = () => {
  let sink = 0;
  for (let i = 0; i < CALLS; i++) {
    sink += decideRecording(snapshot, { direction: 'inbound', from: callers[i % callers.length]!, to: planKeys[i]! }, events).segments
      .length;
  }
  return sink;
};

const best = { baseline: Infinity, route: Infinity, plan: Infinity };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of [
    ['baseline', baseline],
    ['route', route],
    ['plan', plan],
  ] as const) {
    const { ns, sink } = nsPerCall(fn);
    if (sink === 0) throw new Error(`${name}: no work done`);
    best[name] = Math.min(best[name], ns);
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
console.log(
  `snapshot: ${TENANTS} tenants, ${NUMBERS} tracking numbers, ${EXCLUDED} excluded numbers, ${AREA_CODES} area codes; built in ${buildMs.toFixed(0)} ms`,
);
console.log(`snapshot heap: ${mb(heapBytes)} MB (${perNumber.toFixed(0)} bytes per number)`);
console.log(
  `per call (best of ${ROUNDS} rounds of ${CALLS}): baseline Map.get ${best.baseline.toFixed(1)} ns, decideRoute ${best.route.toFixed(1)} ns, decideRecording ${best.plan.toFixed(1)} ns`,
);
console.log(
  `P1 route_ratio=${(best.route / best.baseline).toFixed(2)} plan_ratio=${(best.plan / best.baseline).toFixed(2)} heap_bytes_per_number=${perNumber.toFixed(0)}`,
);
