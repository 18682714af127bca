/** Calls in progress shared by the nodes of a deployment (PostgreSQL): who follows each, and what rebuilds it. */
import type { Executor } from './db.js';

export interface LiveCallRow {
  readonly source: string;
  readonly callId: string;
  readonly networkId: string;
  readonly nodeId: string;
  readonly state: unknown;
  readonly view: unknown;
  readonly updatedAt: number;
}

/** Writes the call as it is now, followed by `nodeId`. */
export async function saveLiveCall(db: Executor, row: Omit<LiveCallRow, 'updatedAt'>): Promise<void> {
  const values = {
    source: row.source,
    call_id: row.callId,
    network_id: row.networkId,
    node_id: row.nodeId,
    state: JSON.stringify(row.state),
    view: JSON.stringify(row.view),
    updated_at: Date.now(),
  };
  await db
    .insertInto('live_calls')
    .values(values)
    .onConflict((conflict) =>
      conflict
        .columns(['source', 'call_id'])
        .doUpdateSet({ node_id: values.node_id, state: values.state, view: values.view, updated_at: values.updated_at }),
    )
    .execute();
}

export async function deleteLiveCall(db: Executor, source: string, callId: string): Promise<void> {
  await db.deleteFrom('live_calls').where('source', '=', source).where('call_id', '=', callId).execute();
}

const toRow = (r: {
  source: string;
  call_id: string;
  network_id: string;
  node_id: string;
  state: string;
  view: string;
  updated_at: number | string;
}): LiveCallRow => ({
  source: r.source,
  callId: r.call_id,
  networkId: r.network_id,
  nodeId: r.node_id,
  state: JSON.parse(r.state) as unknown,
  view: JSON.parse(r.view) as unknown,
  updatedAt: Number(r.updated_at),
});

export async function liveCallsOf(db: Executor, networkId: string): Promise<LiveCallRow[]> {
  return (await db.selectFrom('live_calls').selectAll().where('network_id', '=', networkId).execute()).map(toRow);
}

/** The call with this id, from any edge (SIP Call-IDs and CallSids do not collide). */
export async function liveCall(db: Executor, callId: string): Promise<LiveCallRow | undefined> {
  const row = await db.selectFrom('live_calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

/** Takes the call over from `from` (a node that is gone); false when another node took it first. */
export async function claimLiveCall(db: Executor, source: string, callId: string, from: string, to: string): Promise<boolean> {
  const result = await db
    .updateTable('live_calls')
    .set({ node_id: to, updated_at: Date.now() })
    .where('source', '=', source)
    .where('call_id', '=', callId)
    .where('node_id', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Calls followed by none of `liveNodeIds` and unchanged for `quietMs`: their node is gone, and so may be their end's event. */
export async function orphanedLiveCalls(db: Executor, liveNodeIds: readonly string[], quietMs: number): Promise<LiveCallRow[]> {
  let query = db
    .selectFrom('live_calls')
    .selectAll()
    .where('updated_at', '<', Date.now() - quietMs);
  if (liveNodeIds.length > 0) query = query.where('node_id', 'not in', liveNodeIds);
  return (await query.execute()).map(toRow);
}

/** Forgets calls whose end never came (lost events): a day after their last change. */
export async function forgetStaleLiveCalls(db: Executor, olderThanMs: number): Promise<void> {
  await db
    .deleteFrom('live_calls')
    .where('updated_at', '<', Date.now() - olderThanMs)
    .execute();
}
