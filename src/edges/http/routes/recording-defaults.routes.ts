/** Recording Defaults (R1-R9): every user of the network reads them; R17 guards changes. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { RecordingDefaults } from '../../../domain/model.js';
import { changeRecordingDefaults } from '../../../app/commands/recording-defaults-updater.js';
import { recordingDefaults } from '../../../app/queries/recording.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { authorize } from '../../../app/policies/authorize.js';
import * as recording from '../../../app/policies/recording.policy.js';
import { RecordingDefaultsSchema } from '../../../app/schemas.js';
import { errorResponses, NetworkParams, versionedWrites } from '../schemas.js';
import { expectedVersion, withETag } from '../versions.js';
import { IfMatch } from '../writes.js';

const DefaultsBody = RecordingDefaultsSchema;
const DefaultsView = Type.Object({
  ...DefaultsBody.properties,
  /** R14, shown read-only: every call forwarded to an external number is recorded. */
  forward: Type.Object({ alwaysRecorded: Type.Literal(true), editable: Type.Literal(false) }),
  version: Type.Integer(),
  abilities: Type.Object({ edit: Type.Boolean() }),
});

const present = (defaults: RecordingDefaults, version: number, edit: boolean): Static<typeof DefaultsView> => ({
  trigger: defaults.trigger,
  connectedMode: defaults.connectedMode,
  queue: { ...defaults.queue },
  individual: { inbound: { ...defaults.individual.inbound }, outbound: { ...defaults.individual.outbound } },
  transfer: { ...defaults.transfer },
  forward: { alwaysRecorded: true, editable: false },
  version,
  abilities: { edit },
});

export const recordingDefaultsRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/recording-defaults',
    {
      schema: {
        tags: ['recording'],
        summary: 'R1-R9 the contact-center recording defaults',
        params: NetworkParams,
        response: { 200: DefaultsView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(recording.can(scope.actor, 'view', scope), 'see the recording defaults');
      const record = await recordingDefaults(app, scope.networkId);
      withETag(reply, record.version);
      return present(record.defaults, record.version, recording.can(scope.actor, 'edit', scope));
    },
  );

  server.put(
    '/api/networks/:networkId/recording-defaults',
    {
      schema: {
        tags: ['recording'],
        summary: 'R1-R9 change the recording defaults (R17: edit_call_recording_settings; If-Match: the ETag)',
        params: NetworkParams,
        headers: IfMatch,
        body: DefaultsBody,
        response: { 200: DefaultsView, ...versionedWrites },
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const record = await app.commands.run(changeRecordingDefaults, scope.networkId, byOf(request, scope), {
        expectedVersion: expectedVersion(request, 'recording defaults'),
        defaults: request.body,
      });
      withETag(reply, record.version);
      return present(record.defaults, record.version, true);
    },
  );
};
