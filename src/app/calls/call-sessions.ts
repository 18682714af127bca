/**
 * The calls in progress on this node, for every edge: a call is opened when its route is decided
 * (or when the edge's failsafe routed it, B9), follows the events the edge reports, and is logged
 * once when it ends (L5). The edge that carries a call's media registers how to make its
 * recording follow the plan (rtpengine for SIP); an agent's action waits for that, so a pause that
 * did not happen is never shown as one (R15).
 */
import { decideRoute, failsafeRoute, type FailsafeCause, type RouteDecision } from '../../domain/decide-route.js';
import type { RecordingPlan } from '../../domain/decide-recording.js';
import type { Call } from '../../domain/call.js';
import type { E164 } from '../../domain/phone-number.js';
import type { NetworkSnapshot } from '../../domain/snapshot.js';
import { isLogged, newCallLogId } from '../../store/call-log.repository.js';
import { listNetworkIds } from '../../store/networks.repository.js';
import type { Store } from '../../store/db.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Metrics } from '../metrics.js';
import type { CallLogOutbox, NewRecording } from './call-log-outbox.js';
import { SharedCalls, type CallAnswer } from './shared-calls.js';
import type { ClusterMembership } from '../../runtime/cluster-membership.js';
import type { LiveCallRow } from '../../store/live-calls.repository.js';
import { newRecordingId } from '../../store/recordings.repository.js';
import { CallSession, type AgentAction, type LiveCallView } from './call-session.js';

/** A call whose end never reached the edge (lost events, a restart) is let go after a day. */
const MAX_CALL_MS = 24 * 3600_000;
/** The longest a route waits for its call to be in the deployment's record before it is answered anyway. */
const SHARE_BEFORE_ANSWER_MS = 50;

