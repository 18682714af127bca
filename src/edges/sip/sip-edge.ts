/**
 * Switchboard's side of the SIP edge: Kamailio's protocol turned into typed call events for the
 * application's call sessions (app/calls), and what the sessions ask carried out. Kamailio
 * suspends every new INVITE and asks, over evapi, where it goes; the answer is the route the
 * application decides from the live snapshot (C13), as a SIP URI of the deployment's targets.
 * Numbers are parsed once, here. This edge keeps Kamailio's failsafe table supplied (B9), makes
 * each call's recording follow its plan through rtpengine, and joins the audio when it ends.
 */
import type { CallSession } from '../../app/calls/call-session.js';
import type { CallSessions } from '../../app/calls/call-sessions.js';
import { followAllChanges } from '../../app/queries/node.queries.js';
import type { Application } from '../../app/application.js';
import type { FailsafeCause } from '../../domain/decide-route.js';
import { attemptOutcomeOf } from '../../domain/continuity.js';
import { consentStampOf } from '../../domain/consent.js';
import { recordingKindOf } from '../../domain/retention.js';
import { asE164, parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import type { CallRecorder } from './recording/call-recorder.js';
import type { EvapiClient } from './evapi-client.js';
import { FailsafeTable } from './failsafe-table.js';
import type { OptionsProbe } from './options-probe.js';
import { SipEdgeJobs } from './sip-edge-jobs.js';
import { MediaControl } from './media-control.js';
import type { SipTargets } from '../../config.js';
import { chainOf, routeUri } from './sip-targets.js';
import { transferTargetsOf } from '../target-templates.js';

/** An anonymous caller (no number in From) matches no exclusion. */
const ANONYMOUS = asE164('+10000000000', 'from');
const SOURCE = 'sip';
const FAILSAFE_CAUSES: readonly string[] = [
  'switchboard_timeout',
  'switchboard_not_connected',
  'switchboard_unreachable',
  'switchboard_no_route',
] satisfies FailsafeCause[];

/** When Kamailio saw it (epoch ms; its `at` is "seconds.microseconds"), else now. */
function eventTime(message: Record<string, unknown>): number {
  const at = typeof message.at === 'string' ? Number(message.at) * 1000 : NaN;
  return Number.isFinite(at) && at > 0 ? at : Date.now();
}

/** How long ago Kamailio asked (its `at`), ms; null when it did not say. Clocks agree (NTP). */
function requestAge(message: Record<string, unknown>): number | null {
  const at = Number(message.at);
  return typeof message.at === 'string' && Number.isFinite(at) ? Date.now() - at * 1000 : null;
}

/** The caller's number, once; an anonymous or unreadable caller id matches no exclusion. */
function callerOf(message: Record<string, unknown>): E164 {
  try {
    return parsePhoneNumber(message.from, 'from');
  } catch {
    return ANONYMOUS;
  }
}

const tagOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function dialledOf(message: Record<string, unknown>): E164 | null {
  try {
    return parsePhoneNumber(message.to, 'to');
  } catch {
    return null;
  }
}

export class SipEdge {
  private readonly failsafe: FailsafeTable;
  private readonly rtp: MediaControl;
  /** How long the last route answers took here, milliseconds (a ring of the latest 10,000). */
  private readonly routeTimes = new Float64Array(10_000);
  private routed = 0;
  private unsubscribe: (() => void) | null = null;
  /** Each call's messages are handled in the order they came, one at a time; calls do not wait for each other. */
  private readonly inbox = new Map<string, Promise<void>>();
  private shedCount = 0;
  private readonly jobs: SipEdgeJobs;
  private shedSinceReport = 0;
  private shedReportedAt = 0;

  constructor(
    private readonly app: Application,
    private readonly calls: CallSessions,
    private readonly targets: SipTargets,
    /**
     * What rtpengine plays: B6 the message when a continuity call's chain is spent, B7 the consent
     * announcement before a call is recorded where the caller's law asks ('' for none), and its
     * length (ms).
     */
    private readonly media: { readonly continuityMessage: string; readonly consentAnnouncement: string; readonly consentMs: number },
    private readonly kamailio: EvapiClient,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
    private readonly recorder: CallRecorder | null = null,
    /** Answers Kamailio's dispatcher probes for this node (absent in tests that drive the edge alone). */
    private readonly probe: OptionsProbe | null = null,
  ) {
    this.failsafe = new FailsafeTable(targets, kamailio, media.continuityMessage);
    this.jobs = new SipEdgeJobs(app, recorder, {
      receive: (message, replayed) => this.receive(message, replayed),
      followAll: () => Promise.all(this.calls.all().map((session) => this.followQuietly(session))).then(() => undefined),
      log,
    });
    this.rtp = new MediaControl(
      recorder,
      media.consentAnnouncement === ''
        ? null
        : {
            file: media.consentAnnouncement,
            durationMs: media.consentMs,
            played: (session) =>
              void this.inOrder(session.callId, () => this.onAnnounced(session)).catch((error: unknown) =>
                this.log('warn', `call ${session.callId}: ${(error as Error).message}`),
              ),
            failed: (session, problem) => {
              this.app.metrics.recordingControlFailures.inc();
              this.log('warn', `call ${session.callId}: ${problem} (B7)`);
            },
          },
    );
    calls.controlMediaWith(SOURCE, (session) => this.rtp.follow(session), this.rtp.announces);
    calls.callsArriveWhile(() => this.kamailio.isConnected);
    // A call taken over from a node that is gone: rtpengine is told what its plan says now.
    calls.onHandover({
      adopted: (session) => {
        if (session.source !== SOURCE) return;
        this.rtp.adopt(session.callId);
        void this.followQuietly(session);
      },
      released: (callId) => this.rtp.forget(callId),
    });
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

  /** Route requests let go because their time was up (overload), since start. */
  get shedRequests(): number {
    return this.shedCount;
  }

  async start(): Promise<void> {
    await this.probe?.start();
    this.jobs.start();
    this.kamailio.on(
      'connected',
      () => void this.supplyFailsafe(true).catch((error: unknown) => this.log('warn', `failsafe table: ${(error as Error).message}`)),
    );
    this.kamailio.on('message', (message) => void this.receive(message));
    this.unsubscribe = followAllChanges(
      this.app,
      () => void this.supplyFailsafe(false).catch((error: unknown) => this.log('warn', `failsafe table: ${(error as Error).message}`)),
    );
    this.kamailio.start();
  }

  /** Kamailio has accepted this node (it may be sent calls). */
  get connected(): boolean {
    return this.kamailio.isConnected;
  }

  close(): void {
    this.jobs.stop();
    this.probe?.close();
    this.unsubscribe?.();
    this.kamailio.close();
  }

  /** `replayed`: kept by Kamailio while no node was connected; those calls are mostly over, so rtpengine is not told (yet). */
  private receive(message: Record<string, unknown>, replayed = false): Promise<void> {
    return this.inOrder(typeof message.callId === 'string' ? message.callId : '', () => this.onMessage(message, replayed)).catch(
      (error: unknown) => this.log('warn', `evapi ${String(message.type)} message: ${(error as Error).message}`),
    );
  }

  /** Runs `handle` after everything already under way for the call `key`. */
  private inOrder(key: string, handle: () => Promise<void>): Promise<void> {
    const handled = (this.inbox.get(key) ?? Promise.resolve()).then(handle);
    const settled = handled.catch(() => undefined);
    this.inbox.set(key, settled);
    void settled.then(() => {
      if (this.inbox.get(key) === settled) this.inbox.delete(key);
    });
    return handled;
  }

  private async onMessage(message: Record<string, unknown>, replayed: boolean): Promise<void> {
    if (message.type === 'route') return this.onRoute(message);
    if (typeof message.callId !== 'string') return;
    const callId = message.callId;
    switch (message.type) {
      case 'failsafe':
        return this.onFailsafe(callId, message);
      case 'answered':
        return this.onAnswered(callId, message, replayed);
      case 'transfer':
        return this.onTransfer(callId, message, replayed);
      case 'attempt_failed':
        return this.onAttemptFailed(callId, message);
      case 'message':
        return void this.log('info', `call ${callId}: every continuity destination failed; the recorded message plays`);
      case 'hangup':
      case 'failed':
      case 'cancelled':
        return this.onEnded(callId, message);
    }
  }

  /**
   * Where the call goes. A request whose time is already up (it waited in an overloaded node's
   * queue past Kamailio's route timeout) is not answered: Kamailio has routed that call through
   * its failsafe and will say so; the time goes to the requests that can still be answered.
   */
  private async onRoute(message: Record<string, unknown>): Promise<void> {
    const waited = requestAge(message);
    if (waited !== null && typeof message.timeoutMs === 'number' && waited > message.timeoutMs) {
      this.shed(waited);
      return;
    }
    const received = performance.now();
    const reply = (uri: string | null, kind: string, chain: string | null = null) => {
      this.kamailio.send({
        type: 'route',
        tindex: message.tindex,
        tlabel: message.tlabel,
        uri: uri ?? '',
        kind,
        to: message.to,
        chain: chain ?? '',
      });
      this.routeTimes[this.routed++ % this.routeTimes.length] = performance.now() - received;
    };
    const to = dialledOf(message);
    if (to === null) return reply(null, 'unknown_number');
    const callId = typeof message.callId === 'string' ? message.callId : '';
    const decided = await this.calls.route({ callId, from: callerOf(message), to, at: Date.now(), source: SOURCE });
    if (decided === undefined) return reply(null, 'unknown_number');
    reply(routeUri(this.targets, decided.route), decided.route.kind, chainOf(this.targets, decided.route, this.media.continuityMessage));
  }

  /** Overload, said once a second at most: how many route requests were let go, and how late. */
  private shed(waited: number): void {
    this.shedCount++;
    this.shedSinceReport++;
    const now = Date.now();
    if (now - this.shedReportedAt < 1000) return;
    this.log(
      'warn',
      `overloaded: ${this.shedSinceReport} route request(s) not answered, their time was up (the latest waited ${Math.round(waited)} ms); Kamailio's failsafe routed those calls at its timer`,
    );
    this.shedReportedAt = now;
    this.shedSinceReport = 0;
  }

  /** B9: Kamailio routed the call by itself, from the table of each number's current route. */
  private async onFailsafe(callId: string, message: Record<string, unknown>): Promise<void> {
    const cause = FAILSAFE_CAUSES.includes(String(message.reason)) ? (message.reason as FailsafeCause) : 'switchboard_timeout';
    const to = dialledOf(message);
    if (to === null) return;
    const session = await this.calls.failsafe({ callId, from: callerOf(message), to, at: eventTime(message), cause, source: SOURCE });
    if (session !== undefined) this.log('warn', `call ${callId} to ${to} was routed by the failsafe (${cause}) to ${String(message.uri)}`);
  }

  /** B6: a continuity call's destination failed (its SIP status says how); Kamailio has put it through to the next. */
  private async onAttemptFailed(callId: string, message: Record<string, unknown>): Promise<void> {
    const session = await this.calls.find(callId);
    if (session === undefined) return;
    const status = typeof message.status === 'number' ? message.status : Number(message.status);
    const known = Number.isInteger(status) && status >= 300 && status < 700;
    const next = session.destinationFailed(eventTime(message), attemptOutcomeOf(known ? status : 500), known ? status : null);
    if (next === null) return;
    this.log('info', `call ${callId}: continuity destination failed (${known ? status : 'no status'}); next: ${next.kind}`);
    this.calls.changed(session);
  }

  private async onAnswered(callId: string, message: Record<string, unknown>, replayed: boolean): Promise<void> {
    const session = await this.calls.find(callId);
    if (session === undefined || session.mediaUp) return;
    // A queue's ACD (or whoever answers) may name the answering employee: X-Switchboard-Agent.
    const agent = typeof message.agent === 'string' && message.agent !== '' ? message.agent : null;
    // B7: the call's tags: rtpengine plays the consent announcement to the caller, the answering side held back meanwhile.
    if (this.rtp.announces) this.rtp.tags(callId, tagOf(message.fromTag), tagOf(message.toTag));
    try {
      session.answered(eventTime(message), agent);
    } catch (error) {
      this.log('warn', `call ${callId}: ${(error as Error).message}`);
    }
    this.calls.changed(session);
    if (!replayed) await this.followQuietly(session);
  }

  /**
   * R9 R14: a transfer Kamailio saw: a REFER in the call (the agent transferred it) or a 3xx to
   * the INVITE (the callee redirected it). The target URI is read back through the SIP targets.
   */
  private async onTransfer(callId: string, message: Record<string, unknown>, replayed: boolean): Promise<void> {
    const session = await this.calls.find(callId);
    if (session === undefined || typeof message.target !== 'string') return;
    const { applied, problems } = session.transferred(eventTime(message), transferTargetsOf(this.targets, message.target));
    if (applied === null) {
      this.log(
        'warn',
        `call ${callId}: a ${String(message.how)} to ${message.target} matches no queue, employee or external number of the network; the recording plan is unchanged${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`,
      );
      return;
    }
    this.log('info', `call ${callId}: ${applied.type} to ${message.target}`);
    this.calls.changed(session);
    if (!replayed) await this.followQuietly(session);
  }

  private async onEnded(callId: string, message: Record<string, unknown>): Promise<void> {
    const ended = await this.calls.ended(callId, eventTime(message));
    if (ended === undefined) return;
    const { session, plan, callLogId } = ended;
    const media = await this.rtp.end(session);
    if (this.recorder !== null && callLogId !== null && plan.segments.length > 0) {
      await this.recorder
        .finish({
          networkId: session.networkId,
          callLogId,
          tenantId: plan.linkedTenantId ?? plan.coreTenantId,
          sipCallId: callId,
          segments: plan.segments,
          consent: consentStampOf(plan),
          kind: recordingKindOf(plan),
          caller: session.from,
          ...(media.controlFailed ? { cutFrom: session.startedAt } : {}),
        })
        .catch((error: unknown) => this.log('warn', `recording of call ${callId}: ${(error as Error).message}`));
    }
  }

  /**
   * B7: the consent announcement has played to the caller: the recording held for it starts (now,
   * or whenever it is wanted again: the agent may have stopped it meanwhile; it is not played twice).
   */
  private async onAnnounced(session: CallSession): Promise<void> {
    if (session.ended || !session.announcementPending) return;
    session.announcementPlayed(Date.now());
    this.log('info', `call ${session.callId}: the consent announcement has played; recording may start (B7)`);
    this.calls.changed(session);
    await this.followQuietly(session);
  }

  private followQuietly(session: CallSession): Promise<void> {
    return this.rtp.follow(session).catch((error: unknown) => {
      this.app.metrics.recordingControlFailures.inc();
      this.log('warn', `recording of call ${session.callId}: ${(error as Error).message}`);
    });
  }

  /** B9: the failsafe table, whole on (re)connect, else the changes. */
  private async supplyFailsafe(whole: boolean): Promise<void> {
    this.failsafe.supply(await this.calls.snapshots(), whole);
  }
}
