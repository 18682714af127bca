/**
 * `switchboard twilio fallback-twiml --network ID [--out DIR]` (B9 for a Twilio-compatible
 * provider): for every tracking number of the network, the TwiML its fallback URL should serve
 * while Switchboard cannot answer: the route Switchboard gives the number now, as the SIP edge's
 * failsafe table holds it (the workflow target while its tenant is not in continuity, the
 * continuity destination while it is). Printed as JSON (number → TwiML), or written one file a
 * number (`<number>.xml`) to DIR, to be served from anywhere the provider can reach (docs/twilio.md).
 * Run it again after each change of the network's continuity or workflows.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { networkIdOf, withApplication } from '../../app/admin.js';
import { snapshotNow } from '../../app/queries/node.queries.js';
import { loadConfig } from '../../config.js';
import { routeTrackingNumber } from '../../domain/decide-route.js';
import { fallbackTwimlFor } from '../twilio/twiml.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './usage-error.js';

export async function twilioFallbackCommand(args: ParsedArgs): Promise<string> {
  const config = loadConfig();
  if (config.twilio === null)
    throw new UsageError('twilio fallback-twiml: set SWITCHBOARD_TWILIO_TARGETS (the same templates as the nodes) to say where calls go');
  const { targets } = config.twilio;
  const network = args.value('network');
  if (network === undefined || network.trim() === '') throw new UsageError('--network is required');
  return withApplication({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, async (app) => {
    const networkId = await networkIdOf(app, network.trim());
    const snapshot = await snapshotNow(app, networkId);
    if (snapshot === undefined) throw new UsageError(`--network: no network ${JSON.stringify(network)}`);
    const documents: Record<string, string> = {};
    for (const tenant of snapshot.tenants)
      for (const tn of snapshot.trackingNumbersOf(tenant.id)) {
        const twiml = fallbackTwimlFor(targets, routeTrackingNumber(snapshot, tn, tenant));
        if (twiml !== null) documents[tn.number] = twiml;
      }
    const out = args.value('out');
    if (out === undefined) return JSON.stringify(documents, null, 2);
    await mkdir(out, { recursive: true });
    for (const [number, twiml] of Object.entries(documents)) await writeFile(join(out, `${number}.xml`), `${twiml}\n`);
    return `Wrote ${Object.keys(documents).length} fallback TwiML documents to ${out} (one <number>.xml a tracking number): serve them where the provider can reach them and set each number's fallback URL to its document.`;
  });
}