/** The edge's media could not take a recording command: the agent must pause manually. */
export class RecordingControlError extends Error {
  constructor(
    readonly callId: string,
    readonly action: string,
    reason: string,
  ) {
    super(
      `The recording could not be ${action === 'payment_opened' || action === 'agent_stop' || action === 'paused' ? 'paused' : 'started'} (${reason}). Pause it manually before taking card details.`,
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
  /** Makes a call's recording follow its plan, by the edge that carries the call (its source); rejects when it could not. */
  private readonly media = new Map<string, (session: CallSession) => Promise<void>>();
  /** B7: the sources whose edge plays the consent announcement. */
  private readonly announcing = new Set<string>();
  /** B8: each paused call's timer, which resumes its recording at the tenant's maximum pause. */
  private readonly pauseTimers = new Map<string, NodeJS.Timeout>();
  private started = false;
  private edgeUp: (() => boolean) | null = null;
  /** The deployment's shared record of live calls (PostgreSQL with several nodes); null on one node. */
  private readonly shared: SharedCalls | null;
  /** The media edge hears of calls taken over from another node, and of calls another node took. */
  private readonly handovers: { adopted: (session: CallSession) => void; released: (callId: string) => void }[] = [];

  constructor(
    private readonly store: Store,
    private readonly cache: SnapshotCache | undefined,
    private readonly metrics: Metrics,
    private readonly callLog: CallLogOutbox,
    cluster?: ClusterMembership,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    this.shared =
      cluster === undefined
        ? null
        : new SharedCalls(
            store,
            cluster,
            (request) => this.actForAnotherNode(request),
            (callId) => {
              this.calls.delete(callId);
              this.untimePause(callId);
              for (const handover of this.handovers) handover.released(callId);
            },
            warn,
          );
  }

  /** The media edge follows calls this node takes over (their recording state is not known here yet) and forgets those it lost. */
  onHandover(handover: { adopted: (session: CallSession) => void; released: (callId: string) => void }): void {
    this.handovers.push(handover);
  }

  /**
   * Calls whose node is gone, quiet for `quietMs` (their end's event may have died with their
   * node): for the media edge to check and end (one node of the deployment does it). Their ids.
   */
  async orphans(quietMs: number): Promise<string[]> {
    return this.shared === null ? [] : (await this.shared.orphans(quietMs)).map((row) => row.callId);
  }

  /** The edge changed the call (answered, transferred): the other nodes see it as it is now. */
  changed(session: CallSession): void {
    void this.shared?.save(session);
  }

  /**
   * The call, followed here or, when another node followed it (gone, or no longer reached by the
   * edge, which now reports to this node), adopted from the deployment's record of live calls.
   */
  async find(callId: string): Promise<CallSession | undefined> {
    const local = this.calls.get(callId);
    if (local !== undefined || this.shared === null) return local;
    const row = await this.shared.row(callId);
    if (row === undefined) return undefined;
    return this.adopt(row);
  }

  private async adopt(row: LiveCallRow): Promise<CallSession | undefined> {
    const snapshot = await this.cache?.get(row.networkId);
    if (snapshot === undefined || this.shared === null) return undefined;
    const session = await this.shared.adopt(row, snapshot).catch(() => undefined);
    if (session === undefined) return undefined;
    this.calls.set(session.callId, session);
    for (const handover of this.handovers) handover.adopted(session);
    void this.shared.save(session);
    this.timePause(session);
    return session;
  }

  /**
   * B8: a paused recording resumes by itself at the tenant's maximum pause (the plan says when):
   * one timer per paused call, on the node that follows it; the edge's media follows the
   * resumption as it follows any change.
   */
  private timePause(session: CallSession): void {
    this.untimePause(session.callId);
    const due = session.pauseEndsAt;
    if (due === null || session.ended) return;
    const timer = setTimeout(
      () => {
        this.pauseTimers.delete(session.callId);
        if (session.ended || this.calls.get(session.callId) !== session || session.pauseEndsAt !== due) return;
        session.pauseExpired();
        this.changed(session);
        void this.media
          .get(session.source)?.(session)
          .catch((error: unknown) => {
            this.metrics.recordingControlFailures.inc();
            this.warn(`call ${session.callId}: the recording could not resume after its maximum pause (${(error as Error).message})`);
          });
      },
      Math.max(0, due - Date.now()),
    );
    timer.unref();
    this.pauseTimers.set(session.callId, timer);
  }

  private untimePause(callId: string): void {
    const timer = this.pauseTimers.get(callId);
    if (timer !== undefined) clearTimeout(timer);
    this.pauseTimers.delete(callId);
  }

  /** Another node asks this one to act on a call it follows (an agent's console is on that node). */
  private async actForAnotherNode(request: { networkId: string; callId: string; type: AgentAction }): Promise<CallAnswer> {
    try {
      const view = await this.agentEvent(request.networkId, request.callId, request.type, () => true, false);
      return view === undefined
        ? { kind: 'result', ok: false, reason: 'not_here', message: 'the call is not followed here' }
        : { kind: 'result', ok: true, view };
    } catch (error) {
      return { kind: 'result', ok: false, reason: 'recording_control', message: (error as Error).message };
    }
  }

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
      void this.shared?.sweep(MAX_CALL_MS);
    }, 10 * 60_000);
    this.sweeper.unref();
    await this.snapshots();
    this.started = true;
  }

  close(): void {
    this.callLog.close();
    this.shared?.close();
    this.unsubscribe?.();
    if (this.sweeper !== null) clearInterval(this.sweeper);
  }

  /**
   * The edge that carries its calls' media (`source`: sip, twilio) registers how their recording
   * follows the plan, and whether it plays the consent announcement (B7): then its inbound calls'
   * recording waits for the announcement where the caller's law asks for one.
   */
  controlMediaWith(source: string, follow: (session: CallSession) => Promise<void>, announces = false): void {
    this.media.set(source, follow);
    if (announces) this.announcing.add(source);
    else this.announcing.delete(source);
  }

  /** Every network's snapshot on this node (a number belongs to one network in the deployment). */
  async snapshots(): Promise<NetworkSnapshot[]> {
    const all = await Promise.all(this.networkIds.map((id) => this.cache?.get(id)));
    return all.filter((s): s is NetworkSnapshot => s !== undefined);
  }

  /** The snapshot of the network an edge's request names (a provider account's), or every network's. */
  private async snapshotsFor(networkId: string | undefined): Promise<NetworkSnapshot[]> {
    if (networkId === undefined) return this.snapshots();
    const snapshot = await this.cache?.get(networkId);
    return snapshot === undefined ? [] : [snapshot];
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
    /** Only this network's numbers (an edge whose request names its network: a provider account's webhook). */
    networkId?: string;
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
    networkId?: string;
  }): Promise<{ networkId: string; route: RouteDecision } | undefined> {
    for (const snapshot of await this.snapshotsFor(call.networkId)) {
      const route = decideRoute(snapshot, { to: call.to, from: call.from, at: call.at });
      if (route.kind === 'unknown_number') continue;
      if (!this.calls.has(call.callId)) {
        const session = inboundSession(call, snapshot, route, true, this.announcing.has(call.source));
        this.calls.set(call.callId, session);
        // In the deployment's record before the edge is told where it goes (decision 0113).
        await this.shared?.saveWithin(session, SHARE_BEFORE_ANSWER_MS);
      }
      return { networkId: snapshot.networkId, route };
    }
    return undefined;
  }

  /**
   * A call an employee places: to a number (outbound: from the contact center's keypad, or
   * click-to-call from a tenant's record in the core platform, L1 L6), or to another employee
   * (internal, L4: never recorded nor logged). Followed like any other call. Throws a DomainError
   * naming what the network does not know (the employee, the tenant). `callerId`: the number the
   * callee sees (the employee's direct line; null when they have none).
   */
  async placed(placed: {
    callId: string;
    networkId: string;
    call: Exclude<Call, { direction: 'inbound' }>;
    at: number;
    source: string;
  }): Promise<{ session: CallSession; callerId: E164 | null } | undefined> {
    const snapshot = await this.cache?.get(placed.networkId);
    if (snapshot === undefined) return undefined;
    const employeeId = placed.call.direction === 'outbound' ? placed.call.employeeId : placed.call.fromEmployeeId;
    let session = this.calls.get(placed.callId);
    if (session === undefined) {
      session = new CallSession(placed.callId, snapshot, placed.call, null, placed.at, true, placed.source);
      // The plan now: an employee or a tenant the network does not know is refused before the call goes through.
      session.plan();
      this.calls.set(placed.callId, session);
      await this.shared?.saveWithin(session, SHARE_BEFORE_ANSWER_MS);
    }
    return { session, callerId: snapshot.employee(employeeId)?.directLine ?? null };
  }

  /** B9: the edge routed the call by itself (`cause`): it went where Switchboard would have sent it (the failsafe table holds each number's current route) and is followed as that call, replacing a late route's. */
  async failsafe(call: {
    callId: string;
    from: E164;
    to: E164;
    at: number;
    cause: FailsafeCause;
    source: string;
    /** Only this network's numbers (a provider account's). */
    networkId?: string;
  }): Promise<CallSession | undefined> {
    this.metrics.failsafeCalls.inc({ reason: call.cause });
    for (const snapshot of await this.snapshotsFor(call.networkId)) {
      const route = failsafeRoute(snapshot, call.to, call.cause);
      if (route === undefined) continue;
      const session = inboundSession(call, snapshot, route, false, this.announcing.has(call.source));
      this.calls.set(call.callId, session);
      void this.shared?.save(session);
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

  /** The calls in progress in a network: this node's, and (several nodes) every other node's as their records say. */
  async liveCalls(networkId: string): Promise<LiveCallView[]> {
    const here = this.all()
      .filter((call) => call.networkId === networkId)
      .map((call) => call.view());
    if (this.shared === null) return here;
    const known = new Set(here.map((call) => call.callId));
    return [...here, ...(await this.shared.views(networkId)).filter((call) => !known.has(call.callId))];
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
    /** Whether a call another node follows is reached (false: asked by another node, only this node's calls). */
    anyNode = true,
  ): Promise<LiveCallView | undefined> {
    let session = this.calls.get(callId);
    if (session === undefined && anyNode && this.shared !== null) {
      // Another node follows it: that node acts (its console is here); gone or silent, this node adopts it.
      const row = await this.shared.row(callId);
      if (row === undefined || row.networkId !== networkId || !mayHandle(row.view as LiveCallView)) return undefined;
      if (row.nodeId !== this.shared.nodeId && (await this.shared.isAlive(row.nodeId))) {
        const answer = await this.shared.forward(row.nodeId, { kind: 'action', networkId, callId, type });
        if (answer?.ok === true) return answer.view;
        if (answer?.ok === false && answer.reason === 'recording_control') {
          this.metrics.recordingControlFailures.inc();
          throw new RecordingControlError(callId, type, answer.message);
        }
      }
      session = await this.adopt((await this.shared.row(callId)) ?? row);
    }
    if (session === undefined || session.networkId !== networkId || !mayHandle(session.view())) return undefined;
    session.agentAction(type, Date.now());
    this.timePause(session);
    const shared = this.shared?.save(session);
    try {
      await this.media.get(session.source)?.(session);
    } catch (error) {
      this.metrics.recordingControlFailures.inc();
      throw new RecordingControlError(callId, type, (error as Error).message);
    }
    // Any node's console shows the action once it answers.
    await shared;
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
    const session = await this.find(callId);
    if (session === undefined) return undefined;
    this.calls.delete(callId);
    this.untimePause(callId);
    const plan = session.hungUp(at);
    const entry = {
      id: newCallLogId(),
      callId,
      networkId: session.networkId,
      startedAt: new Date(session.startedAt).toISOString(),
      direction: session.call.direction,
      from: session.from,
      to: session.to,
      plan,
      source: session.source,
      attempts: session.attempts,
    };
    // Kept and written later when the database is gone (the id is the entry's either way).
    const logged = isLogged(entry);
    try {
      if (logged) await this.callLog.write({ kind: 'call', call: entry });
    } finally {
      // Gone from the deployment's record once logged (or kept to be): a node dying in between
      // leaves the call to the orphaned-calls job, which logs it (once: the log takes a call once).
      await this.shared?.remove(session);
    }
    return { session, plan, callLogId: logged ? entry.id : null };
  }
}

/** A call from outside, routed by Switchboard (`decided`) or by the edge's failsafe (B9). */
function inboundSession(
  call: { callId: string; from: E164; to: E164; at: number; source: string },
  snapshot: NetworkSnapshot,
  route: RouteDecision,
  decided: boolean,
  announces: boolean,
): CallSession {
  return new CallSession(
    call.callId,
    snapshot,
    // With its time: the plan decides the route again, and a drill (B4) is one by the call's time.
    { direction: 'inbound', from: call.from, to: call.to, at: call.at },
    route,
    call.at,
    decided,
    call.source,
    !decided,
    announces,
  );
}
