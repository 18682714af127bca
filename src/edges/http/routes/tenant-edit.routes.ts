/** Creating and changing tenants, and their tracking numbers: each a command (src/app/commands). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { WorkflowSchema } from '../../../app/commands/directory-rules.js';
import { createTenant, updateTenantDetails } from '../../../app/commands/tenant-directory.js';
import { changeWorkflow, createTrackingNumber, deleteTrackingNumber } from '../../../app/commands/tracking-number-directory.js';
import { tenantOf, visibleTenant } from '../../../app/queries/directory.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { CoreMode, errorResponses, Name, NetworkParams, PhoneInput, versionedWrites } from '../schemas.js';
import { expectedVersion } from '../versions.js';
import { created, Id, IfMatch, params, saved, Saved } from '../writes.js';

const Workflow = WorkflowSchema;
const VoiceAgentsEnabled = Type.Object({ contactCenter: Type.Boolean(), core: Type.Boolean() }, { additionalProperties: false });

export const tenantEditRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.post(
    '/api/networks/:networkId/tenants',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Create a tenant (continuity off, no destination yet: C1)',
        params: NetworkParams,
        body: Type.Object(
          {
            name: Name,
            contactCenterActive: Type.Optional(Type.Boolean()),
            timeZone: Type.Optional(
              Type.String({ maxLength: 64, description: 'B1: IANA name, e.g. America/Los_Angeles (schedules are set and shown in it)' }),
            ),
            voiceAgentsEnabled: Type.Optional(VoiceAgentsEnabled),
            coreRecording: Type.Optional(Type.Object({ inbound: CoreMode, outbound: CoreMode }, { additionalProperties: false })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Saved, ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      return created(reply, await app.commands.run(createTenant, scope.networkId, byOf(request, scope), request.body));
    },
  );

  server.patch(
    '/api/networks/:networkId/tenants/:tenantId',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Rename a tenant, mark it live on the contact center, enable its voice agents (If-Match)',
        params: params('tenantId'),
        headers: IfMatch,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            contactCenterActive: Type.Optional(Type.Boolean()),
            timeZone: Type.Optional(
              Type.String({ maxLength: 64, description: 'B1: IANA name, e.g. America/Los_Angeles (schedules are set and shown in it)' }),
            ),
            voiceAgentsEnabled: Type.Optional(VoiceAgentsEnabled),
          },
          { additionalProperties: false },
        ),
        response: { 200: Saved, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { tenantId } = request.params;
      await visibleTenant(app, scope, tenantId);
      return saved(
        reply,
        await app.commands.run(updateTenantDetails, scope.networkId, byOf(request, scope), {
          tenantId,
          expectedVersion: expectedVersion(request, 'tenant'),
          ...request.body,
        }),
      );
    },
  );

  server.post(
    '/api/networks/:networkId/tracking-numbers',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Add a tracking number to a tenant, with its workflow and optional continuity number (C6)',
        params: NetworkParams,
        body: Type.Object(
          { tenantId: Id, number: PhoneInput, workflow: Workflow, continuityNumber: Type.Optional(Type.Union([PhoneInput, Type.Null()])) },
          { additionalProperties: false },
        ),
        response: { 201: Saved, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      return created(reply, await app.commands.run(createTrackingNumber, scope.networkId, byOf(request, scope), request.body));
    },
  );

  server.put(
    '/api/networks/:networkId/tracking-numbers/:trackingNumberId/workflow',
    {
      schema: {
        tags: ['tenants'],
        summary: "Where a tracking number's calls go while continuity is off (If-Match)",
        params: params('trackingNumberId'),
        headers: IfMatch,
        body: Type.Object({ workflow: Workflow }, { additionalProperties: false }),
        response: { 200: Saved, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { trackingNumberId } = request.params;
      const tenantId = await tenantOf(app, scope, 'tracking number', trackingNumberId);
      return saved(
        reply,
        await app.commands.run(changeWorkflow, scope.networkId, byOf(request, scope), {
          tenantId,
          trackingNumberId,
          expectedVersion: expectedVersion(request, 'tracking number'),
          workflow: request.body.workflow,
        }),
      );
    },
  );

  server.delete(
    '/api/networks/:networkId/tracking-numbers/:trackingNumberId',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Remove a tracking number (If-Match)',
        params: params('trackingNumberId'),
        headers: IfMatch,
        response: { 204: Type.Null(), ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { trackingNumberId } = request.params;
      const tenantId = await tenantOf(app, scope, 'tracking number', trackingNumberId);
      await app.commands.run(deleteTrackingNumber, scope.networkId, byOf(request, scope), {
        tenantId,
        trackingNumberId,
        expectedVersion: expectedVersion(request, 'tracking number'),
      });
      return reply.status(204).send(null);
    },
  );
};
