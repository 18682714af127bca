/**
 * Who is calling: a browser's session cookie or a machine's bearer token, checked on every
 * request except the routes marked public (health, sign-in, telephony webhooks). A signed-in
 * browser's write must also carry the session's CSRF token (X-CSRF-Token).
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../../shared/errors.js';
import type { Application } from '../../../app/application.js';
import { sessionUser, tokenUser } from '../../../app/queries/identity.queries.js';
import { hashSecret } from '../../../app/auth/secrets.js';
import type { Actor } from '../../../app/policies/actor.js';

export const SESSION_COOKIE = 'sb_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who a credential belongs to, remembered for 2 seconds so a busy client does not cost three
 * queries per request. A revoked token or a changed permission takes effect within that time;
 * signing out takes effect at once (docs/decisions/0033-identity-cache.md).
 */
const IDENTITY_TTL_MS = 2000;
const IDENTITY_CACHE_MAX = 10_000;
const identities = new Map<string, { actor: Actor | null; expires: number }>();

/** Forgets a signed-out session at once (on this node; others within the cache's 2 seconds). */
export function forgetIdentity(sessionSecret: string): void {
  identities.delete(`session:${hashSecret(sessionSecret)}`);
}

/** Forgets a revoked token at once (on this node; others within the cache's 2 seconds). */
export function forgetToken(tokenHash: string): void {
  identities.delete(`token:${tokenHash}`);
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** No authentication: health, sign-in, webhooks that verify their own signature. */
    public?: boolean;
    /** B8: an API token of this scope may call the route (a scoped token may call only its scope's routes). */
    tokenScope?: 'recording_pause';
  }
}

export function registerAuthentication(server: FastifyInstance, app: Application): void {
  server.decorateRequest('actor', null);
  server.addHook('onRequest', async (request) => {
    request.actor = await identify(request, app);
    // The interactive API documentation is public like the OpenAPI document it shows.
    if (request.routeOptions.config.public === true || request.routeOptions.url?.startsWith('/api/docs') === true) return;
    if (request.actor === null) throw errors.unauthenticated();
    // Network scope first, for every route at once: another network's anything is a 404, before
    // the body is even validated.
    const networkId = (request.params as { networkId?: string } | undefined)?.networkId;
    if (networkId !== undefined && networkId !== request.actor.networkId) throw errors.notFound('network', networkId);
    // B8: a scoped token reaches its scope's routes only, whatever its user may do elsewhere.
    const scope = request.actor.tokenScope ?? null;
    if (scope !== null && request.routeOptions.config.tokenScope !== scope)
      throw errors.forbidden(`use this API token here (its scope is ${scope}: it may only pause and resume recordings)`);
    if (
      request.actor.via === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== request.actor.csrfToken
    ) {
      throw errors.csrf();
    }
  });
}

async function identify(request: FastifyRequest, app: Application): Promise<Actor | null> {
  const header = request.headers.authorization;
  let credential: { kind: 'token' | 'session'; hash: string } | null = null;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match === null) return null;
    credential = { kind: 'token', hash: hashSecret(match[1]!) };
  } else {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie !== undefined) credential = { kind: 'session', hash: hashSecret(cookie) };
  }
  if (credential === null) return null;
  const now = Date.now();
  const key = `${credential.kind}:${credential.hash}`;
  const cached = identities.get(key);
  if (cached !== undefined && cached.expires > now) return cached.actor;
  const actor = credential.kind === 'token' ? await fromToken(app, credential.hash) : await fromSession(app, credential.hash);
  if (identities.size >= IDENTITY_CACHE_MAX) identities.clear();
  identities.set(key, { actor, expires: now + IDENTITY_TTL_MS });
  return actor;
}

async function fromToken(app: Application, tokenHash: string): Promise<Actor | null> {
  const user = await tokenUser(app, tokenHash);
  return user === undefined ? null : { ...user, via: 'token', csrfToken: null };
}

async function fromSession(app: Application, idHash: string): Promise<Actor | null> {
  const found = await sessionUser(app, idHash);
  return found === undefined ? null : { ...found.user, via: 'session', csrfToken: found.csrfToken };
}

/** The caller, for a route that is not public (the hook has already refused anonymous calls). */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw errors.unauthenticated();
  return request.actor;
}
