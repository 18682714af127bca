/**
 * P2: requests per second of the test-call endpoint deciding a route (`decide: "route"`: authenticated, validated,
 * decided, serialised), against a bare Fastify handler returning a constant, each in its own
 * process, both measured here with autocannon in the same run; then p99 latency at half the bare
 * rate. Run with `npm run bench:http`.
 */
import autocannon from 'autocannon';
import { startBenchServer } from './servers/start.js';

const DURATION = 10;

const body = JSON.stringify({ call: { direction: 'inbound', from: '+16198675309', to: '+16198675301' }, decide: 'route' });

let caller = 0;
/** A different caller on every request: no parse of the caller is ever repeated. */
function distinctCallers(token: string | undefined): autocannon.Request[] {
  return [
    {
      method: 'POST',
      path: '/api/networks/summit/test-call',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      setupRequest: (request) => {
        caller = (caller + 1) % 9_000_000;
        const from = `+1312${String(2_000_000 + caller).padStart(7, '0')}`;
        return { ...request, body: JSON.stringify({ call: { direction: 'inbound', from, to: '+16198675301' }, decide: 'route' }) };
      },
    },
  ];
}

async function load(port: number, token: string | undefined, rate?: number, requests?: autocannon.Request[]) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/networks/summit/test-call`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body,
    connections: rate === undefined ? 20 : 10,
    duration: DURATION,
    ...(rate === undefined ? {} : { overallRate: rate }),
    ...(requests === undefined ? {} : { requests }),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`port ${port}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result;
}

const bare = await startBenchServer('bare.ts');
const switchboard = await startBenchServer('switchboard.ts');
try {
  await load(bare.port, undefined); // warm-up
  await load(switchboard.port, switchboard.token);
  const bareMax = await load(bare.port, undefined);
  const sbMax = await load(switchboard.port, switchboard.token);
  const half = Math.round(bareMax.requests.average / 2);
  const atHalf = await load(switchboard.port, switchboard.token, half);
  const distinct = await load(switchboard.port, switchboard.token, undefined, distinctCallers(switchboard.token));
  console.log(`bare Fastify: ${bareMax.requests.average.toFixed(0)} req/s (p99 ${bareMax.latency.p99} ms)`);
  console.log(`Switchboard test-call: ${sbMax.requests.average.toFixed(0)} req/s (p99 ${sbMax.latency.p99} ms)`);
  console.log(
    `Switchboard at half the bare rate (${half} req/s offered): ${atHalf.requests.average.toFixed(0)} req/s, p99 ${atHalf.latency.p99} ms`,
  );
  console.log(
    `Switchboard test-call, a different caller every request: ${distinct.requests.average.toFixed(0)} req/s (ratio ${(distinct.requests.average / bareMax.requests.average).toFixed(2)}, p99 ${distinct.latency.p99} ms)`,
  );
  console.log(`P2 ratio=${(sbMax.requests.average / bareMax.requests.average).toFixed(2)} p99_ms=${atHalf.latency.p99}`);
} finally {
  bare.stop();
  switchboard.stop();
}
