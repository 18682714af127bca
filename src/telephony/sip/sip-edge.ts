/**
 * Switchboard's side of the SIP edge. Kamailio suspends every new INVITE and asks, over evapi,
 * where it goes; this answers from the live snapshot with `decideRoute` (so a continuity switch
 * applies to the very next call, C13) and the deployment's SIP targets. It keeps Kamailio's
 * failsafe table supplied with every tracking number's continuity destination (B9), follows each
 * call's answer and hang-up, and logs the finished call (L5).
 */
import { continuityDestinationOf } from '../../domain/continuity.js';
import { decideRecording } from '../../domain/decide-recording.js';
import { decideRoute, type RouteDecision } from '../../domain/decide-route.js';
import { parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import { readCall, readEvents } from '../../domain/scenario.js';
import type { NetworkSnapshot } from '../../domain/snapshot.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import { logCall } from '../../store/call-log.repository.js';
import type { Store } from '../../store/db.js';
import { listNetworkIds } from '../../store/networks.repository.js';
import type { EvapiClient } from './evapi-client.js';
import { continuityUri, routeUri, type SipTargets } from './sip-targets.js';

interface LiveCall {
  readonly networkId: string;
  readonly from: string;
  readonly to: E164;
  readonly route: RouteDecision;
  readonly startedAt: number;
  readonly events: { type: string; at: number; employeeId?: string }[];
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

export class SipEdge {
  private readonly calls = new Map<string, LiveCall>();
  /** The failsafe table as Kamailio has it: number → URI. */
  private readonly failsafe = new Map<string, string>();
  private networkIds: string[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly snapshots: SnapshotCache,
    private readonly targets: SipTargets,
    private readonly kamailio: EvapiClient,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
  ) {}

  async start(): Promise<void> {
    this.networkIds = await listNetworkIds(this.store.db);
    this.kamailio.on('connected', () => void this.supplyFailsafe(true).catch((error: unknown) => this.log('warn', `failsafe table: ${(error as Error).message}`)));
    this.kamailio.on('message', (message) => void this.onMessage(message).catch((error: unknown) => this.log('warn', `evapi message: ${(error as Error).message}`)));
    this.unsubscribe = this.store.feed.subscribe((change) => {
      if (!this.networkIds.includes(change.networkId)) this.networkIds = [...this.networkIds, change.networkId];
      void this.snapshots.atLeast(change.networkId, change.version).then(() => this.supplyFailsafe(false))
        .catch((error: unknown) => this.log('warn', `failsafe table: ${(error as Error).message}`));
    });
    this.kamailio.start();
  }

  close(): void {
    this.unsubscribe?.();
    this.kamailio.close();
  }

  private async current(): Promise<NetworkSnapshot[]> {
    const all = await Promise.all(this.networkIds.map((id) => this.snapshots.get(id)));
    return all.filter((s): s is NetworkSnapshot => s !== undefined);
  }

  private async onMessage(message: Record<string, unknown>): Promise<void> {
    switch (message.type) {
      case 'route': return this.onRoute(message);
      case 'answered': return this.onAnswered(message);
      case 'hangup':
      case 'failed': return this.onEnded(message);
    }
  }

  /** Where the call goes: the first network that owns the number decides. */
  private async onRoute(message: Record<string, unknown>): Promise<void> {
    const reply = (uri: string | null, kind: string) =>
      this.kamailio.send({ type: 'route', tindex: message.tindex, tlabel: message.tlabel, uri: uri ?? '', kind, to: message.to });
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
      if (typeof message.callId === 'string') {
        this.calls.set(message.callId, { networkId: snapshot.networkId, from: String(message.from ?? ''), to, route, startedAt: Date.now(), events: [{ type: 'connected', at: 0 }] });
      }
      return;
    }
    reply(null, 'unknown_number');
  }

  private onAnswered(message: Record<string, unknown>): void {
    const call = typeof message.callId === 'string' ? this.calls.get(message.callId) : undefined;
    if (call === undefined || call.events.some((e) => e.type === 'answered')) return;
    const { route } = call;
    // A voice agent or an external number takes the call by itself (the decision knows from the
    // route); an employee answers their own calls; a queue's answering agent names themself.
    const agent = typeof message.agent === 'string' && message.agent !== '' ? message.agent : undefined;
    if (route.kind === 'direct_line' || (route.kind === 'workflow' && route.target.kind === 'employee')) call.events.push({ type: 'answered', at: seconds(call.startedAt) });
    else if (route.kind === 'workflow' && route.target.kind === 'queue' && agent !== undefined) call.events.push({ type: 'answered', at: seconds(call.startedAt), employeeId: agent });
  }

  private async onEnded(message: Record<string, unknown>): Promise<void> {
    const call = typeof message.callId === 'string' ? this.calls.get(message.callId) : undefined;
    if (call === undefined) return;
    this.calls.delete(message.callId as string);
    const snapshot = await this.snapshots.get(call.networkId);
    if (snapshot === undefined) return;
    const inbound = readCall({ direction: 'inbound', from: call.from.startsWith('+') ? call.from : `+${call.from}`, to: call.to });
    const events = readEvents([...call.events, { type: 'hangup', at: Math.max(seconds(call.startedAt), call.events.at(-1)!.at) }]);
    const plan = decideRecording(snapshot, inbound, events);
    await logCall(this.store.db, { networkId: call.networkId, startedAt: new Date(call.startedAt).toISOString(), direction: 'inbound', from: inbound.direction === 'inbound' ? inbound.from : null, to: call.to, plan, source: 'sip' });
  }

  /** B9: every tracking number's continuity destination, sent whole on (re)connect, else as changes. */
  private async supplyFailsafe(whole: boolean): Promise<void> {
    const next = new Map<string, string>();
    for (const snapshot of await this.current()) {
      for (const tenant of snapshot.tenants) {
        for (const tn of snapshot.trackingNumbersOf(tenant.id)) {
          const destination = continuityDestinationOf(snapshot, tn, tenant);
          if (destination !== undefined) next.set(tn.number, continuityUri(this.targets, destination));
        }
      }
    }
    if (whole) this.failsafe.clear();
    for (const [number, uri] of next) {
      if (this.failsafe.get(number) !== uri && this.kamailio.send({ type: 'failsafe', number, uri })) this.failsafe.set(number, uri);
    }
    for (const number of [...this.failsafe.keys()]) {
      if (!next.has(number) && this.kamailio.send({ type: 'failsafe', number, uri: '' })) this.failsafe.delete(number);
    }
  }
}
