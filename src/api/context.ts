/** What every route needs: storage, the node's snapshots, and the configuration. */
import type { Config } from '../config.js';
import type { SnapshotCache } from '../runtime/snapshot-cache.js';
import type { Store } from '../store/db.js';

export interface AppContext {
  readonly store: Store;
  readonly snapshots: SnapshotCache;
  readonly config: Pick<Config, 'secureCookies' | 'sessionHours' | 'loginRatePerMinute'> & Partial<Pick<Config, 'importLimits'>>;
}
