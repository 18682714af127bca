/** What every route gets: the application layer and the configuration. */
import type { Application } from '../../app/application.js';
import type { Config } from '../../config.js';

export interface HttpContext {
  readonly app: Application;
  readonly config: Pick<Config, 'secureCookies' | 'sessionHours' | 'loginRatePerMinute'> &
    Partial<Pick<Config, 'importLimits' | 'dataDir' | 'hsts' | 'trustProxy' | 'streamsPerUser' | 'metricsToken' | 'webhooksAllowPrivate'>>;
}
