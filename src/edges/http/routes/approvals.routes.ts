/**
 * B5: a second approver for Call Continuity switches: the network's policy (which switches need
 * one, how long a request waits), and the requests: asked, approved (the switch runs as asked),
 * refused, withdrawn. Each change is a command (continuity-approvals.ts); approving is
 * ../../../app/approvals.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { approveRequest } from '../../../app/approvals.js';
import {
  closeApprovalRequest,
  requestApproval,
  RequestedSwitch,
  setContinuityApprovalPolicy,
  type SwitchPreview,
} from '../../../app/commands/continuity-approvals.js';
import {
  approvalInWords,
  approvalPolicy,
  visibleApproval,
  visibleApprovals,
  type Approval,
} from '../../../app/queries/continuity.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope, type Scope } from '../network-scope.js';
import { Assessment, presentAssessment } from '../presenters/continuity.presenter.js';
import { errorResponses, NetworkParams, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';
import { IfMatch } from '../writes.js';

const Policy = Type.Object({
  mode: Type.Union([Type.Literal('none'), Type.Literal('turn_on_for_all'), Type.Literal('every_switch')], {
    description: 'none; turn_on_for_all: Turn On For All needs a second administrator; every_switch: every switch does',
  }),
  expiryMinutes: Type.Integer({ minimum: 5, maximum: 1440, description: 'how long a request waits for its approver (5 to 1440)' }),
});

const Named = Type.Object({ tenantId: Type.String(), tenantName: Type.String() });

const ApprovalView = Type.Object({
  id: Type.String(),
  tenantId: Type.Union([Type.String(), Type.Null()], { description: 'null: every tenant (Turn On / Off For All)' }),
  switch: RequestedSwitch,
  summary: Type.String({ description: 'what the switch does, in words' }),
  preview: Type.Object(
    { switchOn: Type.Array(Assessment), switchOff: Type.Array(Named), leftOff: Type.Array(Assessment) },
    { description: 'what would change, as the requester saw it (the same preview as Turn On For All)' },
  ),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  expiresAt: Type.String(),
  status: Type.Union(
    [
      Type.Literal('pending'),
      Type.Literal('expired'),
      Type.Literal('approved'),
      Type.Literal('refused'),
      Type.Literal('withdrawn'),
      Type.Literal('stale'),
    ],
    { description: 'expired: pending past its time; stale: what it depended on changed, so it was closed' },
  ),
  yours: Type.Boolean({ description: 'the caller asked for it (they may withdraw it, not approve it)' }),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});

const present = (a: Approval, scope: Scope, now = Date.now()): Static<typeof ApprovalView> => {
  const preview = a.preview as SwitchPreview;
  const outcome = a.outcome as { reason?: string } | null;
  return {
    id: a.id,
    tenantId: a.tenantId,
    switch: { command: a.command, input: a.input } as RequestedSwitch,
    summary: approvalInWords(a),
    preview: {
      switchOn: preview.switchOn.map(presentAssessment),
      switchOff: preview.switchOff.map((t) => ({ ...t })),
      leftOff: preview.leftOff.map(presentAssessment),
    },
    requestedBy: a.requestedBy.name,
    requestedAt: a.requestedAt,
    expiresAt: a.expiresAt,
    status: a.status === 'pending' && Date.parse(a.expiresAt) <= now ? 'expired' : a.status,
    yours: a.requestedBy.userId !== null && a.requestedBy.userId === scope.actor.id,
    decidedBy: a.decidedBy?.name ?? null,
    decidedAt: a.decidedAt,
    reason: outcome?.reason ?? null,
    version: a.version,
  };
};

const ApprovalParams = Type.Object({ networkId: Type.String({ minLength: 1 }), approvalId: Type.String({ minLength: 1, maxLength: 60 }) });

export const approvalRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/continuity/approval-policy',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B5 which Call Continuity switches need a second administrator’s approval',
        params: NetworkParams,
        response: { 200: Policy, ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      return approvalPolicy(app, scope.networkId);
    },
  );

  server.put(
    '/api/networks/:networkId/continuity/approval-policy',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B5 set which switches need a second administrator’s approval (network administrators)',
        params: NetworkParams,
        body: Type.Object(Policy.properties, { additionalProperties: false }),
        response: { 200: Policy, ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      return app.commands.run(setContinuityApprovalPolicy, scope.networkId, byOf(request, scope), request.body);
    },
  );

  server.get(
    '/api/networks/:networkId/continuity/approvals',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B5 the approval requests the caller may see: every pending one, then the latest closed',
        params: NetworkParams,
        response: { 200: Type.Object({ approvals: Type.Array(ApprovalView) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      return { approvals: (await visibleApprovals(app, scope)).map((a) => present(a, scope)) };
    },
  );

  server.post(
    '/api/networks/:networkId/continuity/approvals',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B5 ask a second administrator to approve a switch that needs it (the preview is kept with the request)',
        params: NetworkParams,
        body: Type.Object({ switch: RequestedSwitch }, { additionalProperties: false }),
        response: { 201: ApprovalView, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const asked = await app.commands.run(requestApproval, scope.networkId, byOf(request, scope), {
        switch: request.body.switch,
        requestedAt: new Date().toISOString(),
      });
      withETag(reply, asked.version);
      return reply.status(201).send(present(asked, scope));
    },
  );

  server.post(
    '/api/networks/:networkId/continuity/approvals/:approvalId/approve',
    {
      schema: {
        tags: ['continuity'],
        summary:
          'B5 approve someone else’s request (If-Match: its version): the switch runs as they asked, only if nothing it depends on changed since',
        params: ApprovalParams,
        headers: IfMatch,
        response: { 200: ApprovalView, ...versionedWrites, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const approval = await visibleApproval(app, scope, request.params.approvalId);
      const approved = await approveRequest(app, scope.networkId, byOf(request, scope), {
        approvalId: approval.id,
        tenantId: approval.tenantId,
        expectedVersion: expectedVersion(request, 'approval request'),
        decidedAt: new Date().toISOString(),
      });
      withETag(reply, approved.approval.version);
      return present(approved.approval, scope);
    },
  );

  const close = async (
    request: FastifyRequest,
    params: Static<typeof ApprovalParams>,
    decision: 'refuse' | 'withdraw',
    reason?: string,
  ) => {
    const scope = networkScope(request, params.networkId);
    const approval = await visibleApproval(app, scope, params.approvalId);
    const closed = await app.commands.run(closeApprovalRequest, scope.networkId, byOf(request, scope), {
      approvalId: approval.id,
      tenantId: approval.tenantId,
      expectedVersion: expectedVersion(request, 'approval request'),
      decision,
      ...(reason === undefined ? {} : { reason }),
      decidedAt: new Date().toISOString(),
    });
    return present(closed, scope);
  };

  server.post(
    '/api/networks/:networkId/continuity/approvals/:approvalId/refuse',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B5 refuse someone else’s request (If-Match: its version), with a reason if given',
        params: ApprovalParams,
        headers: IfMatch,
        body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        response: { 200: ApprovalView, ...versionedWrites, 409: Type.Ref('ErrorResponse') },
      },
      // The reason is optional, and so is the body that carries it.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => close(request, request.params, 'refuse', request.body.reason),
  );

  server.post(
    '/api/networks/:networkId/continuity/approvals/:approvalId/withdraw',
    {
      schema: {
        tags: ['continuity'],
        summary: 'B5 withdraw your own request (If-Match: its version)',
        params: ApprovalParams,
        headers: IfMatch,
        response: { 200: ApprovalView, ...versionedWrites, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => close(request, request.params, 'withdraw'),
  );
};
