/**
 * P3: sipp calls (2 s each, 20 s per rate) through Kamailio with every route asked of Switchboard,
 * and in the same run through Kamailio with a static route (no lookup): the highest rate with no
 * failed call for each, and the time Switchboard adds to a call's routing (p99, measured inside
 * it, at the highest passing step). Run with `npm run bench:sip` (needs Kamailio, rtpengine and sipp: `npm run telephony:up`
 * installs them).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/main.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/app/demo/demo-seeder.js';
import { SipRun } from './sip-steps.js';

const PORTS = { sip: 25060, evapi: 28448, ng: 22223, answerer: 25070, caller: 25090 };
const PROBE = '127.0.0.1:25081';
const dir = mkdtempSync(join(tmpdir(), 'sb-p3-'));
const secret = randomBytes(24).toString('hex');
const run = new SipRun('P3', dir, PORTS, {
  EVAPI_SECRET: secret,
  SWITCHBOARD_NODES: PROBE,
  EVENTS_DB: `sqlite:///${join(dir, 'data', 'switchboard.db')}`,
});
const answerer = run.answerer();
try {
  // Kamailio asking Switchboard (in this process) for every route.
  run.telephony('up');
  const target = `127.0.0.1:${PORTS.answerer}`;
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    SWITCHBOARD_DATA_DIR: join(dir, 'data'),
    SWITCHBOARD_KAMAILIO_EVAPI: `127.0.0.1:${PORTS.evapi}`,
    SWITCHBOARD_KAMAILIO_SECRET: secret,
    SWITCHBOARD_SIP_PROBE: PROBE,
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
  const sip = server.sip!;
  const withSwitchboard = await run.highestRate('Kamailio + Switchboard', {
    reset: async () => sip.resetRouteLatency(),
    read: async () => sip.routeLatency(),
  });
  // Every call of the passing steps must have been routed by Switchboard, not by the failsafe.
  if (withSwitchboard.answered < run.placed)
    throw new Error(`Switchboard answered ${withSwitchboard.answered} routes for ${run.placed} calls: the rest went through the failsafe`);
  const latency = withSwitchboard.latency ?? { count: 0, p50: 0, p99: 0 };
  // Closing waits for connections a load test may leave half-open; two seconds is plenty.
  await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  run.telephony('down');

  // The baseline: the same Kamailio sending every call to the same answerer, asking no one.
  run.telephony('up', target);
  const staticRoute = (await run.highestRate('Kamailio, static route')).rate;
  run.telephony('down', target);

  console.log(
    `route lookups at ${withSwitchboard.rate} calls/s (the highest passing step): ${latency.count}, p50 ${latency.p50.toFixed(3)} ms, p99 ${latency.p99.toFixed(3)} ms (inside Switchboard)`,
  );
  console.log(
    `P3 ratio=${(withSwitchboard.rate / Math.max(1, staticRoute)).toFixed(2)} max_cps=${withSwitchboard.rate} route_p99_ms=${latency.p99.toFixed(2)}`,
  );
} finally {
  answerer.kill('SIGKILL');
  run.cleanUp();
}
process.exit(0);
