/**
 * Issue 13: calls in progress shared by the nodes of a deployment on PostgreSQL, so that no call
 * depends on one process. The node that follows a call keeps its row in `live_calls` current (its
 * state and its view); any node's agent console lists every node's calls from those rows; an agent's
 * action on a call another node follows is sent to that node (NOTIFY switchboard_calls) and
 * answered by it; and a call whose node is gone (an event for it reaches this node, or its node
 * does not answer) is adopted: rebuilt from its row on this node's snapshot, claimed in the row,
 * and followed from there, its recording driven through rtpengine by this node (decision 0110).
 */
import { randomUUID } from 'node:crypto';
import type { NetworkSnapshot } from '../../domain/snapshot.js';
import type { ClusterMembership } from '../../runtime/cluster-membership.js';
import type { CallMessage } from '../../store/change-feed.js';
import type { Store } from '../../store/db.js';
import {
  claimLiveCall,
  deleteLiveCall,
  forgetStaleLiveCalls,
  liveCall,
  liveCallsOf,
  orphanedLiveCalls,
  saveLiveCall,
  type LiveCallRow,
} from '../../store/live-calls.repository.js';
import { CallSession, type AgentAction, type CallState, type LiveCallView } from './call-session.js';

/** How long a node waits for the node that follows a call to act on it before adopting it. */
const FORWARD_WAIT_MS = 2000;

/** What one node asks another, and what it answers. */
type CallRequest =
  | { readonly kind: 'action'; readonly networkId: string; readonly callId: string; readonly type: AgentAction }
  | { readonly kind: 'released'; readonly callId: string };
export type CallAnswer =
  | { readonly kind: 'result'; readonly ok: true; readonly view: LiveCallView }
  | { readonly kind: 'result'; readonly ok: false; readonly reason: 'not_here' | 'recording_control'; readonly message: string };

