/** What every route needs: storage, the node's snapshots, and the configuration. */
import type { Config } from '../../config.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import type { SipEdge } from '../sip/sip-edge.js';

export interface AppContext {
  readonly store: Store;
  readonly snapshots: SnapshotCache;
  readonly config: Pick<Config, 'secureCookies' | 'sessionHours' | 'loginRatePerMinute'> & Partial<Pick<Config, 'importLimits' | 'dataDir' | 'hsts' | 'trustProxy' | 'streamsPerUser'>>;
  /** The SIP edge's calls in progress, when this node runs one. */
  readonly liveCalls?: Pick<SipEdge, 'liveCalls' | 'agentEvent'>;
}
