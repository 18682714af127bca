/**
 * @fastify/rate-limit's store on the application's shared counts (issue 13): with several nodes on
 * PostgreSQL a user's limit holds whichever node the load balancer sends each request to. One
 * store per route (its method and path prefix the key), as the plugin's own stores do.
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Application } from '../../../app/application.js';

type Counts = NonNullable<Application['rateLimits']>;

export function sharedRateLimitStore(counts: Counts): FastifyRateLimitStoreCtor {
  class SharedStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = 'rl:',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      counts.hit(`${this.prefix}${key}`, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: unknown) => callback(error as Error),
      );
    }

    child(routeOptions: { method?: string | string[]; path: string; prefix: string }): FastifyRateLimitStore {
      return new SharedStore({}, `rl:${String(routeOptions.method)} ${routeOptions.path}:`);
    }
  }
  return SharedStore;
}
