/**
 * The calls in progress on this node, for every edge: a call is opened when its route is decided
 * (or when the edge's failsafe routed it, B9), follows the events the edge reports, and is logged
 * once when it ends (L5). The edge that carries a call's media registers how to make its
 * recording follow the plan (rtpengine for SIP); an agent's action waits for that, so a pause that
 * did not happen is never shown as one (R15).
 */
import { decideRoute, failsafeRoute, type FailsafeCause, type RouteDecision } from '../../domain/decide-route.js';
import type { RecordingPlan } from '../../domain/decide-recording.js';
import type { E164 } from '../../domain/phone-number.js';
import type { NetworkSnapshot } from '../../domain/snapshot.js';
import { isLogged, newCallLogId } from '../../store/call-log.repository.js';
import { listNetworkIds } from '../../store/networks.repository.js';
import type { Store } from '../../store/db.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Metrics } from '../metrics.js';
import type { CallLogOutbox, NewRecording } from './call-log-outbox.js';
import { newRecordingId } from '../../store/recordings.repository.js';
import { CallSession, type AgentAction, type LiveCallView } from './call-session.js';

/** A call whose end never reached the edge (lost events, a restart) is let go after a day. */
const MAX_CALL_MS = 24 * 3600_000;

/** The edge's media could not take a recording command: the agent must pause manually. */
export class RecordingControlError extends Error {
  constructor(
    readonly callId: string,
    readonly action: string,
    reason: string,
  ) {
    super(
      `The recording could not be ${action === 'payment_opened' || action === 'agent_stop' ? 'paused' : 'started'} (${reason}). Pause it manually before taking card details.`,
    );
  }
}

export interface EndedCall {
  readonly session: CallSession;
  readonly plan: RecordingPlan;
  /** The call log's id (null: not logged, L4). */
  readonly callLogId: string | null;
}

export class CallSessions {
  private readonly calls = new Map<string, CallSession>();
  private networkIds: string[] = [];
  private unsubscribe: (() => void) | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  /** Makes a call's recording follow its plan (the media edge's); rejects when it could not. */
  private media: ((session: CallSession) => Promise<void>) | null = null;
  private started = false;
  private edgeUp: (() => boolean) | null = null;

  constructor(
    private readonly store: Store,
    private readonly cache: SnapshotCache | undefined,
    private readonly metrics: Metrics,
    private readonly callLog: CallLogOutbox,
  ) {}

  /**
   * Whether this node can route calls now: it holds a snapshot of every network (no database
   * needed), and the edge that brings calls, if one is registered, has them coming.
   */
  servingCalls(): boolean {
    const edgeUp = this.edgeUp?.() ?? true;
    return edgeUp && this.cache !== undefined && this.started && this.networkIds.every((id) => this.cache!.holds(id));
  }

  /** The edge that brings calls says how to tell it is connected (the SIP edge: Kamailio accepted this node). */
  callsArriveWhile(connected: () => boolean): void {
    this.edgeUp = connected;
  }

  get count(): number {
    return this.calls.size;
  }

  async start(): Promise<void> {
    this.callLog.start();
    this.networkIds = await listNetworkIds(this.store.db);
    this.unsubscribe = this.store.feed.subscribe((change) => {
      if (!this.networkIds.includes(change.networkId)) this.networkIds = [...this.networkIds, change.networkId];
    });
    this.sweeper = setInterval(() => {
      for (const call of this.calls.values()) if (Date.now() - call.startedAt > MAX_CALL_MS) this.calls.delete(call.callId);
    }, 10 * 60_000);
    this.sweeper.unref();
    await this.snapshots();
    this.started = true;
  }

  close(): void {
    this.callLog.close();
    this.unsubscribe?.();
    if (this.sweeper !== null) clearInterval(this.sweeper);
  }

  /** The edge that carries the media registers how its recording follows a call's plan. */
  controlMediaWith(follow: (session: CallSession) => Promise<void>): void {
    this.media = follow;
  }

  /** Every network's snapshot on this node (a number belongs to one network in the deployment). */
  async snapshots(): Promise<NetworkSnapshot[]> {
    const all = await Promise.all(this.networkIds.map((id) => this.cache?.get(id)));
    return all.filter((s): s is NetworkSnapshot => s !== undefined);
  }

