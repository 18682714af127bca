/** What every route gets: the application layer, the configuration, and this node's live calls. */
import type { Application } from '../../app/application.js';
import type { Config } from '../../config.js';
import type { SipEdge } from '../sip/sip-edge.js';

export interface HttpContext {
  readonly app: Application;
  readonly config: Pick<Config, 'secureCookies' | 'sessionHours' | 'loginRatePerMinute'> & Partial<Pick<Config, 'importLimits' | 'dataDir' | 'hsts' | 'trustProxy' | 'streamsPerUser'>>;
  /** The SIP edge's calls in progress, when this node runs one. */
  readonly liveCalls?: Pick<SipEdge, 'liveCalls' | 'agentEvent'>;
}