export class SharedCalls {
  /** Each call's row writes, one after another. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, (answer: CallAnswer) => void>();
  private readonly unsubscribe: () => void;
  private warnedAt = 0;
  /** Calls that ended here (the latest 10,000): their rows are not written again. */
  private readonly ended = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly cluster: ClusterMembership,
    /** Another node asks this one to act on a call it follows. */
    private readonly onRequest: (request: Extract<CallRequest, { kind: 'action' }>) => Promise<CallAnswer>,
    /** Another node took over a call this one followed (this one was cut off): forget it here. */
    private readonly onReleased: (callId: string) => void,
    private readonly warn: (message: string) => void,
  ) {
    this.unsubscribe = store.feed.subscribeCalls((message) => void this.heard(message));
  }

  get nodeId(): string {
    return this.cluster.nodeId;
  }

  close(): void {
    this.unsubscribe();
  }

  /** Writes the call's row as it is now (after the writes before it); never fails the caller: a database gone is waited out by the next write. */
  save(session: CallSession): Promise<void> {
    if (this.ended.has(session.callId)) return Promise.resolve();
    const row = {
      source: session.source,
      callId: session.callId,
      networkId: session.networkId,
      nodeId: this.nodeId,
      state: session.state(),
      view: session.view(),
    };
    return this.queue(session.callId, () => saveLiveCall(this.store.db, row));
  }

  /**
   * Issue 13: writes the call's row and waits for it `ms` at most: a call is in the record before
   * its edge is told where it goes, so that a node dying right after answering leaves a call the
   * next node can adopt (its later events go there). A database slow or gone holds the answer up
   * `ms` at most: the call is routed all the same, and shared when the database answers.
   */
  async saveWithin(session: CallSession, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.save(session), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** The call ended: its row goes (after its last write). */
  remove(session: CallSession): Promise<void> {
    // No write of the call after this one (a late save would bring its row back).
    this.ended.add(session.callId);
    if (this.ended.size > 10_000) this.ended.delete(this.ended.values().next().value!);
    return this.queue(session.callId, () => deleteLiveCall(this.store.db, session.source, session.callId)).then(() => {
      this.writes.delete(session.callId);
    });
  }

  /** Every node's calls in the network, as their rows say (none while the database is gone). */
  async views(networkId: string): Promise<LiveCallView[]> {
    try {
      return (await liveCallsOf(this.store.db, networkId)).map((row) => row.view as LiveCallView);
    } catch {
      return [];
    }
  }

  /** The call's row, if any node follows it. */
  async row(callId: string): Promise<LiveCallRow | undefined> {
    try {
      return await liveCall(this.store.db, callId);
    } catch {
      return undefined;
    }
  }

  /**
   * Takes the call over from the node that followed it: claims its row and rebuilds it on
   * `snapshot`. Undefined when another node claimed it first.
   */
  async adopt(row: LiveCallRow, snapshot: NetworkSnapshot): Promise<CallSession | undefined> {
    // A row of this node's for a call it no longer holds: the call ended here, its row is going.
    if (row.nodeId === this.nodeId) return undefined;
    if (!(await claimLiveCall(this.store.db, row.source, row.callId, row.nodeId, this.nodeId))) return undefined;
    let session: CallSession;
    try {
      session = CallSession.restore(row.state as CallState, snapshot);
    } catch (error) {
      this.warn(`call ${row.callId}: could not be taken over from node ${row.nodeId} (${(error as Error).message})`);
      return undefined;
    }
    this.warn(`call ${row.callId}: adopted from node ${row.nodeId} (gone, or no longer reached by its edge)`);
    void this.store.feed.sendCall({
      to: row.nodeId,
      from: this.nodeId,
      requestId: randomUUID(),
      body: { kind: 'released', callId: row.callId },
    });
    return session;
  }

  /**
   * Calls whose node is gone and that nothing has changed for `quietMs`, when this node holds the
   * single-owner job of looking after them (an advisory lock: one node of the deployment at a time).
   * The media edge then asks its media server whether each is still up, and ends those that are not.
   */
  async orphans(quietMs: number): Promise<LiveCallRow[]> {
    try {
      if (!(await this.store.feed.tryLock('switchboard:orphaned-calls'))) return [];
      return await orphanedLiveCalls(this.store.db, await this.cluster.liveNodeIds(), quietMs);
    } catch {
      return [];
    }
  }

  /** Forgets rows of calls whose end never came (lost events), as each node forgets its own after a day. */
  async sweep(olderThanMs: number): Promise<void> {
    await forgetStaleLiveCalls(this.store.db, olderThanMs).catch(() => undefined);
  }

  /** Whether the node that follows a call is alive. */
  isAlive(nodeId: string): Promise<boolean> {
    return this.cluster.isAlive(nodeId);
  }

  /** Asks the node that follows the call to act on it; undefined when it did not answer in time. */
  async forward(nodeId: string, request: Extract<CallRequest, { kind: 'action' }>): Promise<CallAnswer | undefined> {
    const requestId = randomUUID();
    const answered = new Promise<CallAnswer | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        resolve(undefined);
      }, FORWARD_WAIT_MS);
      this.waiting.set(requestId, (answer) => {
        clearTimeout(timer);
        this.waiting.delete(requestId);
        resolve(answer);
      });
    });
    if (!(await this.store.feed.sendCall({ to: nodeId, from: this.nodeId, requestId, body: request }))) {
      this.waiting.delete(requestId);
      return undefined;
    }
    return answered;
  }

  private queue(callId: string, write: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(callId) ?? Promise.resolve()).then(write).catch((error: unknown) => {
      if (Date.now() - this.warnedAt > 10_000) {
        this.warnedAt = Date.now();
        this.warn(`live calls: could not share a call's state (${(error as Error).message}); it is followed here meanwhile`);
      }
    });
    this.writes.set(callId, next);
    return next;
  }

  private async heard(message: CallMessage): Promise<void> {
    if (message.to !== this.nodeId) return;
    const body = message.body as CallRequest | CallAnswer;
    if (body.kind === 'result') {
      this.waiting.get(message.requestId)?.(body);
      return;
    }
    if (body.kind === 'released') {
      this.onReleased(body.callId);
      return;
    }
    const answer = await this.onRequest(body);
    await this.store.feed.sendCall({ to: message.from, from: this.nodeId, requestId: message.requestId, body: answer });
  }
}
