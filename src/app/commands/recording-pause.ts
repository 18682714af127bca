/**
 * B8: an integration paused or resumed a live call's recording through the API, with its reason,
 * in the audit log. The call itself is no setting: the pause is applied to the call session
 * (call-sessions.ts) first, by whoever may handle the call; this records it.
 */
import { Type } from 'typebox';
import { inNetwork } from '../policies/actor.js';
import { defineCommand } from './command.js';

export const PauseReason = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'Why, in words (kept in the audit log): "card details on the IVR", "caller asked"',
});

export const recordRecordingPause = defineCommand({
  name: 'call.recording_pause',
  input: Type.Object(
    {
      callId: Type.String({ minLength: 1, maxLength: 200 }),
      action: Type.Union([Type.Literal('paused'), Type.Literal('resumed')]),
      reason: PauseReason,
      tenantId: Type.Union([Type.String(), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  // Whether the caller may act on the call was decided on the call itself, before it was paused.
  allowed: (actor, networkId) => inNetwork(actor, networkId),
  refusal: 'pause or resume recordings',
  handle: async (_unit, { callId, action, reason, tenantId }) => ({
    result: null,
    touched: null,
    audit: {
      action: action === 'paused' ? 'call.recording_paused' : 'call.recording_resumed',
      resourceType: 'call',
      resourceId: callId,
      tenantIds: tenantId === null ? [] : [tenantId],
      before: null,
      after: { reason },
    },
  }),
});
