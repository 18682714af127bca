/** Creating, changing and deleting tenants, tracking numbers, queues, employees and voice agents. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../../shared/errors.js';
import type { Executor } from '../../../store/db.js';
import { getTenant } from '../../../store/tenants.repository.js';
import { getTrackingNumber } from '../../../store/tracking-numbers.repository.js';
import { getVoiceAgent } from '../../../store/voice-agents.repository.js';
import {
  changeWorkflow, createEmployee, createQueue, createTenant, createTrackingNumber, createVoiceAgent, deleteEmployee, deleteQueue,
  deleteTrackingNumber, deleteVoiceAgent, renameQueue, updateEmployee, updateTenantDetails, updateVoiceAgent,
} from '../../../app/commands/directory-editor.js';
import type { AppContext } from '../context.js';
import { networkScope, type Scope } from '../network-scope.js';
import { seesTenant } from '../../../app/policies/actor.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as directory from '../../../app/policies/directory.policy.js';
import { auditActor } from '../presenters/tenant.presenter.js';
import { CoreMode, errorResponses, ModeSettingSchema, Name, NetworkParams, PhoneInput, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';
import type { ChangeContext } from '../../../app/commands/audited-change.js';
import type { FastifyRequest } from 'fastify';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Saved = Type.Object({ id: Type.String(), version: Type.Integer() });
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String()) });
const Workflow = Type.Union([
  Type.Object({ kind: Type.Literal('queue'), queueId: Id }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('employee'), employeeId: Id }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('voice_agent'), voiceAgentId: Id }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('external_number'), number: PhoneInput }, { additionalProperties: false }),
], { description: 'where the tracking number sends calls while continuity is off' });
const VoiceAgentsEnabled = Type.Object({ contactCenter: Type.Boolean(), core: Type.Boolean() }, { additionalProperties: false });
const EmployeeBody = Type.Object({
  name: Name, contactCenterUser: Type.Boolean(),
  directLine: Type.Optional(Type.Union([PhoneInput, Type.Null()])), homeTenantId: Type.Optional(Type.Union([Id, Type.Null()])),
}, { additionalProperties: false });

const params = <K extends string>(...keys: K[]) => Type.Object(Object.fromEntries([['networkId', Id], ...keys.map((k) => [k, Id])]) as Record<'networkId' | K, typeof Id>);
const created = (reply: { status(code: number): { send(body: unknown): unknown } }, id: string) => reply.status(201).send({ id, version: 1 });

export const directoryEditRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, { store, snapshots }) => {
  const context = (request: FastifyRequest, scope: Scope): ChangeContext => ({ store, snapshots, actor: auditActor(scope.actor, request), networkId: scope.networkId });

  /** The tenant of a number or voice agent, or the same 404 for a missing one and one the caller cannot see. */
  const tenantOf = async (db: Executor, scope: Scope, kind: 'tracking number' | 'voice agent', id: string): Promise<string> => {
    const tenantId = kind === 'tracking number'
      ? (await getTrackingNumber(db, scope.networkId, id))?.trackingNumber.tenantId
      : (await getVoiceAgent(db, scope.networkId, id))?.voiceAgent.tenantId;
    if (tenantId === undefined || !seesTenant(scope.actor, scope.networkId, tenantId)) throw errors.notFound(kind, id);
    return tenantId;
  };

  app.post('/api/networks/:networkId/tenants', {
    schema: {
      tags: ['tenants'], summary: 'Create a tenant (continuity off, no destination yet: C1)', params: NetworkParams,
      body: Type.Object({ name: Name, contactCenterActive: Type.Optional(Type.Boolean()), voiceAgentsEnabled: Type.Optional(VoiceAgentsEnabled), coreRecording: Type.Optional(Type.Object({ inbound: CoreMode, outbound: CoreMode }, { additionalProperties: false })) }, { additionalProperties: false }),
      response: { 201: Saved, ...errorResponses },
    },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_tenants', scope), 'create tenants');
    return created(reply, await createTenant(context(request, scope), request.body));
  });

  app.patch('/api/networks/:networkId/tenants/:tenantId', {
    schema: {
      tags: ['tenants'], summary: "Rename a tenant, mark it live on the contact center, enable its voice agents (If-Match)", params: params('tenantId'), headers: IfMatch,
      body: Type.Object({ name: Type.Optional(Name), contactCenterActive: Type.Optional(Type.Boolean()), voiceAgentsEnabled: Type.Optional(VoiceAgentsEnabled) }, { additionalProperties: false }),
      response: { 200: Saved, ...versionedWrites },
    },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    const { tenantId } = request.params;
    if ((await getTenant(store.db, scope.networkId, tenantId)) === undefined || !seesTenant(scope.actor, scope.networkId, tenantId)) throw errors.notFound('tenant', tenantId);
    authorize(directory.can(scope.actor, 'manage_tenants', scope), 'change tenants');
    const version = await updateTenantDetails(context(request, scope), request.params.tenantId, expectedVersion(request, 'tenant'), request.body);
    withETag(reply, version);
    return { id: request.params.tenantId, version };
  });

  app.post('/api/networks/:networkId/tracking-numbers', {
    schema: {
      tags: ['tenants'], summary: 'Add a tracking number to a tenant, with its workflow and optional continuity number (C6)', params: NetworkParams,
      body: Type.Object({ tenantId: Id, number: PhoneInput, workflow: Workflow, continuityNumber: Type.Optional(Type.Union([PhoneInput, Type.Null()])) }, { additionalProperties: false }),
      response: { 201: Saved, ...errorResponses, 409: Type.Ref('ErrorResponse') },
    },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_numbers', { ...scope, tenantId: request.body.tenantId }), "manage this tenant's phone numbers (needs phone_settings)");
    return created(reply, await createTrackingNumber(context(request, scope), request.body));
  });

  app.put('/api/networks/:networkId/tracking-numbers/:trackingNumberId/workflow', {
    schema: { tags: ['tenants'], summary: "Where a tracking number's calls go while continuity is off (If-Match)", params: params('trackingNumberId'), headers: IfMatch, body: Type.Object({ workflow: Workflow }, { additionalProperties: false }), response: { 200: Saved, ...versionedWrites } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    const tenantId = await tenantOf(store.db, scope, 'tracking number', request.params.trackingNumberId);
    authorize(directory.can(scope.actor, 'manage_numbers', { ...scope, tenantId }), "manage this tenant's phone numbers (needs phone_settings)");
    const version = await changeWorkflow(context(request, scope), request.params.trackingNumberId, expectedVersion(request, 'tracking number'), request.body.workflow);
    withETag(reply, version);
    return { id: request.params.trackingNumberId, version };
  });

  app.delete('/api/networks/:networkId/tracking-numbers/:trackingNumberId', {
    schema: { tags: ['tenants'], summary: 'Remove a tracking number (If-Match)', params: params('trackingNumberId'), headers: IfMatch, response: { 204: Type.Null(), ...versionedWrites } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    const tenantId = await tenantOf(store.db, scope, 'tracking number', request.params.trackingNumberId);
    authorize(directory.can(scope.actor, 'manage_numbers', { ...scope, tenantId }), "manage this tenant's phone numbers (needs phone_settings)");
    await deleteTrackingNumber(context(request, scope), request.params.trackingNumberId, expectedVersion(request, 'tracking number'));
    return reply.status(204).send(null);
  });

  app.post('/api/networks/:networkId/queues', {
    schema: { tags: ['recording'], summary: 'Create a queue', params: NetworkParams, body: Type.Object({ name: Name, customRecording: Type.Optional(Type.Union([ModeSettingSchema, Type.Null()])) }, { additionalProperties: false }), response: { 201: Saved, ...errorResponses } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_contact_center', scope), 'create queues');
    return created(reply, await createQueue(context(request, scope), request.body));
  });

  app.patch('/api/networks/:networkId/queues/:queueId', {
    schema: { tags: ['recording'], summary: 'Rename a queue (If-Match)', params: params('queueId'), headers: IfMatch, body: Type.Object({ name: Name }, { additionalProperties: false }), response: { 200: Saved, ...versionedWrites } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_contact_center', scope), 'change queues');
    const version = await renameQueue(context(request, scope), request.params.queueId, expectedVersion(request, 'queue'), request.body.name);
    withETag(reply, version);
    return { id: request.params.queueId, version };
  });

  app.delete('/api/networks/:networkId/queues/:queueId', {
    schema: { tags: ['recording'], summary: 'Delete a queue no tracking number routes to (If-Match)', params: params('queueId'), headers: IfMatch, response: { 204: Type.Null(), ...versionedWrites } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_contact_center', scope), 'delete queues');
    await deleteQueue(context(request, scope), request.params.queueId, expectedVersion(request, 'queue'));
    return reply.status(204).send(null);
  });

  app.post('/api/networks/:networkId/employees', {
    schema: { tags: ['recording'], summary: 'Add an employee (a direct line is unique in the deployment)', params: NetworkParams, body: EmployeeBody, response: { 201: Saved, ...errorResponses, 409: Type.Ref('ErrorResponse') } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_contact_center', scope), 'add employees');
    return created(reply, await createEmployee(context(request, scope), request.body));
  });

  app.put('/api/networks/:networkId/employees/:employeeId', {
    schema: { tags: ['recording'], summary: "Change an employee's name, role, direct line, home tenant (If-Match)", params: params('employeeId'), headers: IfMatch, body: EmployeeBody, response: { 200: Saved, ...versionedWrites } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_contact_center', scope), 'change employees');
    const version = await updateEmployee(context(request, scope), request.params.employeeId, expectedVersion(request, 'employee'), request.body);
    withETag(reply, version);
    return { id: request.params.employeeId, version };
  });

  app.delete('/api/networks/:networkId/employees/:employeeId', {
    schema: { tags: ['recording'], summary: 'Remove an employee no tracking number routes to (If-Match)', params: params('employeeId'), headers: IfMatch, response: { 204: Type.Null(), ...versionedWrites } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_contact_center', scope), 'remove employees');
    await deleteEmployee(context(request, scope), request.params.employeeId, expectedVersion(request, 'employee'));
    return reply.status(204).send(null);
  });

  app.post('/api/networks/:networkId/voice-agents', {
    schema: { tags: ['tenants'], summary: "Add a voice agent to a tenant (C5: the oldest enabled one takes continuity calls)", params: NetworkParams, body: Type.Object({ tenantId: Id, name: Name, enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 201: Saved, ...errorResponses } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    authorize(directory.can(scope.actor, 'manage_voice_agents', { ...scope, tenantId: request.body.tenantId }), "manage this tenant's voice agents (needs phone_settings)");
    return created(reply, await createVoiceAgent(context(request, scope), request.body));
  });

  app.patch('/api/networks/:networkId/voice-agents/:voiceAgentId', {
    schema: { tags: ['tenants'], summary: 'Rename, enable or disable a voice agent (C5; If-Match)', params: params('voiceAgentId'), headers: IfMatch, body: Type.Object({ name: Type.Optional(Name), enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: Saved, ...versionedWrites } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    const tenantId = await tenantOf(store.db, scope, 'voice agent', request.params.voiceAgentId);
    authorize(directory.can(scope.actor, 'manage_voice_agents', { ...scope, tenantId }), "manage this tenant's voice agents (needs phone_settings)");
    const version = await updateVoiceAgent(context(request, scope), request.params.voiceAgentId, expectedVersion(request, 'voice agent'), request.body);
    withETag(reply, version);
    return { id: request.params.voiceAgentId, version };
  });

  app.delete('/api/networks/:networkId/voice-agents/:voiceAgentId', {
    schema: { tags: ['tenants'], summary: 'Remove a voice agent no tracking number routes to (C5: the next oldest takes over; If-Match)', params: params('voiceAgentId'), headers: IfMatch, response: { 204: Type.Null(), ...versionedWrites } },
  }, async (request, reply) => {
    const scope = networkScope(request, request.params.networkId);
    const tenantId = await tenantOf(store.db, scope, 'voice agent', request.params.voiceAgentId);
    authorize(directory.can(scope.actor, 'manage_voice_agents', { ...scope, tenantId }), "manage this tenant's voice agents (needs phone_settings)");
    await deleteVoiceAgent(context(request, scope), request.params.voiceAgentId, expectedVersion(request, 'voice agent'));
    return reply.status(204).send(null);
  });
};
