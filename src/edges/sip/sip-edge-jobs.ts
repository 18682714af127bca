/**
 * The SIP edge's two jobs that one node of the deployment does at a time (issue 13): events that
 * Kamailio kept in the database while no node was connected, handled as if just received; and
 * calls whose node died with their end's event, ended once rtpengine no longer has them.
 */
import type { Application } from '../../app/application.js';
import { handleKeptEvents } from '../../app/calls/kept-events.js';
import type { CallRecorder } from './recording/call-recorder.js';

/** How often kept events are looked for (a call routed by the failsafe is logged within about this). */
const KEPT_EVENTS_MS = 1000;
/** How often one node looks for calls whose node died with their end's event, and how quiet such a call must be. */
const ORPHAN_SWEEP_MS = 2000;
const ORPHAN_QUIET_MS = 4000;

export interface SipEdgeHandlers {
  /** Handles one of Kamailio's messages; `replayed` when it was kept while no node was connected. */
  receive(message: Record<string, unknown>, replayed: boolean): Promise<void>;
  /** Makes rtpengine follow every call's recording plan as it is now. */
  followAll(): Promise<void>;
  log(level: 'info' | 'warn', message: string): void;
}

export class SipEdgeJobs {
  private timers: NodeJS.Timeout[] = [];
  private busy = new Set<string>();

  constructor(
    private readonly app: Application,
    private readonly recorder: CallRecorder | null,
    private readonly edge: SipEdgeHandlers,
  ) {}

  start(): void {
    this.every('kept events', KEPT_EVENTS_MS, () => this.handleKept());
    if (this.recorder !== null) this.every('orphaned calls', ORPHAN_SWEEP_MS, () => this.endOrphans(this.recorder!));
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** Runs `job` every `ms`, never two passes of it at once. */
  private every(name: string, ms: number, job: () => Promise<void>): void {
    const timer = setInterval(() => {
      if (this.busy.has(name)) return;
      this.busy.add(name);
      job()
        .catch((error: unknown) => this.edge.log('warn', `${name}: ${(error as Error).message}`))
        .finally(() => this.busy.delete(name));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** What happened while no node was connected, in order; then recording follows the calls still up. */
  private async handleKept(): Promise<void> {
    const pass = await handleKeptEvents(this.app, async (events) => {
      await Promise.all(events.map((event) => this.edge.receive(event, true)));
    });
    for (const id of pass.unreadable) this.edge.log('warn', `kept SIP event ${id} is not a JSON message: forgotten`);
    if (pass.handled === 0) return;
    this.edge.log('info', `${pass.handled} SIP event(s) kept by Kamailio while no node was connected were handled`);
    await this.edge.followAll();
  }

  /**
   * A call whose node died may have lost its end's event with it (evapi has no receipts: what
   * Kamailio wrote to the dying node's socket is gone). One node of the deployment at a time asks
   * rtpengine which of those calls it still has; the others are over: ended at their audio's last
   * packet (when recorded) or now, logged once, their recordings assembled (decision 0110).
   */
  private async endOrphans(recorder: CallRecorder): Promise<void> {
    const orphans = await this.app.calls.orphans(ORPHAN_QUIET_MS);
    if (orphans.length === 0) return;
    const up = await recorder.activeCalls();
    for (const callId of orphans) {
      if (up.has(callId)) continue;
      const at = (await recorder.lastPacketAt(callId)) ?? Date.now();
      this.edge.log('warn', `call ${callId}: its node is gone and rtpengine no longer has it: ended here`);
      await this.edge.receive({ type: 'hangup', callId, at: String(at / 1000) }, false);
    }
  }
}
