/** Call Continuity over HTTP: the network's status table and switches, and each tenant's settings. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEFAULT_TIME_ZONE } from '../../../domain/time-zone.js';
import { MAX_CHAIN_LINKS, NO_ANSWER_SECONDS } from '../../../domain/model.js';
import { Type, type Static, type TSchema } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Command } from '../../../app/commands/command.js';
import { continuityBadge } from '../../../domain/continuity.js';
import { errors } from '../../../shared/errors.js';
import { switchContinuity, turnOffForAll, turnOnForAll } from '../../../app/commands/continuity-switcher.js';
import { setExceptionNumber, updateChain, updateDefaultDestination } from '../../../app/commands/continuity-settings.js';
import { assessAll, continuityStatus, tenantContinuity } from '../../../app/queries/continuity.queries.js';
import { trackingNumber } from '../../../app/queries/directory.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope, type Scope } from '../network-scope.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as continuity from '../../../app/policies/continuity.policy.js';
import {
  DefaultDestinationView,
  DrillView,
  presentDefault,
  presentDrill,
  presentTenant,
  TenantView,
  type VersionedTenant,
} from '../presenters/tenant.presenter.js';
import { E164Output, errorResponses, NetworkParams, PhoneInput, TenantParams, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';
import { IfMatch } from '../writes.js';
import { Assessment, presentAssessment, Problem } from '../presenters/continuity.presenter.js';

/** A continuity destination as written: the tenant's voice agent, or an external number. */
const DestinationInput = Type.Union([
  Type.Object({ kind: Type.Literal('voice_agent') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('external_number'), number: PhoneInput }, { additionalProperties: false }),
]);

const Badge = Type.Object({
  status: Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('partial')]),
  on: Type.Integer(),
  total: Type.Integer(),
});
const StatusRow = Type.Object({
  tenantId: Type.String(),
  tenantName: Type.String(),
  /** C8: "Voice Agent", the number, or null when none is set. */
  defaultDestination: DefaultDestinationView,
  defaultDestinationLabel: Type.String(),
  exceptions: Type.Integer(),
  enabled: Type.Boolean(),
  contactCenterActive: Type.Boolean(),
  timeZone: Type.String({ description: 'B1: the tenant’s time zone (its schedules are shown in it)' }),
  drill: DrillView,
  canSwitchOn: Type.Boolean(),
  safe: Type.Boolean(),
  problems: Type.Array(Problem),
  /** C8 Update Settings: the tenant's continuity settings, opened in a new tab by the UI. */
  settingsPath: Type.String(),
});
const StatusTable = Type.Object({ badge: Badge, tenants: Type.Array(StatusRow) });
const SwitchAllResult = Type.Object({ switched: Type.Array(Type.String()), leftOff: Type.Array(Type.String()), badge: Badge });
const TurnOnPreview = Type.Object({
  willSwitchOn: Type.Array(Assessment),
  /** C10: left off unless included explicitly (not live on the contact center, or no destination). */
  unsafe: Type.Array(Assessment),
  alreadyOn: Type.Array(Type.String()),
});
const NumberRow = Type.Object({
  id: Type.String(),
  number: E164Output,
  continuityNumber: Type.Union([E164Output, Type.Null()]),
  version: Type.Integer(),
});
const TenantContinuity = Type.Object({
  tenant: TenantView,
  voiceAgentOption: Type.Object({ available: Type.Boolean(), reason: Type.Union([Type.String(), Type.Null()]) }),
  numbers: Type.Array(NumberRow),
  assessment: Assessment,
  /** Shown while continuity is on (the seed's warning). */
  warning: Type.Union([Type.String(), Type.Null()]),
});

const label = (d: Static<typeof DefaultDestinationView>) => (d === null ? 'Not set' : d.kind === 'voice_agent' ? 'Voice Agent' : d.number);
const BYPASS_WARNING =
  'Call Continuity is on: incoming calls bypass standard routing (no IVR, queue or agent) and go to the continuity destination. Place a test call to confirm.';

