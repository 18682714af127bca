/** The recording plan (src/domain/decide-recording.ts) as the API documents and serialises it. */
import { Type } from 'typebox';

const Reason = Type.Object({ rule: Type.String(), text: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const WorkflowTarget = Type.Object({
  kind: Type.String(),
  queueId: Type.Optional(Type.String()),
  employeeId: Type.Optional(Type.String()),
  voiceAgentId: Type.Optional(Type.String()),
  number: Type.Optional(Type.String()),
});
const Destination = Type.Object({
  kind: Type.String(),
  voiceAgentId: Type.Optional(Type.String()),
  number: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
});

/** B6: a continuity destination tried and left, and why (`at`: seconds from the call's start). */
export const AttemptView = Type.Object({
  destination: Destination,
  outcome: Type.Union([Type.Literal('busy'), Type.Literal('no_answer'), Type.Literal('declined'), Type.Literal('unreachable')]),
  status: Type.Union([Type.Integer(), Type.Null()]),
  at: Type.Number(),
});

export const RouteView = Type.Object({
  kind: Type.Union([Type.Literal('workflow'), Type.Literal('continuity'), Type.Literal('direct_line'), Type.Literal('unknown_number')]),
  tenantId: Type.Optional(Type.String()),
  trackingNumberId: Type.Optional(Type.String()),
  target: Type.Optional(WorkflowTarget),
  continuityFallback: Type.Optional(Type.Boolean()),
  drill: Type.Optional(Type.Boolean({ description: 'B4: a drill call (a test caller while continuity is off)' })),
  destination: Type.Optional(Destination),
  next: Type.Optional(
    Type.Array(Destination, {
      description: 'B6: tried in order when the destination does not answer, is busy or unreachable; the last is the recorded message',
    }),
  ),
  noAnswerSeconds: Type.Optional(Type.Integer({ description: 'B6: how long each destination rings before the next' })),
  employeeId: Type.Optional(Type.String()),
  number: Type.Optional(Type.String()),
  reasons: Type.Array(Reason),
});

const Jurisdiction = Type.Object({ country: Nullable(Type.String()), region: Nullable(Type.String()) });
const ConsentRule = Type.Union([Type.Literal('all_party'), Type.Literal('one_party'), Type.Literal('unknown')]);

/** B7: the consent given for a call, as its log entry and its recording keep it. */
export const ConsentStampView = Nullable(
  Type.Object(
    {
      jurisdiction: Jurisdiction,
      rule: ConsentRule,
      announcementRequired: Type.Boolean(),
      announcedAt: Nullable(Type.Number({ description: 'when the consent announcement had played, seconds from connect' })),
    },
    { description: "B7: the consent given: the caller's jurisdiction, its rule, the announcement played (null: no consent rule applied)" },
  ),
);

export const PlanView = Type.Object({
  ruleSet: Type.Union([Type.Literal('contact_center'), Type.Literal('core'), Type.Literal('none')]),
  linkedTenantId: Nullable(Type.String()),
  route: Nullable(RouteView),
  exclusion: Nullable(Type.Object({ party: Type.String(), number: Type.String(), match: Type.String() })),
  segments: Type.Array(Type.Object({ start: Type.Number(), end: Nullable(Type.Number()) })),
  moments: Type.Array(
    Type.Object({
      at: Type.Number(),
      event: Type.String(),
      recording: Type.String(),
      agentMay: Type.String(),
      why: Reason,
      announcement: Type.String(),
      reasons: Type.Array(Reason),
    }),
  ),
  rejected: Type.Array(Type.Object({ at: Type.Number(), action: Type.String(), rule: Type.String(), reason: Type.String() })),
  warnings: Type.Array(Reason),
  agentMay: Type.String(),
  announcement: Type.String(),
  loggedIn: Type.Array(Type.String()),
  coreTenantId: Nullable(Type.String()),
  syncsToCore: Type.Boolean(),
  ended: Type.Boolean(),
  reasons: Type.Array(Reason),
  consent: Nullable(
    Type.Object(
      {
        jurisdiction: Jurisdiction,
        rule: ConsentRule,
        announcementRequired: Type.Boolean(),
        reason: Reason,
      },
      { description: "B7: what the law of the caller's place asks before the call is recorded (inbound calls)" },
    ),
  ),
  pauseEndsAt: Type.Optional(
    Nullable(
      Type.Number({
        description:
          "B8: when the recording, paused now, resumes by itself (seconds from connect; the tenant's maximum pause); null when not paused",
      }),
    ),
  ),
  announcedAt: Type.Optional(
    Nullable(
      Type.Number({
        description:
          'B7: when the consent announcement finished playing to the caller, seconds from connect (null: not played; absent in calls logged before B7)',
      }),
    ),
  ),
});
