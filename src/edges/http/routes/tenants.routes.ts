/** Tenants, and their core recording settings (L2, with the L3 warning as a field). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from 'typebox';
import { updateCoreRecording, updateMaxPause, updateRecordingConsent } from '../../../app/commands/core-recording-updater.js';
import { RetentionSchema, updateRetention } from '../../../app/commands/retention.js';
import type { Command } from '../../../app/commands/command.js';

import { MAX_PAUSE_SECONDS } from '../../../domain/model.js';
import { tenants as tenantsOf, visibleTenant } from '../../../app/queries/directory.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import * as tenants from '../../../app/policies/tenant.policy.js';
import { presentTenant, TenantView, type VersionedTenant } from '../presenters/tenant.presenter.js';
import { CoreMode, errorResponses, NetworkParams, TenantParams, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';
import { IfMatch } from '../writes.js';

export const tenantRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/tenants',
    {
      schema: {
        tags: ['tenants'],
        summary: 'The tenants the caller can see',
        params: NetworkParams,
        response: { 200: Type.Object({ tenants: Type.Array(TenantView) }), ...errorResponses },
      },
    },
    async (request) => {
      const { actor, networkId } = networkScope(request, request.params.networkId);
      const visible = (await tenantsOf(app, networkId)).filter((r) => tenants.can(actor, 'view', { networkId, tenantId: r.tenant.id }));
      return { tenants: visible.map((r) => presentTenant(actor, networkId, r)) };
    },
  );

  server.get(
    '/api/networks/:networkId/tenants/:tenantId',
    {
      schema: { tags: ['tenants'], summary: 'One tenant', params: TenantParams, response: { 200: TenantView, ...errorResponses } },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const record = await visibleTenant(app, scope, request.params.tenantId);
      withETag(reply, record.version);
      return presentTenant(scope.actor, scope.networkId, record);
    },
  );

  /**
   * One part of the tenant's core recording section (L2 settings, B7 consent, B8 longest pause, B10
   * retention): saved with the section's version (If-Match), by the part's command, answered with
   * the tenant. The same validate, authorize, run and present for every part.
   */
  const corePart = <B extends TSchema>(
    path: string,
    summary: string,
    body: B,
    command: Command<TSchema, VersionedTenant>,
    input: (body: Static<B>) => Record<string, unknown>,
  ) =>
    server.put(
      `/api/networks/:networkId/tenants/:tenantId/${path}`,
      {
        schema: {
          tags: ['tenants'],
          summary: `${summary} (If-Match: the core recording settings' version)`,
          params: TenantParams,
          headers: IfMatch,
          body,
          response: { 200: TenantView, ...versionedWrites },
        },
      },
      async (request, reply) => {
        const scope = networkScope(request, request.params.networkId);
        const { tenantId } = request.params;
        await visibleTenant(app, scope, tenantId);
        const result = await app.commands.run(command, scope.networkId, byOf(request, scope), {
          tenantId,
          expectedVersion: expectedVersion(request, "tenant's core recording settings"),
          ...input(request.body as Static<B>),
        });
        withETag(reply, result.versions.coreRecording);
        return presentTenant(scope.actor, scope.networkId, result);
      },
    );

  corePart(
    'core-recording',
    "The tenant's core recording settings (L2); the response carries the L3 sync warning",
    Type.Object({ inbound: CoreMode, outbound: CoreMode }, { additionalProperties: false }),
    updateCoreRecording,
    (settings) => ({ settings }),
  );
  corePart(
    'recording-consent',
    "B7 the tenant's recording consent policy: announce where the caller's law asks (by_jurisdiction), or on every call",
    Type.Object(
      { policy: Type.Union([Type.Literal('by_jurisdiction'), Type.Literal('announce_always')]) },
      { additionalProperties: false },
    ),
    updateRecordingConsent,
    ({ policy }) => ({ policy }),
  );
  corePart(
    'recording-pause',
    "B8 how long a recording of the tenant's calls may stay paused before it resumes by itself, seconds",
    Type.Object(
      { maxPauseSeconds: Type.Integer({ minimum: MAX_PAUSE_SECONDS.min, maximum: MAX_PAUSE_SECONDS.max }) },
      { additionalProperties: false },
    ),
    updateMaxPause,
    ({ maxPauseSeconds }) => ({ maxPauseSeconds }),
  );
  corePart(
    'recording-retention',
    'B10 how many days the tenant keeps each kind of recording (null: for ever); older ones are deleted, audited, unless held',
    RetentionSchema,
    updateRetention,
    (retention) => ({ retention }),
  );
};
