/** Tenants, and their core recording settings (L2, with the L3 warning as a field). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { updateCoreRecording, updateMaxPause, updateRecordingConsent } from '../../../app/commands/core-recording-updater.js';
import { MAX_PAUSE_SECONDS } from '../../../domain/model.js';
import { tenants as tenantsOf, visibleTenant } from '../../../app/queries/directory.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import * as tenants from '../../../app/policies/tenant.policy.js';
import { presentTenant, TenantView } from '../presenters/tenant.presenter.js';
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

  server.put(
    '/api/networks/:networkId/tenants/:tenantId/core-recording',
    {
      schema: {
        tags: ['tenants'],
        summary: "The tenant's core recording settings (L2); the response carries the L3 sync warning",
        params: TenantParams,
        headers: IfMatch,
        body: Type.Object({ inbound: CoreMode, outbound: CoreMode }, { additionalProperties: false }),
        response: { 200: TenantView, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { tenantId } = request.params;
      await visibleTenant(app, scope, tenantId);
      const result = await app.commands.run(updateCoreRecording, scope.networkId, byOf(request, scope), {
        tenantId,
        expectedVersion: expectedVersion(request, "tenant's core recording settings"),
        settings: request.body,
      });
      withETag(reply, result.versions.coreRecording);
      return presentTenant(scope.actor, scope.networkId, result);
    },
  );

  server.put(
    '/api/networks/:networkId/tenants/:tenantId/recording-consent',
    {
      schema: {
        tags: ['tenants'],
        summary:
          "B7 the tenant's recording consent policy: announce where the caller's law asks (by_jurisdiction), or on every call (If-Match: the core recording settings' version)",
        params: TenantParams,
        headers: IfMatch,
        body: Type.Object(
          { policy: Type.Union([Type.Literal('by_jurisdiction'), Type.Literal('announce_always')]) },
          { additionalProperties: false },
        ),
        response: { 200: TenantView, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { tenantId } = request.params;
      await visibleTenant(app, scope, tenantId);
      const result = await app.commands.run(updateRecordingConsent, scope.networkId, byOf(request, scope), {
        tenantId,
        expectedVersion: expectedVersion(request, "tenant's core recording settings"),
        policy: request.body.policy,
      });
      withETag(reply, result.versions.coreRecording);
      return presentTenant(scope.actor, scope.networkId, result);
    },
  );

  server.put(
    '/api/networks/:networkId/tenants/:tenantId/recording-pause',
    {
      schema: {
        tags: ['tenants'],
        summary:
          "B8 how long a recording of the tenant's calls may stay paused before it resumes by itself, seconds (If-Match: the core recording settings' version)",
        params: TenantParams,
        headers: IfMatch,
        body: Type.Object(
          { maxPauseSeconds: Type.Integer({ minimum: MAX_PAUSE_SECONDS.min, maximum: MAX_PAUSE_SECONDS.max }) },
          { additionalProperties: false },
        ),
        response: { 200: TenantView, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { tenantId } = request.params;
      await visibleTenant(app, scope, tenantId);
      const result = await app.commands.run(updateMaxPause, scope.networkId, byOf(request, scope), {
        tenantId,
        expectedVersion: expectedVersion(request, "tenant's core recording settings"),
        maxPauseSeconds: request.body.maxPauseSeconds,
      });
      withETag(reply, result.versions.coreRecording);
      return presentTenant(scope.actor, scope.networkId, result);
    },
  );
};
