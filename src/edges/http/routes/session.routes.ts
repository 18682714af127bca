/** Sign in, who am I (with abilities), sign out. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../shared/errors.js';
import { hashSecret } from '../../../app/auth/secrets.js';
import { endSession, user as userOf } from '../../../app/queries/identity.queries.js';
import { snapshotOf } from '../../../app/queries/node.queries.js';
import { signIn } from '../../../app/commands/sign-in.js';
import type { HttpContext } from '../context.js';
import { actorOf, forgetIdentity, SESSION_COOKIE } from '../plugins/authentication.js';
import { presentMe, Me } from '../presenters/me.presenter.js';
import { errorResponses } from '../schemas.js';

export const sessionRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, context) => {
  const { app, config } = context;

  server.post(
    '/api/session',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        description:
          'Wrong passwords are limited per address and account, and slowed per account (429 with Retry-After); a correct password is never counted.',
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Me, 401: Type.Ref('ErrorResponse'), 422: Type.Ref('ErrorResponse'), 429: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      let session;
      try {
        session = await signIn(app, config, { ...request.body, address: request.ip });
      } catch (error) {
        const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
        if (typeof wait === 'number') void reply.header('retry-after', String(wait));
        throw error;
      }
      void reply.setCookie(SESSION_COOKIE, session.secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
        path: '/',
        expires: session.expires,
      });
      const user = (await userOf(app, session.userId))!;
      return presentMe({ ...user, via: 'session', csrfToken: session.csrfToken }, await snapshotOf(app, user.networkId));
    },
  );

  server.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'The signed-in user, their network and what they may do',
        response: { 200: Me, 401: errorResponses[401] },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentMe(actor, await snapshotOf(app, actor.networkId));
    },
  );

  server.delete(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out',
        response: { 204: Type.Null(), 401: errorResponses[401], 403: errorResponses[403] },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie !== undefined) {
        await endSession(app, hashSecret(cookie));
        forgetIdentity(cookie);
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};