  /**
   * Where a new call to `to` goes (C1-C6, C14), decided by the network that owns the number, and
   * the call opened to be followed (unless the failsafe took it already: that call stands).
   * Undefined for a number no network owns.
   */
  async route(call: {
    callId: string;
    from: E164;
    to: E164;
    at: number;
    source: string;
  }): Promise<{ networkId: string; route: RouteDecision } | undefined> {
    const started = performance.now();
    const decided = await this.decide(call);
    this.metrics.routeDecisions.inc({ kind: decided?.route.kind ?? 'unknown_number' });
    this.metrics.routeSeconds.observe((performance.now() - started) / 1000);
    return decided;
  }

  private async decide(call: {
    callId: string;
    from: E164;
    to: E164;
    at: number;
    source: string;
  }): Promise<{ networkId: string; route: RouteDecision } | undefined> {
    for (const snapshot of await this.snapshots()) {
      const route = decideRoute(snapshot, { to: call.to });
      if (route.kind === 'unknown_number') continue;
      if (!this.calls.has(call.callId))
        this.calls.set(call.callId, new CallSession(call.callId, snapshot, call.from, call.to, route, call.at, true, call.source));
      return { networkId: snapshot.networkId, route };
    }
    return undefined;
  }

  /** B9: the edge routed the call by itself (`cause`): it went where Switchboard would have sent it (the failsafe table holds each number's current route) and is followed as that call, replacing a late route's. */
  async failsafe(call: {
    callId: string;
    from: E164;
    to: E164;
    at: number;
    cause: FailsafeCause;
    source: string;
  }): Promise<CallSession | undefined> {
    this.metrics.failsafeCalls.inc({ reason: call.cause });
    for (const snapshot of await this.snapshots()) {
      const route = failsafeRoute(snapshot, call.to, call.cause);
      if (route === undefined) continue;
      const session = new CallSession(call.callId, snapshot, call.from, call.to, route, call.at, false, call.source);
      this.calls.set(call.callId, session);
      return session;
    }
    return undefined;
  }

  get(callId: string): CallSession | undefined {
    return this.calls.get(callId);
  }

  all(): CallSession[] {
    return [...this.calls.values()];
  }

  /** The calls in progress in a network. */
  liveCalls(networkId: string): LiveCallView[] {
    return this.all()
      .filter((call) => call.networkId === networkId)
      .map((call) => call.view());
  }

  /**
   * R4 R15: something the agent did on a live call. Undefined for an unknown call, or one
   * `mayHandle` refuses (checked on the call as it is now, in the same step). Resolves once the
   * media follows; RecordingControlError when it could not.
   */
  async agentEvent(
    networkId: string,
    callId: string,
    type: AgentAction,
    mayHandle: (call: LiveCallView) => boolean,
  ): Promise<LiveCallView | undefined> {
    const session = this.calls.get(callId);
    if (session === undefined || session.networkId !== networkId || !mayHandle(session.view())) return undefined;
    session.agentAction(type, Date.now());
    try {
      await this.media?.(session);
    } catch (error) {
      this.metrics.recordingControlFailures.inc();
      throw new RecordingControlError(callId, type, (error as Error).message);
    }
    return session.view();
  }

  /** Stores a finished call's recording (kept until the database answers when it is gone); its id. */
  async saveRecording(networkId: string, recording: NewRecording): Promise<string> {
    const id = newRecordingId();
    await this.callLog.write({ kind: 'recording', id, networkId, recording });
    return id;
  }

  /** The call ended at `at` (epoch ms): logged once (L5), and no longer followed. */
  async ended(callId: string, at: number): Promise<EndedCall | undefined> {
    const session = this.calls.get(callId);
    if (session === undefined) return undefined;
    this.calls.delete(callId);
    const plan = session.hungUp(at);
    const entry = {
      id: newCallLogId(),
      callId,
      networkId: session.networkId,
      startedAt: new Date(session.startedAt).toISOString(),
      direction: 'inbound',
      from: session.from,
      to: session.to,
      plan,
      source: session.source,
    };
    // Kept and written later when the database is gone (the id is the entry's either way).
    const logged = isLogged(entry);
    if (logged) await this.callLog.write({ kind: 'call', call: entry });
    return { session, plan, callLogId: logged ? entry.id : null };
  }
}
