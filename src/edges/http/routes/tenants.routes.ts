/** Tenants, and their core recording settings (L2, with the L3 warning as a field). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../../shared/errors.js';
import { getTenant, listTenants } from '../../../store/tenants.repository.js';
import { updateCoreRecording } from '../../../app/commands/core-recording-updater.js';
import type { AppContext } from '../context.js';
import { networkScope } from '../network-scope.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as tenants from '../../../app/policies/tenant.policy.js';
import { auditActor, presentTenant, TenantView } from '../presenters/tenant.presenter.js';
import { CoreMode, errorResponses, NetworkParams, TenantParams, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';

export const tenantRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { store, snapshots }) => {
  app.get('/api/networks/:networkId/tenants', {
    schema: { tags: ['tenants'], summary: 'The tenants the caller can see', params: NetworkParams, response: { 200: Type.Object({ tenants: Type.Array(TenantView) }), ...errorResponses } },
  }, async (request) => {
    const { actor, networkId } = networkScope(request, request.params.networkId);
    const visible = (await listTenants(store.db, networkId)).filter((r) => tenants.can(actor, 'view', { networkId, tenantId: r.tenant.id }));
    return { tenants: visible.map((r) => presentTenant(actor, networkId, r.tenant, r.version)) };
  });

  app.get('/api/networks/:networkId/tenants/:tenantId', {
    schema: { tags: ['tenants'], summary: 'One tenant', params: TenantParams, response: { 200: TenantView, ...errorResponses } },
  }, async (request, reply) => {
    const { actor, networkId } = networkScope(request, request.params.networkId);
    const record = await getTenant(store.db, networkId, request.params.tenantId);
    if (record === undefined || !tenants.can(actor, 'view', { networkId, tenantId: record.tenant.id })) throw errors.notFound('tenant', request.params.tenantId);
    withETag(reply, record.version);
    return presentTenant(actor, networkId, record.tenant, record.version);
  });

  app.put('/api/networks/:networkId/tenants/:tenantId/core-recording', {
    schema: {
      tags: ['tenants'],
      summary: "The tenant's core recording settings (L2); the response carries the L3 sync warning",
      params: TenantParams,
      headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
      body: Type.Object({ inbound: CoreMode, outbound: CoreMode }, { additionalProperties: false }),
      response: { 200: TenantView, ...versionedWrites },
    },
  }, async (request, reply) => {
    const { actor, networkId } = networkScope(request, request.params.networkId);
    const { tenantId } = request.params;
    const current = await getTenant(store.db, networkId, tenantId);
    if (current === undefined || !tenants.can(actor, 'view', { networkId, tenantId })) throw errors.notFound('tenant', tenantId);
    authorize(tenants.can(actor, 'edit_core_recording', { networkId, tenantId }), "change this tenant's core recording settings (needs phone_settings)");
    const result = await updateCoreRecording(store, snapshots, auditActor(actor, request), networkId, tenantId, expectedVersion(request, 'tenant'), request.body);
    withETag(reply, result.version);
    return presentTenant(actor, networkId, result.tenant, result.version);
  });
};
