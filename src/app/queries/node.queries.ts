/**
 * This node as the edges see it: whether its database answers, its snapshot of a network, and the
 * changes it hears of (the agents' banner follows them, C12).
 */
import { NetworkSnapshot } from '../../domain/snapshot.js';
import { loadNetworkData } from '../../store/network-data.repository.js';
import type { Change } from '../../store/change-feed.js';
import { isDatabaseUnavailable, type Dialect } from '../../store/db.js';
import type { Application } from '../application.js';
import { storeHealth } from './store-health.js';

export type { Change };

/** Whether an error means the database cannot be reached now (the edges answer 503 database_unavailable). */
export const databaseUnavailable = isDatabaseUnavailable;

/** Whether the database answers now (a `select 1`, given 2 s). */
export const databaseHealth = (app: Application): Promise<{ up: boolean; database: Dialect }> => storeHealth(app.store);

/** This node's health: its database, and whether it routes calls now (it does from its snapshot without the database). */
export async function nodeHealth(app: Application): Promise<{ database: Dialect; databaseUp: boolean; servingCalls: boolean }> {
  const { up, database } = await databaseHealth(app);
  return { database, databaseUp: up, servingCalls: app.calls.servingCalls() };
}

/** The network's snapshot on this node (what calls are decided by), loading it the first time. */
export async function snapshotOf(app: Application, networkId: string): Promise<NetworkSnapshot | undefined> {
  return app.snapshots?.get(networkId);
}

/** The network's settings as a snapshot, read now (the command line keeps no snapshots); undefined for no such network. */
export async function snapshotNow(app: Application, networkId: string): Promise<NetworkSnapshot | undefined> {
  const kept = await snapshotOf(app, networkId);
  if (kept !== undefined) return kept;
  const data = await loadNetworkData(app.store.db, networkId);
  return data === undefined ? undefined : NetworkSnapshot.build(data);
}

/**
 * Calls `listener` with the network's snapshot after each committed change of the given kinds
 * (a change another process made counts as any kind), once this node's snapshot holds it.
 * Returns the way to stop.
 */
export function followChanges(
  app: Application,
  networkId: string,
  kinds: (kind: string) => boolean,
  listener: (snapshot: NetworkSnapshot, change: Change) => void,
  onError: (error: unknown) => void,
): () => void {
  return app.store.feed.subscribe((change) => {
    if (change.networkId !== networkId || !(kinds(change.kind) || change.kind === 'external')) return;
    void app.snapshots
      ?.atLeast(networkId, change.version)
      .then((snapshot) => {
        if (snapshot !== undefined) listener(snapshot, change);
      })
      .catch(onError);
  });
}

/** Calls `listener` after each committed change of any network, once this node's snapshot holds it. Returns the way to stop. */
export function followAllChanges(app: Application, listener: (change: Change) => void): () => void {
  return app.store.feed.subscribe((change) => {
    void app.snapshots
      ?.atLeast(change.networkId, change.version)
      .then(() => listener(change))
      .catch(() => undefined);
  });
}
