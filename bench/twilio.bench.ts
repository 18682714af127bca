/**
 * P8 (issue 14): signed voice webhooks, as the provider sends them (a form, a new CallSid each,
 * X-Twilio-Signature computed by the official library), at full speed against Switchboard (the
 * route decided from the live snapshot, a call session opened, TwiML built) and, in the same run,
 * against a bare Fastify handler that checks the same signature and returns a constant TwiML
 * document; each server in its own process, autocannon here. Then p99 latency at half the bare
 * rate. Run with `npm run bench:twilio`; the last line is `P8 ratio=<> p99_ms=<>`.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import twilio from 'twilio';
import { startBenchServer } from './servers/start.js';

const DURATION = 10;
const ACCOUNT = `AC${randomBytes(16).toString('hex')}`;
const TOKEN = randomBytes(16).toString('hex');
const PUBLIC_URL = 'https://switchboard.example';

let calls = 0;
/** A new call on every request: its own CallSid, signed as the provider signs it. */
const webhooks: autocannon.Request[] = [
  {
    method: 'POST',
    path: '/twilio/voice',
    setupRequest: (request) => {
      calls++;
      const form = {
        AccountSid: ACCOUNT,
        CallSid: `CA${String(calls).padStart(32, '0')}`,
        From: `+1312${String(2_000_000 + (calls % 7_000_000)).padStart(7, '0')}`,
        To: '+16198675301',
        CallStatus: 'ringing',
        Direction: 'inbound',
      };
      return {
        ...request,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}/twilio/voice`, form),
        },
        body: new URLSearchParams(form).toString(),
      };
    },
  },
];

async function load(port: number, rate?: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: rate === undefined ? 20 : 10,
    duration: DURATION,
    requests: webhooks,
    ...(rate === undefined ? {} : { overallRate: rate }),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`port ${port}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result;
}

// A server that refuses a webhook (a wrong signature, a wrong setup) fails the run in the warm-up: no figure from errors.
const bare = await startBenchServer('twilio-bare.ts', [ACCOUNT, TOKEN, PUBLIC_URL]);
const switchboard = await startBenchServer('twilio-switchboard.ts', [ACCOUNT, TOKEN, PUBLIC_URL]);
try {
  await load(bare.port); // warm-up
  await load(switchboard.port);
  const bareMax = await load(bare.port);
  const sbMax = await load(switchboard.port);
  const half = Math.round(bareMax.requests.average / 2);
  const atHalf = await load(switchboard.port, half);
  console.log(`bare Fastify, signature checked: ${bareMax.requests.average.toFixed(0)} req/s (p99 ${bareMax.latency.p99} ms)`);
  console.log(`Switchboard voice webhook: ${sbMax.requests.average.toFixed(0)} req/s (p99 ${sbMax.latency.p99} ms)`);
  console.log(
    `Switchboard at half the bare rate (${half} req/s offered): ${atHalf.requests.average.toFixed(0)} req/s, p99 ${atHalf.latency.p99} ms`,
  );
  console.log(`P8 ratio=${(sbMax.requests.average / bareMax.requests.average).toFixed(2)} p99_ms=${atHalf.latency.p99}`);
} finally {
  bare.stop();
  switchboard.stop();
}
