/**
 * Issue 15, the network overview: inbound calls per 5 minutes over the last hours by where they
 * went (the normal workflow, Call Continuity, or the edge's failsafe, B9), with the recordings made
 * and paused, for the network or one tenant, from the call log (L5). The continuity switches of
 * the window come with it, so an administrator sees whether a switch took effect: after it, the
 * calls move from one series to the other.
 */
import { listAudit } from '../../store/audit.repository.js';
import { callTraffic, type TrafficRow } from '../../store/call-log.repository.js';
import type { Application } from '../application.js';
import type { Scope } from '../policies/scope.js';
import { readableTenants } from './visible-tenants.js';

export const BUCKET_MINUTES = 5;
const BUCKET_MS = BUCKET_MINUTES * 60_000;

export interface TrafficBucket {
  /** The bucket's start (ISO 8601, UTC). */
  readonly at: string;
  readonly workflow: number;
  readonly continuity: number;
  readonly failsafe: number;
  readonly recorded: number;
  readonly paused: number;
}

export interface ContinuitySwitch {
  readonly at: string;
  readonly enabled: boolean;
  readonly actor: string;
  readonly tenantIds: readonly string[];
  /** Turn On / Off For All rather than one tenant's switch. */
  readonly forAll: boolean;
}

export interface Overview {
  readonly from: string;
  readonly to: string;
  readonly bucketMinutes: number;
  readonly buckets: readonly TrafficBucket[];
  readonly totals: Omit<TrafficBucket, 'at'>;
  readonly switches: readonly ContinuitySwitch[];
}

const SWITCH_ACTIONS = ['continuity.switch_on', 'continuity.switch_off', 'continuity.turn_on_for_all', 'continuity.turn_off_for_all'];

/** Where a call went, as the overview counts it: a failsafe call is the failsafe's, whatever its route. */
export function destinationOf(row: TrafficRow): 'workflow' | 'continuity' | 'failsafe' {
  if (row.failsafe) return 'failsafe';
  return row.routeKind === 'continuity' ? 'continuity' : 'workflow';
}

/** Counts calls into 5-minute buckets from `from` (aligned to 5 minutes) up to `to`; empty buckets are zeros. */
export function bucketTraffic(rows: readonly TrafficRow[], from: number, to: number): TrafficBucket[] {
  const start = Math.floor(from / BUCKET_MS) * BUCKET_MS;
  const count = Math.max(1, Math.ceil((to - start) / BUCKET_MS));
  const buckets = Array.from({ length: count }, (_, i) => ({
    at: new Date(start + i * BUCKET_MS).toISOString(),
    workflow: 0,
    continuity: 0,
    failsafe: 0,
    recorded: 0,
    paused: 0,
  }));
  for (const row of rows) {
    const index = Math.floor((Date.parse(row.startedAt) - start) / BUCKET_MS);
    const bucket = buckets[index];
    if (bucket === undefined) continue;
    bucket[destinationOf(row)]++;
    if (row.recorded) bucket.recorded++;
    if (row.paused) bucket.paused++;
  }
  return buckets;
}

export async function overview(
  app: Application,
  scope: Scope,
  options: { tenantId?: string; hours: number; now?: number },
): Promise<Overview> {
  const to = options.now ?? Date.now();
  const from = Math.floor((to - options.hours * 3600_000) / BUCKET_MS) * BUCKET_MS;
  const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const tenantIds = await readableTenants(app.store.db, scope, options.tenantId);
  const [rows, ...switchLists] = await Promise.all([
    callTraffic(app.store.db, scope.networkId, window, tenantIds),
    ...SWITCH_ACTIONS.map((action) =>
      listAudit(
        app.store.db,
        scope.networkId,
        { action, ...window, ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }) },
        500,
      ),
    ),
  ]);
  const buckets = bucketTraffic(rows, from, to);
  const totals = { workflow: 0, continuity: 0, failsafe: 0, recorded: 0, paused: 0 };
  for (const b of buckets) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += b[key];
  const visible = tenantIds === undefined ? undefined : new Set(tenantIds);
  const switches = switchLists
    .flat()
    .map((entry) => ({
      at: entry.at,
      enabled: entry.action === 'continuity.switch_on' || entry.action === 'continuity.turn_on_for_all',
      actor: entry.actor.name,
      tenantIds: visible === undefined ? entry.tenantIds : entry.tenantIds.filter((id) => visible.has(id)),
      forAll: entry.action.endsWith('_for_all'),
    }))
    .filter((s) => s.tenantIds.length > 0)
    .sort((a, b) => a.at.localeCompare(b.at));
  return { ...window, bucketMinutes: BUCKET_MINUTES, buckets, totals, switches };
}
