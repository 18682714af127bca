/** Sign in, who am I (with abilities), sign out. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../shared/errors.js';
import { deleteSession, getUser } from '../../../store/users.repository.js';
import { LoginThrottle } from '../../../app/auth/login-throttle.js';
import { hashSecret } from '../../../app/auth/secrets.js';
import { signIn } from '../../../app/commands/sign-in.js';
import type { AppContext } from '../context.js';
import { actorOf, forgetIdentity, SESSION_COOKIE } from '../plugins/authentication.js';
import { presentMe, Me } from '../presenters/me.presenter.js';
import { errorResponses } from '../schemas.js';

export const sessionRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, context) => {
  const { store, config, snapshots } = context;

  const throttle = new LoginThrottle(store, config.loginRatePerMinute);

  app.post('/api/session', {
    config: { public: true },
    schema: {
      tags: ['session'],
      summary: 'Sign in',
      description: 'Wrong passwords are limited per address and account, and slowed per account (429 with Retry-After); a correct password is never counted.',
      body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Me, 401: Type.Ref('ErrorResponse'), 422: Type.Ref('ErrorResponse'), 429: Type.Ref('ErrorResponse') },
    },
  }, async (request, reply) => {
    let session;
    try {
      session = await signIn(store, throttle, config.sessionHours, { ...request.body, address: request.ip });
    } catch (error) {
      const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
      if (typeof wait === 'number') void reply.header('retry-after', String(wait));
      throw error;
    }
    void reply.setCookie(SESSION_COOKIE, session.secret, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/', expires: session.expires });
    const user = (await getUser(store.db, session.userId))!;
    return presentMe({ ...user, via: 'session', csrfToken: session.csrfToken }, await snapshots.get(user.networkId));
  });

  app.get('/api/session', {
    schema: { tags: ['session'], summary: 'The signed-in user, their network and what they may do', response: { 200: Me, 401: errorResponses[401] } },
  }, async (request) => {
    const actor = actorOf(request);
    return presentMe(actor, await snapshots.get(actor.networkId));
  });

  app.delete('/api/session', {
    schema: { tags: ['session'], summary: 'Sign out', response: { 204: Type.Null(), 401: errorResponses[401], 403: errorResponses[403] } },
  }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie !== undefined) {
      await deleteSession(store.db, hashSecret(cookie));
      forgetIdentity(cookie);
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
};

