/**
 * Issue 14: a network's account on a Twilio-compatible provider, for its administrators: read
 * (the SID, never the token) and set. The auth token is sealed here, before the command runs, so
 * that no stored command, audit entry or answer ever holds it in the clear.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AccountSid, authTokenPurpose, setTwilioAccount } from '../../../app/commands/twilio-account.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as providers from '../../../app/policies/provider.policy.js';
import { twilioAccountView } from '../../../app/queries/twilio.queries.js';
import { errors } from '../../../shared/errors.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { errorResponses, NetworkParams } from '../schemas.js';

const AccountView = Type.Object({
  accountSid: Type.String(),
  updatedAt: Type.String(),
  authToken: Type.Literal('set', { description: 'the token is kept sealed and never shown' }),
});

export const twilioAccountRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/twilio',
    {
      schema: {
        tags: ['twilio'],
        summary: "The network's Twilio-compatible provider account (its SID; never the auth token)",
        params: NetworkParams,
        response: { 200: Type.Object({ account: Type.Union([AccountView, Type.Null()]) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(providers.can(scope.actor, 'manage', scope), providers.REFUSAL);
      const account = await twilioAccountView(app, scope.networkId);
      return { account: account === null ? null : { ...account, authToken: 'set' as const } };
    },
  );

  server.put(
    '/api/networks/:networkId/twilio',
    {
      schema: {
        tags: ['twilio'],
        summary: "Set the network's Twilio-compatible provider account: its SID and auth token (sealed, never shown again)",
        params: NetworkParams,
        body: Type.Object(
          { accountSid: AccountSid, authToken: Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ account: AccountView }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(providers.can(scope.actor, 'manage', scope), providers.REFUSAL);
      if (app.secrets === null)
        throw errors.notConfigured(
          'SWITCHBOARD_SECRET_KEY',
          'SWITCHBOARD_SECRET_KEY is not set on this node: a provider auth token is only kept sealed with it (openssl rand -hex 32, the same on every node).',
        );
      const { accountSid, authToken } = request.body;
      const authTokenSealed = app.secrets.seal(authToken, authTokenPurpose(accountSid));
      const saved = await app.commands.run(setTwilioAccount, scope.networkId, byOf(request, scope), { accountSid, authTokenSealed });
      return { account: { ...saved, authToken: 'set' as const } };
    },
  );
};
