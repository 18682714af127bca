/**
 * The HTTP API: Fastify with a TypeBox schema on every route (request and response), so
 * validation, types and the OpenAPI document come from one source. Built without listening, so
 * tests call it in-process (`app.inject`) and the server binds it to a port.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { sharedRateLimitStore } from './plugins/shared-rate-limits.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { HttpContext } from './context.js';
import { registerAuthentication } from './plugins/authentication.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { docsCsp, registerSecurityHeaders } from './plugins/security-headers.js';
import { registerStrictInput, strictInputOptions } from './plugins/strict-input.js';
import { agentRoutes } from './routes/agent.routes.js';
import { liveCallRoutes } from './routes/live-calls.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { continuityRoutes } from './routes/continuity.routes.js';
import { directoryEditRoutes } from './routes/directory-edit.routes.js';
import { tenantEditRoutes } from './routes/tenant-edit.routes.js';
import { directoryRoutes } from './routes/directory.routes.js';
import { eventsRoutes } from './routes/events.routes.js';
import { exclusionFileRoutes } from './routes/exclusion-files.routes.js';
import { exclusionRoutes } from './routes/exclusions.routes.js';
import { recordingSubjectRoutes } from './routes/recording-subjects.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { networkRoutes } from './routes/networks.routes.js';
import { overviewRoutes } from './routes/overview.routes.js';
import { scheduleRoutes } from './routes/schedules.routes.js';
import { approvalRoutes } from './routes/approvals.routes.js';
import { drillRoutes } from './routes/drill.routes.js';
import { recordingDefaultsRoutes } from './routes/recording-defaults.routes.js';
import { sessionRoutes } from './routes/session.routes.js';
import { tenantRoutes } from './routes/tenants.routes.js';
import { retentionRoutes } from './routes/retention.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { testCallRoutes } from './routes/test-call.routes.js';
import { tokenRoutes } from './routes/tokens.routes.js';
import { twilioAccountRoutes } from './routes/twilio-account.routes.js';
import { ErrorResponse } from './schemas.js';
import { registerWebApp } from './web/web-app.js';

export interface AppOptions {
  readonly logLevel?: string;
  /** The built web UI (web/dist) to serve at `/`; without it `/` leads to the API documentation. */
  readonly webRoot?: string;
  /** Telephony webhooks served beside the API (the Twilio-compatible edge's), public and signed. */
  readonly webhooks?: readonly FastifyPluginAsync[];
}

/** Fastify's trustProxy from the setting; a hop count as the function proxy-addr makes of one. */
function trustProxyOption(setting: boolean | number | readonly string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return typeof setting === 'boolean' ? setting : [...setting];
}

export async function buildApp(context: HttpContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent' },
    bodyLimit: 1024 * 1024,
    // Event streams (C12) stay open; shutting down must not wait for them.
    forceCloseConnections: true,
    // The client's address (request.ip) through the proxies the operator names, and no others.
    trustProxy: trustProxyOption(context.config.trustProxy ?? false),
    ...strictInputOptions(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ErrorResponse);
  registerSecurityHeaders(app, { hsts: context.config.hsts ?? false });
  await app.register(cookie);
  // X5: one file per upload (a second is seen and refused by name, uploads.ts); its size is limited per route.
  await app.register(multipart, { limits: { files: 2, fields: 10, parts: 12, fieldSize: 1024 } });
  // Counted in the database with several nodes (PostgreSQL), so a limit holds across them; in memory on one node.
  const counts = context.app.rateLimits;
  await app.register(rateLimit, { global: false, ...(counts === null ? {} : { store: sharedRateLimitStore(counts), skipOnError: true }) });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Switchboard API',
        version: '0.1.0',
        description: 'Call Continuity, recording policy, audit and test calls for every tenant of a network.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' }, ...docsCsp });
  registerErrorHandler(app);
  registerStrictInput(app);
  registerAuthentication(app, context.app);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  if (options.webRoot === undefined) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, (_request, reply) => reply.redirect('/api/docs'));
  } else {
    await registerWebApp(app, options.webRoot);
  }
  await app.register(healthRoutes, context);
  await app.register(sessionRoutes, context);
  await app.register(networkRoutes, context);
  await app.register(tenantRoutes, context);
  await app.register(retentionRoutes, context);
  await app.register(webhookRoutes, context);
  await app.register(continuityRoutes, context);
  await app.register(recordingDefaultsRoutes, context);
  await app.register(testCallRoutes, context);
  await app.register(auditRoutes, context);
  await app.register(overviewRoutes, context);
  await app.register(scheduleRoutes, context);
  await app.register(approvalRoutes, context);
  await app.register(drillRoutes, context);
  await app.register(eventsRoutes, context);
  await app.register(recordingSubjectRoutes, context);
  await app.register(exclusionRoutes, context);
  await app.register(exclusionFileRoutes, context);
  await app.register(directoryRoutes, context);
  await app.register(tenantEditRoutes, context);
  await app.register(directoryEditRoutes, context);
  await app.register(agentRoutes, context);
  await app.register(liveCallRoutes, context);
  await app.register(tokenRoutes, context);
  await app.register(twilioAccountRoutes, context);
  for (const webhooks of options.webhooks ?? []) await app.register(webhooks);
  return app;
}
