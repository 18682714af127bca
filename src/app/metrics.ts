/**
 * What an operator watches (issue 13, item 7): one Prometheus registry per node (prom-client),
 * served by the HTTP edge at /metrics. Counters and histograms are fed where things happen (the
 * call sessions, the SIP edge, the snapshot cache); gauges are read when Prometheus scrapes.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: a route decision is microseconds; a change's way to every node, milliseconds. */
const ROUTE_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1];
const PROPAGATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/** What the gauges read at each scrape. */
export interface MetricSources {
  liveCalls(): number;
  /** Each network's snapshot version on this node. */
  snapshotVersions(): ReadonlyMap<string, number>;
  /** Whether the database answers now (a `select 1`). */
  databaseUp(): Promise<boolean>;
  /** Whether this node can route calls now (snapshots loaded; the SIP edge accepted, when there is one). */
  servingCalls(): boolean;
}

export class Metrics {
  readonly registry = new Registry();
  readonly routeDecisions = new Counter({
    name: 'switchboard_route_decisions_total',
    help: 'Calls routed by this node, by the kind of route (workflow, continuity, direct_line, unknown_number).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly routeSeconds = new Histogram({
    name: 'switchboard_route_decision_seconds',
    help: "Time this node took to decide a call's route (from the request to the answer).",
    buckets: ROUTE_BUCKETS,
    registers: [this.registry],
  });
  readonly failsafeCalls = new Counter({
    name: 'switchboard_failsafe_calls_total',
    help: "Calls the SIP edge routed by itself from its failsafe table (B9), by Kamailio's reason, as reported to this node.",
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly recordingControlFailures = new Counter({
    name: 'switchboard_recording_control_failures_total',
    help: "Times the media server (rtpengine) could not be made to follow a call's recording plan.",
    registers: [this.registry],
  });
  readonly changePropagation = new Histogram({
    name: 'switchboard_change_propagation_seconds',
    help: "Time from a settings change's commit (its writer's clock) until this node's snapshot holds it: the change feed's lag.",
    buckets: PROPAGATION_BUCKETS,
    registers: [this.registry],
  });
  readonly callLogBacklog = new Gauge({
    name: 'switchboard_call_log_backlog',
    help: 'Ended calls kept on this node because the database could not take their call-log entries yet (written on recovery).',
    registers: [this.registry],
  });
  private sources: MetricSources | null = null;

  constructor() {
    // prom-client calls `collect` with the gauge as `this`: the sources are reached through a closure.
    const sources = () => this.sources;
    new Gauge({
      name: 'switchboard_live_calls',
      help: 'Calls in progress that this node follows.',
      registers: [this.registry],
      collect() {
        this.set(sources()?.liveCalls() ?? 0);
      },
    });
    new Gauge({
      name: 'switchboard_snapshot_version',
      help: "Each network's settings version in this node's snapshot (compare nodes: they converge within the change feed's lag).",
      labelNames: ['network'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [network, version] of sources()?.snapshotVersions() ?? []) this.set({ network }, version);
      },
    });
    new Gauge({
      name: 'switchboard_database_up',
      help: 'Whether the database answered this scrape (1) or not (0). Calls are routed from the snapshot either way.',
      registers: [this.registry],
      async collect() {
        this.set((await sources()?.databaseUp()) === true ? 1 : 0);
      },
    });
    new Gauge({
      name: 'switchboard_serving_calls',
      help: 'Whether this node can route calls now (1): its snapshots are loaded and, with a SIP edge, Kamailio accepted it.',
      registers: [this.registry],
      collect() {
        this.set(sources()?.servingCalls() === true ? 1 : 0);
      },
    });
  }

  /** Where the gauges read from, once the parts exist (createApplication). */
  readFrom(sources: MetricSources): void {
    this.sources = sources;
  }

  /** prom-client's process metrics (CPU, memory, event-loop delay), for a running node (the composition root). */
  includeProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_' });
  }

  /** The text Prometheus scrapes. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
