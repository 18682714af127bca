/** Sign in, who am I (with abilities), sign out. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../errors.js';
import { deleteSession, findLogin, getUser, insertSession } from '../../store/users.repository.js';
import { hashSecret, newSecret, verifyPassword } from '../auth/secrets.js';
import type { AppContext } from '../context.js';
import { actorOf, forgetIdentity, SESSION_COOKIE } from '../plugins/authentication.js';
import { presentMe, Me } from '../presenters/me.presenter.js';
import { errorResponses } from '../schemas.js';

export const sessionRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, context) => {
  const { store, config, snapshots } = context;

  app.post('/api/session', {
    config: { public: true, rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['session'],
      summary: 'Sign in',
      body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Me, 401: Type.Ref('ErrorResponse'), 422: Type.Ref('ErrorResponse'), 429: Type.Ref('ErrorResponse') },
    },
  }, async (request, reply) => {
    const login = await findLogin(store.db, request.body.email);
    // Same answer, same work, whether the email or the password is wrong.
    const ok = await verifyPassword(request.body.password, login?.passwordHash ?? DUMMY_HASH);
    if (login === undefined || !ok) throw errors.invalidLogin();
    const secret = newSecret();
    const csrfToken = newSecret();
    const expires = new Date(Date.now() + config.sessionHours * 3600_000);
    await insertSession(store.db, { idHash: hashSecret(secret), userId: login.id, csrfToken, expiresAt: expires.toISOString() });
    void reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/', expires });
    const user = (await getUser(store.db, login.id))!;
    return presentMe({ ...user, via: 'session', csrfToken }, await snapshots.get(user.networkId));
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

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
