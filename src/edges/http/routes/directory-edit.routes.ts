/** Creating, changing and deleting the contact center's directory: queues, employees and voice agents, each a command (src/app/commands). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  createEmployee,
  createQueue,
  deleteEmployee,
  deleteQueue,
  renameQueue,
  updateEmployee,
} from '../../../app/commands/contact-center-directory.js';
import { EmployeeSchema } from '../../../app/commands/directory-rules.js';
import { createVoiceAgent, deleteVoiceAgent, updateVoiceAgent } from '../../../app/commands/voice-agent-directory.js';
import { tenantOf } from '../../../app/queries/directory.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { errorResponses, ModeSettingSchema, Name, NetworkParams, versionedWrites } from '../schemas.js';
import { expectedVersion } from '../versions.js';
import { created, Id, IfMatch, params, saved, Saved } from '../writes.js';

const EmployeeBody = EmployeeSchema;

export const directoryEditRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.post(
    '/api/networks/:networkId/queues',
    {
      schema: {
        tags: ['recording'],
        summary: 'Create a queue',
        params: NetworkParams,
        body: Type.Object(
          { name: Name, customRecording: Type.Optional(Type.Union([ModeSettingSchema, Type.Null()])) },
          { additionalProperties: false },
        ),
        response: { 201: Saved, ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      return created(reply, await app.commands.run(createQueue, scope.networkId, byOf(request, scope), request.body));
    },
  );

  server.patch(
    '/api/networks/:networkId/queues/:queueId',
    {
      schema: {
        tags: ['recording'],
        summary: 'Rename a queue (If-Match)',
        params: params('queueId'),
        headers: IfMatch,
        body: Type.Object({ name: Name }, { additionalProperties: false }),
        response: { 200: Saved, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      return saved(
        reply,
        await app.commands.run(renameQueue, scope.networkId, byOf(request, scope), {
          queueId: request.params.queueId,
          expectedVersion: expectedVersion(request, 'queue'),
          name: request.body.name,
        }),
      );
    },
  );

  server.delete(
    '/api/networks/:networkId/queues/:queueId',
    {
      schema: {
        tags: ['recording'],
        summary: 'Delete a queue no tracking number routes to (If-Match)',
        params: params('queueId'),
        headers: IfMatch,
        response: { 204: Type.Null(), ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      await app.commands.run(deleteQueue, scope.networkId, byOf(request, scope), {
        queueId: request.params.queueId,
        expectedVersion: expectedVersion(request, 'queue'),
      });
      return reply.status(204).send(null);
    },
  );

  server.post(
    '/api/networks/:networkId/employees',
    {
      schema: {
        tags: ['recording'],
        summary: 'Add an employee (a direct line is unique in the deployment)',
        params: NetworkParams,
        body: EmployeeBody,
        response: { 201: Saved, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      return created(reply, await app.commands.run(createEmployee, scope.networkId, byOf(request, scope), request.body));
    },
  );

  server.put(
    '/api/networks/:networkId/employees/:employeeId',
    {
      schema: {
        tags: ['recording'],
        summary: "Change an employee's name, role, direct line, home tenant (If-Match)",
        params: params('employeeId'),
        headers: IfMatch,
        body: EmployeeBody,
        response: { 200: Saved, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      return saved(
        reply,
        await app.commands.run(updateEmployee, scope.networkId, byOf(request, scope), {
          employeeId: request.params.employeeId,
          expectedVersion: expectedVersion(request, 'employee'),
          employee: request.body,
        }),
      );
    },
  );

  server.delete(
    '/api/networks/:networkId/employees/:employeeId',
    {
      schema: {
        tags: ['recording'],
        summary: 'Remove an employee no tracking number routes to (If-Match)',
        params: params('employeeId'),
        headers: IfMatch,
        response: { 204: Type.Null(), ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      await app.commands.run(deleteEmployee, scope.networkId, byOf(request, scope), {
        employeeId: request.params.employeeId,
        expectedVersion: expectedVersion(request, 'employee'),
      });
      return reply.status(204).send(null);
    },
  );

  server.post(
    '/api/networks/:networkId/voice-agents',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Add a voice agent to a tenant (C5: the oldest enabled one takes continuity calls)',
        params: NetworkParams,
        body: Type.Object({ tenantId: Id, name: Name, enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 201: Saved, ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      return created(reply, await app.commands.run(createVoiceAgent, scope.networkId, byOf(request, scope), request.body));
    },
  );

  server.patch(
    '/api/networks/:networkId/voice-agents/:voiceAgentId',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Rename, enable or disable a voice agent (C5; If-Match)',
        params: params('voiceAgentId'),
        headers: IfMatch,
        body: Type.Object({ name: Type.Optional(Name), enabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Saved, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { voiceAgentId } = request.params;
      const tenantId = await tenantOf(app, scope, 'voice agent', voiceAgentId);
      return saved(
        reply,
        await app.commands.run(updateVoiceAgent, scope.networkId, byOf(request, scope), {
          tenantId,
          voiceAgentId,
          expectedVersion: expectedVersion(request, 'voice agent'),
          ...request.body,
        }),
      );
    },
  );

  server.delete(
    '/api/networks/:networkId/voice-agents/:voiceAgentId',
    {
      schema: {
        tags: ['tenants'],
        summary: 'Remove a voice agent no tracking number routes to (C5: the next oldest takes over; If-Match)',
        params: params('voiceAgentId'),
        headers: IfMatch,
        response: { 204: Type.Null(), ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { voiceAgentId } = request.params;
      const tenantId = await tenantOf(app, scope, 'voice agent', voiceAgentId);
      await app.commands.run(deleteVoiceAgent, scope.networkId, byOf(request, scope), {
        tenantId,
        voiceAgentId,
        expectedVersion: expectedVersion(request, 'voice agent'),
      });
      return reply.status(204).send(null);
    },
  );
};