export const continuityRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  /** A versioned write of the tenant's continuity settings (If-Match: their version), answered with the tenant. */
  const saveSettings = async (
    command: Command<TSchema, VersionedTenant>,
    request: FastifyRequest,
    { networkId, tenantId }: { networkId: string; tenantId: string },
    reply: FastifyReply,
    body: object,
  ) => {
    const scope = networkScope(request, networkId);
    requireTenantView(scope, tenantId);
    const record = await app.commands.run(command, scope.networkId, byOf(request, scope), {
      tenantId,
      expectedVersion: expectedVersion(request, "tenant's Call Continuity settings"),
      ...body,
    });
    withETag(reply, record.versions.continuity);
    return presentTenant(scope.actor, scope.networkId, record);
  };
  const statusTable = async (networkId: string): Promise<Static<typeof StatusTable>> => {
    const { assessed, exceptions: counts } = await continuityStatus(app, networkId);
    return {
      badge: continuityBadge(assessed.map((a) => a.record.tenant)),
      tenants: assessed.map(({ record: { tenant }, assessment }) => {
        const destination = presentDefault(tenant.continuity.defaultDestination);
        return {
          tenantId: tenant.id,
          tenantName: tenant.name,
          defaultDestination: destination,
          defaultDestinationLabel: label(destination),
          exceptions: counts.get(tenant.id) ?? 0,
          enabled: tenant.continuity.enabled,
          contactCenterActive: tenant.contactCenterActive,
          timeZone: tenant.timeZone ?? DEFAULT_TIME_ZONE,
          drill: presentDrill(tenant.continuity.drill),
          canSwitchOn: assessment.canSwitchOn,
          safe: assessment.safe,
          problems: presentAssessment(assessment).problems,
          settingsPath: `/tenants/${encodeURIComponent(tenant.id)}/continuity`,
        };
      }),
    };
  };

  const requireTenantView = (scope: Scope, tenantId: string) => {
    if (!continuity.can(scope.actor, 'view', { networkId: scope.networkId, tenantId })) throw errors.notFound('tenant', tenantId);
  };

  server.get(
    '/api/networks/:networkId/continuity',
    {
      schema: {
        tags: ['continuity'],
        summary: 'C8 Call Continuity Status table with the C11 badge',
        params: NetworkParams,
        response: { 200: StatusTable, ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(continuity.can(scope.actor, 'view_network_status', scope), 'see the Call Continuity Status of the network');
      return statusTable(scope.networkId);
    },
  );

  server.get(
    '/api/networks/:networkId/continuity/turn-on-for-all',
    {
      schema: {
        tags: ['continuity'],
        summary: 'C10 preview of Turn On For All: who would switch, who is unsafe and left off',
        params: NetworkParams,
        response: { 200: TurnOnPreview, ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(continuity.can(scope.actor, 'switch_all', scope), 'switch Call Continuity for all tenants');
      const assessed = await assessAll(app, scope.networkId);
      const off = assessed.filter((a) => !a.record.tenant.continuity.enabled);
      return {
        willSwitchOn: off.filter((a) => a.assessment.safe).map((a) => presentAssessment(a.assessment)),
        unsafe: off.filter((a) => !a.assessment.safe).map((a) => presentAssessment(a.assessment)),
        alreadyOn: assessed.filter((a) => a.record.tenant.continuity.enabled).map((a) => a.record.tenant.id),
      };
    },
  );

  server.post(
    '/api/networks/:networkId/continuity/turn-on-for-all',
    {
      schema: {
        tags: ['continuity'],
        summary: 'C10 Turn On For All, atomically; unsafe tenants stay off unless listed in includeTenantIds',
        params: NetworkParams,
        body: Type.Object(
          { includeTenantIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100_000, default: [] }) },
          { additionalProperties: false },
        ),
        response: { 200: SwitchAllResult, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const result = await app.commands.run(turnOnForAll, scope.networkId, byOf(request, scope), request.body);
      return { ...result, switched: [...result.switched], leftOff: [...result.leftOff], badge: (await statusTable(scope.networkId)).badge };
    },
  );

  server.post(
    '/api/networks/:networkId/continuity/turn-off-for-all',
    {
      schema: {
        tags: ['continuity'],
        summary: 'C10 Turn Off For All, atomically',
        params: NetworkParams,
        response: { 200: SwitchAllResult, ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const result = await app.commands.run(turnOffForAll, scope.networkId, byOf(request, scope), {});
      return { switched: [...result.switched], leftOff: [], badge: (await statusTable(scope.networkId)).badge };
    },
  );

  server.get(
    '/api/networks/:networkId/tenants/:tenantId/continuity',
    {
      schema: {
        tags: ['continuity'],
        summary: "A tenant's continuity settings, numbers and exceptions (C3-C7, C9)",
        params: TenantParams,
        response: { 200: TenantContinuity, ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { tenantId } = request.params;
      requireTenantView(scope, tenantId);
      const found = await tenantContinuity(app, scope.networkId, tenantId);
      if (found === undefined) throw errors.notFound('tenant', tenantId);
      const {
        assessed: { record, assessment },
        voiceAgent: availability,
        numbers,
      } = found;
      withETag(reply, record.versions.continuity);
      return {
        tenant: presentTenant(scope.actor, scope.networkId, record),
        voiceAgentOption: {
          available: availability.usable,
          reason: availability.usable
            ? null
            : availability.why === 'not_enabled_on_both_sides'
              ? 'Voice Agent must be enabled in both the contact center and the core.'
              : 'This tenant has no enabled voice agent.',
        },
        numbers: numbers.map((n) => ({
          id: n.trackingNumber.id,
          number: n.trackingNumber.number,
          continuityNumber: n.trackingNumber.continuityNumber,
          version: n.version,
        })),
        assessment: presentAssessment(assessment),
        warning: record.tenant.continuity.enabled ? BYPASS_WARNING : null,
      };
    },
  );

  server.put(
    '/api/networks/:networkId/tenants/:tenantId/continuity',
    {
      schema: {
        tags: ['continuity'],
        summary: "C4-C6 the tenant's default continuity destination (If-Match: the tenant's ETag)",
        params: TenantParams,
        headers: IfMatch,
        body: Type.Object(
          {
            defaultDestination: DestinationInput,
          },
          { additionalProperties: false },
        ),
        response: { 200: TenantView, ...versionedWrites },
      },
    },
    (request, reply) => saveSettings(updateDefaultDestination, request, request.params, reply, request.body),
  );

  server.put(
    '/api/networks/:networkId/tenants/:tenantId/continuity/chain',
    {
      schema: {
        tags: ['continuity'],
        summary:
          "B6 the tenant's continuity chain: the destinations tried in order after the first, how long each rings; a recorded message is the last resort (If-Match: the tenant's continuity version)",
        params: TenantParams,
        headers: IfMatch,
        body: Type.Object(
          {
            then: Type.Array(DestinationInput, { maxItems: MAX_CHAIN_LINKS }),
            noAnswerSeconds: Type.Integer({ minimum: NO_ANSWER_SECONDS.min, maximum: NO_ANSWER_SECONDS.max }),
          },
          { additionalProperties: false },
        ),
        response: { 200: TenantView, ...versionedWrites },
      },
    },
    (request, reply) => saveSettings(updateChain, request, request.params, reply, request.body),
  );

  server.post(
    '/api/networks/:networkId/tenants/:tenantId/continuity/switch',
    {
      schema: {
        tags: ['continuity'],
        summary: 'C1, C9, C14 switch continuity on or off for one tenant',
        params: TenantParams,
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: TenantView, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { tenantId } = request.params;
      requireTenantView(scope, tenantId);
      const record = await app.commands.run(switchContinuity, scope.networkId, byOf(request, scope), {
        tenantId,
        enabled: request.body.enabled,
      });
      withETag(reply, record.versions.continuity);
      return presentTenant(scope.actor, scope.networkId, record);
    },
  );

  server.put(
    '/api/networks/:networkId/tracking-numbers/:trackingNumberId/continuity-number',
    {
      schema: {
        tags: ['continuity'],
        summary: "C3, C6 a tracking number's own continuity number (exception); null to use the tenant default",
        params: Type.Object({ networkId: Type.String({ minLength: 1 }), trackingNumberId: Type.String({ minLength: 1 }) }),
        headers: IfMatch,
        body: Type.Object({ continuityNumber: Type.Union([PhoneInput, Type.Null()]) }, { additionalProperties: false }),
        response: { 200: NumberRow, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const { trackingNumberId } = request.params;
      const tn = await trackingNumber(app, scope.networkId, trackingNumberId);
      if (tn === undefined || !continuity.can(scope.actor, 'view', { networkId: scope.networkId, tenantId: tn.trackingNumber.tenantId }))
        throw errors.notFound('tracking number', trackingNumberId);
      const record = await app.commands.run(setExceptionNumber, scope.networkId, byOf(request, scope), {
        tenantId: tn.trackingNumber.tenantId,
        trackingNumberId,
        expectedVersion: expectedVersion(request, 'tracking number'),
        continuityNumber: request.body.continuityNumber,
      });
      withETag(reply, record.version);
      return {
        id: record.trackingNumber.id,
        number: record.trackingNumber.number,
        continuityNumber: record.trackingNumber.continuityNumber,
        version: record.version,
      };
    },
  );
};
