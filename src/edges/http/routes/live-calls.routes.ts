/**
 * Real calls in progress (the SIP edge) for the agent console: the record button and the payment
 * screen act on the live call (R4, R15), and rtpengine follows at once. Recordings of finished
 * calls are listed and downloaded with the call log's permissions.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import parseRange from 'range-parser';
import { Type } from 'typebox';
import { AppError, errors } from '../../../shared/errors.js';
import type { LiveCallView } from '../../../app/calls/call-session.js';
import { RecordingControlError } from '../../../app/calls/call-sessions.js';
import { recording as recordingOf, recordingAudio, recordings } from '../../../app/queries/recording.queries.js';
import type { HttpContext } from '../context.js';
import { byOf, networkScope } from '../network-scope.js';
import { DomainError } from '../../../domain/errors.js';
import { PauseReason, recordRecordingPause } from '../../../app/commands/recording-pause.js';
import { recordRecordingAccess } from '../../../app/commands/retention.js';
import * as agent from '../../../app/policies/agent.policy.js';
import { ConsentStampView } from '../presenters/plan.schema.js';
import { authorize } from '../../../app/policies/authorize.js';
import { PlanView } from '../presenters/plan.schema.js';
import { errorResponses, NetworkParams, OneOf } from '../schemas.js';

const LiveCall = Type.Object({
  callId: Type.String(),
  tenantId: Type.Union([Type.String(), Type.Null()]),
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound'), Type.Literal('internal')], {
    description: 'inbound: from a caller; outbound and internal: placed by an employee (from is their employee id; internal: to is too)',
  }),
  from: Type.String(),
  to: Type.String(),
  startedAt: Type.String(),
  answeredBy: Type.Union([Type.String(), Type.Null()], {
    description: 'The employee who answered the call; an agent sees only the calls they answered',
  }),
  plan: PlanView,
});
const present = (call: LiveCallView) => ({
  callId: call.callId,
  tenantId: call.tenantId,
  // A record another node wrote before calls carried their direction is an inbound call's.
  direction: call.direction ?? 'inbound',
  from: call.from,
  to: call.to,
  startedAt: call.startedAt,
  answeredBy: call.answeredBy,
  plan: call.plan,
});

export const liveCallRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app }) => {
  server.get(
    '/api/networks/:networkId/live-calls',
    {
      schema: {
        tags: ['agent console'],
        summary:
          'Calls in progress that the caller may handle (an agent: the calls they answered), on whichever node of the deployment follows them, each with its recording plan so far',
        params: NetworkParams,
        response: { 200: Type.Object({ calls: Type.Array(LiveCall) }), ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(agent.can(scope.actor, 'use_console', scope), 'use the agent console');
      return {
        calls: (await app.calls.liveCalls(scope.networkId)).filter((call) => agent.mayHandleLiveCall(scope.actor, call)).map(present),
      };
    },
  );

  server.post(
    '/api/networks/:networkId/live-calls/:callId/events',
    {
      schema: {
        tags: ['agent console'],
        summary: 'R4 R15 the agent pressed the record button or opened/closed the Charge Credit Card screen on a live call',
        params: Type.Object({ networkId: NetworkParams.properties.networkId, callId: Type.String({ minLength: 1, maxLength: 200 }) }),
        body: Type.Object(
          { type: OneOf(['payment_opened', 'payment_closed', 'agent_start', 'agent_stop']) },
          { additionalProperties: false },
        ),
        response: { 200: LiveCall, ...errorResponses },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      authorize(agent.can(scope.actor, 'use_console', scope), 'use the agent console');
      let call: LiveCallView | undefined;
      try {
        // Another agent's call is not this agent's to see: the same 404 as no call at all.
        call = await app.calls.agentEvent(scope.networkId, request.params.callId, request.body.type, (live) =>
          agent.mayHandleLiveCall(scope.actor, live),
        );
      } catch (error) {
        if (error instanceof RecordingControlError)
          throw new AppError(502, 'recording_control_failed', error.message, 'type', request.body.type);
        throw error;
      }
      if (call === undefined) throw errors.notFound('live call', request.params.callId);
      return present(call);
    },
  );

  server.get(
    '/api/networks/:networkId/recordings',
    {
      schema: {
        tags: ['calls'],
        summary: 'Recordings of real calls (one WAV per call, paused time absent), newest first',
        description: 'At most `limit` (default 200, at most 500); the next page with `before` set to the last id of this one.',
        params: NetworkParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            before: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            recordings: Type.Array(
              Type.Object({
                id: Type.String(),
                callLogId: Type.String(),
                tenantId: Type.Union([Type.String(), Type.Null()]),
                sipCallId: Type.String(),
                durationMs: Type.Integer(),
                segments: Type.Array(Type.Object({ start: Type.Number(), end: Type.Union([Type.Number(), Type.Null()]) })),
                createdAt: Type.String(),
                mediaUrl: Type.Union([Type.String(), Type.Null()], {
                  description: "held by the provider (a Twilio-compatible edge's call): its media there; null: Switchboard's own WAV",
                }),
                consent: ConsentStampView,
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const scope = networkScope(request, request.params.networkId);
      const list = await recordings(app, scope, request.query.limit ?? 200, request.query.before);
      return { recordings: list.map(({ file: _file, ...recording }) => ({ ...recording, segments: [...recording.segments] })) };
    },
  );

  server.get(
    '/api/networks/:networkId/recordings/:recordingId/audio',
    {
      schema: {
        tags: ['calls'],
        summary:
          "A recording's audio (WAV, 8 kHz mono); a provider's recording: 303 to its media there. B10: every listen and download is audited, with who and from where",
        description:
          'One span of bytes asked in a Range header is answered 206 (a player resuming or seeking). A request for the audio past its start is the same listen (or download) when the same person has one audited on this recording in the last 10 minutes, and is audited otherwise. A Range it does not serve (several spans, past the end) is ignored: 200 with the whole audio.',
        params: Type.Object({ networkId: NetworkParams.properties.networkId, recordingId: Type.String({ minLength: 1, maxLength: 60 }) }),
        querystring: Type.Object(
          {
            as: Type.Optional(
              OneOf(['listen', 'download'], { description: 'listen: played in the page (inline); download (default): saved as a file' }),
            ),
          },
          { additionalProperties: false },
        ),
        produces: ['audio/wav'],
      },
    },
    async (request, reply) => {
      const scope = networkScope(request, request.params.networkId);
      const recording = await recordingOf(app, scope, request.params.recordingId);
      if (recording === undefined) throw errors.notFound('recording', request.params.recordingId);
      const how = request.query.as ?? 'download';
      // A player asks for the rest of the audio after a pause or a seek (a Range from past its start):
      // the same listen when this person has just been served it (the command judges), else audited.
      const audited = (span: Span | undefined) =>
        app.commands.run(recordRecordingAccess, scope.networkId, byOf(request, scope), {
          recordingId: recording.id,
          tenantId: recording.tenantId,
          how,
          continued: span !== undefined && span.start > 0,
        });
      // Held by the provider: its media, where the provider serves it (with the account's credentials when it asks for them).
      if (recording.mediaUrl !== null) {
        await audited(spanOf(request.headers.range, Number.MAX_SAFE_INTEGER));
        return reply.redirect(`${recording.mediaUrl}.wav`, 303);
      }
      const audio = await recordingAudio(app, recording);
      if (audio === undefined) throw errors.notFound('recording', request.params.recordingId);
      const span = spanOf(request.headers.range, audio.size);
      try {
        await audited(span);
      } catch (error) {
        // Not audited, not served: the open file is let go.
        audio.close();
        throw error;
      }
      const { start, end } = span ?? { start: 0, end: audio.size - 1 };
      if (span !== undefined) reply.code(206).header('content-range', `bytes ${start}-${end}/${audio.size}`);
      return reply
        .header('accept-ranges', 'bytes')
        .header('content-type', 'audio/wav')
        .header('content-length', end - start + 1)
        .header('content-disposition', `${how === 'listen' ? 'inline' : 'attachment'}; filename="recording-${recording.id}.wav"`)
        .send(audio.size === 0 ? Buffer.alloc(0) : audio.read(start, end));
    },
  );

  // B8: integrations pause and resume a call's recording (any call, with or without a tenant: R15's
  // gap), each with its reason in the audit log. An API token may be limited to these two
  // (scope recording_pause). The stored audio never holds a paused second; a pause left on
  // resumes by itself at the tenant's maximum (the plan's pauseEndsAt).
  for (const action of ['pause', 'resume'] as const)
    server.post(
      `/api/networks/:networkId/live-calls/:callId/${action}`,
      {
        config: { tokenScope: 'recording_pause' },
        schema: {
          tags: ['agent console'],
          summary:
            action === 'pause'
              ? "B8 pause a live call's recording, with a reason (audited); it resumes by itself at the tenant's maximum pause"
              : "B8 resume a live call's recording paused through the API, with a reason (audited)",
          params: Type.Object({ networkId: NetworkParams.properties.networkId, callId: Type.String({ minLength: 1, maxLength: 200 }) }),
          body: Type.Object({ reason: PauseReason }, { additionalProperties: false }),
          response: { 200: LiveCall, ...errorResponses },
        },
      },
      async (request) => {
        const scope = networkScope(request, request.params.networkId);
        const type = action === 'pause' ? 'paused' : 'resumed';
        let call: LiveCallView | undefined;
        try {
          call = await app.calls.agentEvent(scope.networkId, request.params.callId, type, (live) =>
            agent.mayHandleLiveCall(scope.actor, live),
          );
        } catch (error) {
          if (error instanceof RecordingControlError)
            throw new AppError(502, 'recording_control_failed', error.message, 'callId', request.params.callId);
          // Nothing recording to pause, or no pause of the API's to resume: said, with the call named.
          if (error instanceof DomainError)
            throw new AppError(
              409,
              'invalid_state',
              `callId: ${error.message.replace(/^events\[\d+\]\.type: /, '')}`,
              'callId',
              request.params.callId,
            );
          throw error;
        }
        if (call === undefined) throw errors.notFound('live call', request.params.callId);
        await app.commands.run(recordRecordingPause, scope.networkId, byOf(request, scope), {
          callId: request.params.callId,
          action: type,
          reason: request.body.reason,
          tenantId: call.tenantId,
        });
        return present(call);
      },
    );
};

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The one span of bytes a Range header asks for (RFC 9110, read by `range-parser`), or undefined
 * for the whole audio: no Range, a malformed or unsatisfiable one, or several spans (a server may
 * ignore a Range it does not serve, and answers 200 with everything).
 */
function spanOf(header: string | undefined, size: number): Span | undefined {
  if (header === undefined || size === 0) return undefined;
  const spans = parseRange(size, header, { combine: true });
  return Array.isArray(spans) && spans.type === 'bytes' && spans.length === 1 ? spans[0] : undefined;
}
