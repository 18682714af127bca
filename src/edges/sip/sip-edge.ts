/**
 * Switchboard's side of the SIP edge. Kamailio suspends every new INVITE and asks, over evapi,
 * where it goes; this answers from the live snapshot with `decideRoute` (so a continuity switch
 * applies to the very next call, C13) and the deployment's SIP targets. It keeps Kamailio's
 * failsafe table supplied with every tracking number's continuity destination (B9), follows each
 * call's answer and hang-up, and logs the finished call (L5). A call the failsafe routed is
 * followed and logged too, with its B9 reason: Kamailio says so at once, or from its journal when
 * no Switchboard was connected.
 */
import { RecordingSession } from '../../domain/decide-recording.js';
import { decideRoute, failsafeRoute, type FailsafeCause, type RouteDecision } from '../../domain/decide-route.js';
import { asE164, parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import { readCall, readEvents } from '../../domain/scenario.js';
import type { NetworkSnapshot } from '../../domain/snapshot.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import { logCall } from '../../store/call-log.repository.js';
import type { Store } from '../../store/db.js';
import { listNetworkIds } from '../../store/networks.repository.js';
import type { CallRecorder } from './recording/call-recorder.js';
import type { EvapiClient } from './evapi-client.js';
import { FailsafeTable } from './failsafe-table.js';
import { callTime, eventTime, RecordingControlError, viewOf, type LiveCall, type LiveCallView } from './live-call.js';
import { routeUri, targetsOf, type SipTargets } from './sip-targets.js';

const MAX_CALL_MS = 24 * 3600_000;

/** An anonymous caller (no number in From) matches no exclusion. */
const ANONYMOUS = asE164('+10000000000', 'from');
const seconds = (since: number) => (Date.now() - since) / 1000;
/** How long ago Kamailio asked (its `at`, epoch seconds), ms; null when it did not say. Clocks agree (NTP). */
function requestAge(message: Record<string, unknown>): number | null {
  const at = Number(message.at);
  return typeof message.at === 'string' && Number.isFinite(at) ? Date.now() - at * 1000 : null;
}
const FAILSAFE_CAUSES: readonly string[] = ['switchboard_timeout', 'switchboard_not_connected', 'switchboard_unreachable', 'switchboard_no_route'] satisfies FailsafeCause[];

export class SipEdge {
  private readonly calls = new Map<string, LiveCall>();
  private readonly failsafe: FailsafeTable;
  private networkIds: string[] = [];
  /** How long the last route answers took here, milliseconds (a ring of the latest 10,000). */
  private readonly routeTimes = new Float64Array(10_000);
  private routed = 0;
  private unsubscribe: (() => void) | null = null;
  /** Each call's messages are handled in the order they came, one at a time; calls do not wait for each other. */
  private readonly inbox = new Map<string, Promise<void>>();
  private sweeper: NodeJS.Timeout | null = null;
  private shedCount = 0;
  private shedSinceReport = 0;
  private shedReportedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly snapshots: SnapshotCache,
    private readonly targets: SipTargets,
    private readonly kamailio: EvapiClient,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
    private readonly recorder: CallRecorder | null = null,
  ) {
    this.failsafe = new FailsafeTable(targets, kamailio);
  }

  /** Starts the route-time figures afresh (a benchmark measures each load step on its own). */
  resetRouteLatency(): void {
    this.routed = 0;
  }

  /** The time this node adds to each call's routing: p50 and p99 of the latest answers, milliseconds. */
  routeLatency(): { count: number; p50: number; p99: number } {
    const times = [...this.routeTimes.subarray(0, Math.min(this.routed, this.routeTimes.length))].sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    return { count: this.routed, p50: at(0.5), p99: at(0.99) };
  }

  /** The calls in progress on this node, in a network. */
  liveCalls(networkId: string): LiveCallView[] {
    return [...this.calls.values()].filter((call) => call.networkId === networkId).map((call) => viewOf(call));
  }


  /**
   * R4 R15: something the agent did on a live call (the payment screen, the record button). The
   * decision core says what it changes; rtpengine is told at once. Undefined for an unknown call,
   * or one `mayHandle` refuses (checked on the call as it is now, in the same step).
   */
  async agentEvent(networkId: string, callId: string, type: 'payment_opened' | 'payment_closed' | 'agent_start' | 'agent_stop', mayHandle: (call: LiveCallView) => boolean): Promise<LiveCallView | undefined> {
    const call = this.calls.get(callId);
    if (call === undefined || call.networkId !== networkId || !mayHandle(viewOf(call))) return undefined;
    const [event] = readEvents([{ type, at: seconds(call.startedAt) }]);
    call.session.apply(event!);
    try {
      await this.follow(call);
    } catch (error) {
      throw new RecordingControlError(call.callId, type, (error as Error).message);
    }
    return viewOf(call);
  }

  /**
   * Tells rtpengine to record or not, as the plan now says (rtpengine 10.5: a pause is a stop).
   * A command that fails is tried once more; if it fails again the promise rejects, so that the
   * agent is told (R15: a pause that did not happen must not look like one).
   */
  private follow(call: LiveCall): Promise<void> {
    const step = call.control.then(async () => {
      if (this.recorder === null || !call.mediaUp || call.ended) return;
      const wanted = call.session.plan().moments.at(-1)?.recording === 'on';
      if (wanted === call.recording) return;
      const send = () => (wanted ? this.recorder!.start(call.callId) : this.recorder!.stop(call.callId));
      await send().catch(send).catch((error: unknown) => {
        call.controlFailed = true;
        throw error;
      });
      call.recording = wanted;
    });
    call.control = step.catch(() => undefined);
    return step;
  }

  private followQuietly(call: LiveCall): Promise<void> {
    return this.follow(call).catch((error: unknown) => this.log('warn', `recording of call ${call.callId}: ${(error as Error).message}`));
  }

  async start(): Promise<void> {
    this.networkIds = await listNetworkIds(this.store.db);
    // A call whose end never reached us (lost events, a restart of Kamailio) is let go after a day.
    this.sweeper = setInterval(() => {
      for (const call of this.calls.values()) {
        if (Date.now() - call.startedAt > MAX_CALL_MS) void this.onEnded({ callId: call.callId }).catch(() => undefined);
      }
    }, 10 * 60_000);
    this.sweeper.unref();
    this.kamailio.on('connected', () => void this.supplyFailsafe(true).catch((error: unknown) => this.log('warn', `failsafe table: ${(error as Error).message}`)));
    this.kamailio.on('journal', (events) => void this.onJournal(events).catch((error: unknown) => this.log('warn', `evapi journal: ${(error as Error).message}`)));
    this.kamailio.on('message', (message) => void this.receive(message));
    this.unsubscribe = this.store.feed.subscribe((change) => {
      if (!this.networkIds.includes(change.networkId)) this.networkIds = [...this.networkIds, change.networkId];
      void this.snapshots.atLeast(change.networkId, change.version).then(() => this.supplyFailsafe(false))
        .catch((error: unknown) => this.log('warn', `failsafe table: ${(error as Error).message}`));
    });
    this.kamailio.start();
  }

  close(): void {
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.unsubscribe?.();
    this.kamailio.close();
  }

  private async current(): Promise<NetworkSnapshot[]> {
    const all = await Promise.all(this.networkIds.map((id) => this.snapshots.get(id)));
    return all.filter((s): s is NetworkSnapshot => s !== undefined);
  }

  /** `replayed`: from Kamailio's journal; those calls are mostly over, so rtpengine is not told (yet). */
  private receive(message: Record<string, unknown>, replayed = false): Promise<void> {
    const key = typeof message.callId === 'string' ? message.callId : '';
    const handled = (this.inbox.get(key) ?? Promise.resolve()).then(() => this.onMessage(message, replayed))
      .catch((error: unknown) => this.log('warn', `evapi ${String(message.type)} message: ${(error as Error).message}`));
    this.inbox.set(key, handled);
    void handled.then(() => {
      if (this.inbox.get(key) === handled) this.inbox.delete(key);
    });
    return handled;
  }

  private async onMessage(message: Record<string, unknown>, replayed: boolean): Promise<void> {
    switch (message.type) {
      case 'route': return this.onRoute(message);
      case 'failsafe': return this.onFailsafe(message);
      case 'answered': return this.onAnswered(message, replayed);
      case 'transfer': return this.onTransfer(message, replayed);
      case 'hangup':
      case 'failed':
      case 'cancelled': return this.onEnded(message);
    }
  }

  /**
   * Where the call goes: the first network that owns the number decides. A request whose time is
   * already up (it waited in an overloaded node's queue past Kamailio's route timeout) is not
   * answered: Kamailio has routed that call through its failsafe and will say so; the time goes
   * to the requests that can still be answered in time.
   */
  private async onRoute(message: Record<string, unknown>): Promise<void> {
    const waited = requestAge(message);
    if (waited !== null && typeof message.timeoutMs === 'number' && waited > message.timeoutMs) {
      this.shed(waited);
      return;
    }
    const received = performance.now();
    const reply = (uri: string | null, kind: string) => {
      this.kamailio.send({ type: 'route', tindex: message.tindex, tlabel: message.tlabel, uri: uri ?? '', kind, to: message.to });
      this.routeTimes[this.routed++ % this.routeTimes.length] = performance.now() - received;
    };
    let to: E164;
    try {
      to = parsePhoneNumber(message.to, 'to');
    } catch {
      reply(null, 'unknown_number');
      return;
    }
    for (const snapshot of await this.current()) {
      const route = decideRoute(snapshot, { to });
      if (route.kind === 'unknown_number') continue;
      const uri = routeUri(this.targets, route);
      reply(uri, route.kind);
      // The failsafe may have taken the call already (this answer came too late): that call stands.
      if (typeof message.callId === 'string' && !this.calls.has(message.callId)) this.open(snapshot, message.callId, message, to, route, Date.now());
      return;
    }
    reply(null, 'unknown_number');
  }

  /** Overload, said once a second at most: how many route requests were let go, and how late. */
  private shed(waited: number): void {
    this.shedCount++;
    this.shedSinceReport++;
    const now = Date.now();
    if (now - this.shedReportedAt < 1000) return;
    this.log('warn', `overloaded: ${this.shedSinceReport} route request(s) not answered, their time was up (the latest waited ${Math.round(waited)} ms); Kamailio's failsafe routed those calls at its timer`);
    this.shedReportedAt = now;
    this.shedSinceReport = 0;
  }

  /** Route requests let go because their time was up (overload), since start. */
  get shedRequests(): number {
    return this.shedCount;
  }

  /**
   * B9: Kamailio routed the call by itself to the number's continuity destination. The call is
   * followed from here as that continuity call, replacing whatever a late route answer set up.
   */
  private async onFailsafe(message: Record<string, unknown>): Promise<void> {
    if (typeof message.callId !== 'string') return;
    const cause = FAILSAFE_CAUSES.includes(String(message.reason)) ? message.reason as FailsafeCause : 'switchboard_timeout';
    let to: E164;
    try {
      to = parsePhoneNumber(message.to, 'to');
    } catch {
      return;
    }
    for (const snapshot of await this.current()) {
      const route = failsafeRoute(snapshot, to, cause);
      if (route === undefined) continue;
      this.open(snapshot, message.callId, message, to, route, eventTime(message));
      this.log('warn', `call ${message.callId} to ${to} was routed by the failsafe (${cause}) to ${String(message.uri)}`);
      return;
    }
  }

  /** A call to follow from now on: connected at `startedAt` (epoch ms), routed by `route`. */
  private open(snapshot: NetworkSnapshot, callId: string, message: Record<string, unknown>, to: E164, route: RouteDecision, startedAt: number): void {
    let from = ANONYMOUS;
    try {
      from = parsePhoneNumber(message.from, 'from');
    } catch {
      // an anonymous or unreadable caller id: no exclusion can match it
    }
    const session = new RecordingSession(snapshot, readCall({ direction: 'inbound', from, to }), route);
    session.apply(readEvents([{ type: 'connected', at: 0 }])[0]!);
    this.calls.set(callId, { callId, networkId: snapshot.networkId, from, to, route, startedAt, session, mediaUp: false, answeredBy: null, recording: false, control: Promise.resolve(), controlFailed: false, ended: false });
  }

  /** What happened while no Switchboard was connected, in order; then recording follows the calls still up. */
  private async onJournal(events: Record<string, unknown>[]): Promise<void> {
    await Promise.all(events.map((event) => this.receive(event, true)));
    await Promise.all([...this.calls.values()].map((call) => this.followQuietly(call)));
  }

  private async onAnswered(message: Record<string, unknown>, replayed: boolean): Promise<void> {
    const call = typeof message.callId === 'string' ? this.calls.get(message.callId) : undefined;
    if (call === undefined || call.mediaUp) return;
    call.mediaUp = true;
    const { route } = call;
    // A voice agent or an external number takes the call by itself (the decision knows from the
    // route); an employee answers their own calls; a queue's answering agent names themself.
    const agent = typeof message.agent === 'string' && message.agent !== '' ? message.agent : undefined;
    const at = callTime(call, message);
    const employeeId = route.kind === 'direct_line' ? route.employeeId
      : route.kind === 'workflow' && route.target.kind === 'employee' ? route.target.employeeId
        : route.kind === 'workflow' && route.target.kind === 'queue' ? agent ?? null : null;
    const answered = route.kind === 'direct_line' || (route.kind === 'workflow' && route.target.kind === 'employee') ? { type: 'answered', at }
      : employeeId !== null ? { type: 'answered', at, employeeId } : null;
    if (answered !== null) {
      try {
        call.session.apply(readEvents([answered])[0]!);
        call.answeredBy = employeeId;
      } catch (error) {
        this.log('warn', `call ${call.callId}: ${(error as Error).message}`);
      }
    }
    if (!replayed) await this.followQuietly(call);
  }

  /**
   * R9 R14: a transfer Kamailio saw: a REFER in the call (the agent transferred it) or a 3xx to the
   * INVITE (the callee redirected it, e.g. a phone forwarding to a mobile). The target URI is read
   * back through the SIP targets: a queue or an employee is a transfer (R9; before the answer, a
   * queue is a redirect, R6), an external number a forward (R14). The call becomes the new
   * employee's, or nobody's until someone answers.
   */
  private async onTransfer(message: Record<string, unknown>, replayed: boolean): Promise<void> {
    const call = typeof message.callId === 'string' ? this.calls.get(message.callId) : undefined;
    if (call === undefined || typeof message.target !== 'string') return;
    const at = callTime(call, message);
    const answered = call.session.events.some((event) => event.type === 'answered');
    const readings = targetsOf(this.targets, message.target).flatMap(({ kind, value }): { event: Record<string, unknown>; employee: string | null }[] => {
      switch (kind) {
        case 'queue': return [{ event: answered ? { type: 'transferred_to_queue', at, queueId: value } : { type: 'redirected', at, queueId: value }, employee: null }];
        case 'employee': return [{ event: { type: 'transferred_to_employee', at, employeeId: value }, employee: value }];
        case 'number': return [{ event: { type: 'forwarded', at, number: value }, employee: null }];
        case 'voiceAgent': return [];
      }
    });
    const problems: string[] = [];
    for (const { event, employee } of readings) {
      try {
        call.session.apply(readEvents([event])[0]!);
      } catch (error) {
        problems.push((error as Error).message);
        continue;
      }
      call.answeredBy = employee;
      this.log('info', `call ${call.callId}: ${String(event.type)} to ${message.target}`);
      if (!replayed) await this.followQuietly(call);
      return;
    }
    this.log('warn', `call ${call.callId}: a ${String(message.how)} to ${message.target} matches no queue, employee or external number of the network; the recording plan is unchanged${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`);
  }

  private async onEnded(message: Record<string, unknown>): Promise<void> {
    const call = typeof message.callId === 'string' ? this.calls.get(message.callId) : undefined;
    if (call === undefined) return;
    this.calls.delete(call.callId);
    call.ended = true;
    const plan = call.session.apply(readEvents([{ type: 'hangup', at: callTime(call, message) }])[0]!);
    await call.control;
    const callLogId = await logCall(this.store.db, { networkId: call.networkId, startedAt: new Date(call.startedAt).toISOString(), direction: 'inbound', from: call.from, to: call.to, plan, source: 'sip' });
    if (this.recorder !== null && callLogId !== null && plan.segments.length > 0) {
      await this.recorder.finish({ networkId: call.networkId, callLogId, tenantId: plan.linkedTenantId ?? plan.coreTenantId, sipCallId: call.callId, segments: plan.segments, ...(call.controlFailed ? { cutFrom: call.startedAt } : {}) })
        .catch((error: unknown) => this.log('warn', `recording of call ${call.callId}: ${(error as Error).message}`));
    }
  }

  /** B9: the failsafe table, whole on (re)connect, else the changes. */
  private async supplyFailsafe(whole: boolean): Promise<void> {
    this.failsafe.supply(await this.current(), whole);
  }
}
