/**
 * The composition root: the only place that wires the parts together. Opens the database, brings
 * the schema up to date, builds the application layer and the edges on it (HTTP, and SIP when
 * configured), and stops them all in the reverse order.
 */
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { SnapshotCache } from './runtime/snapshot-cache.js';
import { ClusterMembership } from './runtime/cluster-membership.js';
import { migrate, openStore, type Dialect } from './store/db.js';
import { buildApp } from './edges/http/app.js';
import { createApplication, type Application } from './app/application.js';
import { startSweeper } from './app/commands/sweeper.js';
import { startScheduleRunner } from './app/schedule-runner.js';
import { startRetentionRunner } from './app/retention-runner.js';
import { startWebhookDeliverer } from './app/webhook-deliverer.js';
import { EvapiClient } from './edges/sip/evapi-client.js';
import { SipEdge } from './edges/sip/sip-edge.js';
import { OptionsProbe } from './edges/sip/options-probe.js';
import { TwilioEdge } from './edges/twilio/twilio-edge.js';
import { main as cliMain } from './edges/cli/main.js';
import { CallRecorder } from './edges/sip/recording/call-recorder.js';
import { NgClient } from './edges/sip/rtpengine/ng-client.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { wavDurationMs } from './edges/sip/recording/call-audio.js';
import { privateDirSync } from './shared/private-files.js';

/** Where `npm run build:web` puts the UI. */
const WEB_ROOT = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface RunningServer {
  readonly app: FastifyInstance;
  /** The application layer this node runs (benchmarks and tests reach the database through it). */
  readonly application: Application;
  readonly database: Dialect;
  readonly url: string;
  /** The SIP edge, when SWITCHBOARD_KAMAILIO_EVAPI configures one. */
  readonly sip: SipEdge | null;
  close(): Promise<void>;
}

export async function startServer(config: Config, beforeListen?: (app: Application) => Promise<void>): Promise<RunningServer> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(store.db);
  const snapshots = new SnapshotCache(store);
  // With PostgreSQL the data folder holds only this node's own files (recordings, the call log's backlog).
  if (store.dialect === 'postgres') privateDirSync(config.dataDir);
  const cluster = store.dialect === 'postgres' ? new ClusterMembership(store, snapshots) : undefined;
  const application = createApplication(store, snapshots, {
    ...(cluster === undefined ? {} : { cluster }),
    // The embedded database lives in the data folder too: there is no outage to outlast.
    ...(store.dialect === 'postgres' ? { callLogBacklog: join(config.dataDir, 'call-log-backlog.jsonl') } : {}),
    warn: (message) => app.log.warn(message),
    secretKey: config.secretKey,
    recordingKey: config.recordingKey,
  });
  if (beforeListen !== undefined) await beforeListen(application);
  const log = { info: (message: string) => app.log.info(message), warn: (message: string) => app.log.warn(message) };
  let sip: SipEdge | null = null;
  let ng: NgClient | null = null;
  let recorder: CallRecorder | null = null;
  if (config.sip !== null) {
    const recording = config.sip.recording;
    ng = recording === null ? null : new NgClient(recording.ngHost, recording.ngPort);
    recorder =
      recording === null || ng === null ? null : new CallRecorder(ng, recording.pcapDir, application, join(config.dataDir, 'recordings'));
    const { probe: at } = config.sip;
    const node = `${at.host}:${at.port}`;
    const kamailio = new EvapiClient(config.sip.evapiHost, config.sip.evapiPort, config.sip.evapiSecret, node, log.info);
    const probe = new OptionsProbe(at.host, at.port, () => kamailio.isConnected, log.warn);
    sip = new SipEdge(
      application,
      application.calls,
      config.sip.targets,
      {
        continuityMessage: config.continuityMessage,
        consentAnnouncement: config.consentAnnouncement,
        consentMs: consentAnnouncementMs(config.consentAnnouncement, log.warn),
      },
      kamailio,
      (level, message) => log[level](message),
      recorder,
      probe,
    );
  }
  const twilioEdge =
    config.twilio === null
      ? null
      : new TwilioEdge(application, config.twilio, (level, message) => log[level](message), {
          continuityMessage: config.continuityMessage,
          consentAnnouncement: config.consentAnnouncement,
        });
  application.metrics.includeProcessMetrics();
  const app = await buildApp(
    { app: application, config },
    { logLevel: config.logLevel, webRoot: WEB_ROOT, webhooks: twilioEdge === null ? [] : [twilioEdge.routes] },
  );
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const stopSweeper = startSweeper(store, (error) => app.log.warn({ err: error }, 'could not sweep expired sessions and change records'));
  await application.calls.start();
  await cluster?.start(`${config.host}:${port}`);
  const stopSchedules = startScheduleRunner(application, (error) => app.log.warn({ err: error }, 'could not run due continuity schedules'));
  const stopRetention = startRetentionRunner(
    application,
    (error) => app.log.warn({ err: error }, 'could not delete expired recordings'),
    config.retentionIntervalSeconds * 1000,
    twilioEdge === null ? undefined : { delete: twilioEdge.deleteRecording },
  );
  const stopWebhooks = startWebhookDeliverer(application, { allowPrivate: config.webhooksAllowPrivate }, (error) =>
    app.log.warn({ err: error }, 'could not deliver webhooks'),
  );
  if (sip !== null) await sip.start();
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    app,
    application,
    database: store.dialect,
    sip,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: async () => {
      stopSweeper();
      stopSchedules();
      stopRetention();
      stopWebhooks();
      await cluster?.stop();
      sip?.close();
      application.calls.close();
      ng?.close();
      await recorder?.close();
      await app.close();
      snapshots.close();
      await store.close();
    },
  };
}

/** The `switchboard` command (bin/switchboard.js): the command line, with this root's server to start. */
export function run(argv: readonly string[]): Promise<number> {
  return cliMain(argv, startServer);
}

/**
 * B7: how long the consent announcement lasts (ms), read from the file when this machine has it;
 * rtpengine, which plays it (maybe on another machine), says so too, and its word is taken first.
 * 10 s when neither can tell: recording starts no earlier than the announcement could have ended.
 */
function consentAnnouncementMs(file: string, warn: (message: string) => void): number {
  if (file === '') return 0;
  try {
    return wavDurationMs(readFileSync(file));
  } catch (error) {
    warn(`SWITCHBOARD_CONSENT_ANNOUNCEMENT: ${file} is not a WAV file readable here (${(error as Error).message}); taken as 10 s long`);
    return 10_000;
  }
}
