/** A tenant as the API shows it, with the L3 warning and what the caller may do with it. */
import { Type, type Static } from 'typebox';
import { MAX_PAUSE_SECONDS } from '../../../domain/model.js';
import { KEEP_FOREVER } from '../../../domain/retention.js';
import {
  NO_ANSWER_SECONDS,
  type ContinuityChain,
  type ContinuityDefault,
  type ContinuityDrill,
  type Tenant,
} from '../../../domain/model.js';
import { DEFAULT_TIME_ZONE } from '../../../domain/time-zone.js';
import type { Actor } from '../../../app/policies/actor.js';
import { CoreMode, E164Output } from '../schemas.js';
import { TenantAbilities, tenantAbilities } from './me.presenter.js';

export const DefaultDestinationView = Type.Union([
  Type.Object({ kind: Type.Literal('voice_agent') }),
  Type.Object({ kind: Type.Literal('external_number'), number: E164Output }),
  Type.Null(),
]);

export const CoreRecordingView = Type.Object({
  inbound: CoreMode,
  outbound: CoreMode,
  /** L3: contact-center recordings are copied to the tenant's core call records. */
  syncsToCore: Type.Boolean(),
  /** L3: the caution shown while recordings will not sync. */
  warning: Type.Union([Type.String(), Type.Null()]),
});

/** B6: the destinations tried after the first, in order, and how long each rings; the recorded message comes last. */
export const ChainView = Type.Object({
  then: Type.Array(
    Type.Union([
      Type.Object({ kind: Type.Literal('voice_agent') }),
      Type.Object({ kind: Type.Literal('external_number'), number: E164Output }),
    ]),
  ),
  noAnswerSeconds: Type.Integer(),
  lastResort: Type.Literal('message', { description: 'a recorded message, when every destination has failed' }),
});

export const presentChain = (chain: ContinuityChain | undefined): Static<typeof ChainView> => ({
  then: (chain?.then ?? []).map((link) =>
    link.kind === 'voice_agent' ? { kind: 'voice_agent' } : { kind: 'external_number', number: link.number },
  ),
  noAnswerSeconds: chain?.noAnswerSeconds ?? NO_ANSWER_SECONDS.default,
  lastResort: 'message',
});

/** B4: the tenant's drill while it runs (its test callers, when it ends by itself); null when none runs. */
export const DrillView = Type.Union([
  Type.Object({ callers: Type.Array(E164Output), endsAt: Type.String({ description: 'ISO 8601: the drill ends by itself then' }) }),
  Type.Null(),
]);

/** A drill is shown only while it runs: one past its end routes nothing. */
export const presentDrill = (drill: ContinuityDrill | null | undefined, now = Date.now()): Static<typeof DrillView> =>
  drill === undefined || drill === null || drill.endsAt <= now
    ? null
    : { callers: [...drill.callers], endsAt: new Date(drill.endsAt).toISOString() };

export const TenantView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  contactCenterActive: Type.Boolean(),
  voiceAgentsEnabled: Type.Object({ contactCenter: Type.Boolean(), core: Type.Boolean() }),
  coreRecording: CoreRecordingView,
  recordingConsent: Type.Union([Type.Literal('by_jurisdiction'), Type.Literal('announce_always')], {
    description:
      "B7: announce recording where the caller's law asks, or on every call (If-Match of PUT …/recording-consent: versions.coreRecording)",
  }),
  recordingRetention: Type.Object(
    {
      queue: Type.Union([Type.Integer(), Type.Null()]),
      individual: Type.Union([Type.Integer(), Type.Null()]),
      voice_agent: Type.Union([Type.Integer(), Type.Null()]),
      continuity: Type.Union([Type.Integer(), Type.Null()]),
    },
    {
      description:
        'B10: days each kind of recording is kept (null: for ever) (If-Match of PUT …/recording-retention: versions.coreRecording)',
    },
  ),
  maxPauseSeconds: Type.Integer({
    description:
      'B8: how long a recording of its calls may stay paused before it resumes by itself, seconds (If-Match of PUT …/recording-pause: versions.coreRecording)',
  }),
  continuity: Type.Object({ enabled: Type.Boolean(), defaultDestination: DefaultDestinationView, drill: DrillView, chain: ChainView }),
  timeZone: Type.String({ description: 'B1: the IANA time zone its schedules are set and shown in (UTC unless set)' }),
  version: Type.Integer({ description: "the tenant's details' version (name, live, voice agents): If-Match of PATCH tenant" }),
  versions: Type.Object(
    {
      details: Type.Integer(),
      continuity: Type.Integer({ description: 'If-Match of PUT …/continuity (the default destination)' }),
      coreRecording: Type.Integer({ description: 'If-Match of PUT …/core-recording' }),
    },
    { description: 'each section of the settings is versioned on its own: saving one never refuses a save of another' },
  ),
  abilities: TenantAbilities,
});

export const L3_WARNING =
  'Recordings from the contact center sync into this tenant\'s core call records only when core recording is set to "automatic" for both inbound and outbound calls. Until then they stay in the contact center.';

export function presentCoreRecording(tenant: Tenant): Static<typeof CoreRecordingView> {
  const { inbound, outbound } = tenant.coreRecording;
  const syncsToCore = inbound === 'automatic' && outbound === 'automatic';
  return { inbound, outbound, syncsToCore, warning: syncsToCore ? null : L3_WARNING };
}

export function presentDefault(destination: ContinuityDefault | null): Static<typeof DefaultDestinationView> {
  return destination === null
    ? null
    : destination.kind === 'voice_agent'
      ? { kind: 'voice_agent' }
      : { kind: 'external_number', number: destination.number };
}

export interface VersionedTenant {
  readonly tenant: Tenant;
  readonly versions: { readonly details: number; readonly continuity: number; readonly coreRecording: number };
}

export function presentTenant(actor: Actor, networkId: string, { tenant, versions }: VersionedTenant): Static<typeof TenantView> {
  return {
    id: tenant.id,
    name: tenant.name,
    contactCenterActive: tenant.contactCenterActive,
    voiceAgentsEnabled: { ...tenant.voiceAgentsEnabled },
    coreRecording: presentCoreRecording(tenant),
    recordingConsent: tenant.recordingConsent ?? 'by_jurisdiction',
    maxPauseSeconds: tenant.maxPauseSeconds ?? MAX_PAUSE_SECONDS.default,
    recordingRetention: { ...(tenant.recordingRetention ?? KEEP_FOREVER) },
    continuity: {
      enabled: tenant.continuity.enabled,
      defaultDestination: presentDefault(tenant.continuity.defaultDestination),
      drill: presentDrill(tenant.continuity.drill),
      chain: presentChain(tenant.continuity.chain),
    },
    timeZone: tenant.timeZone ?? DEFAULT_TIME_ZONE,
    version: versions.details,
    versions: { ...versions },
    abilities: tenantAbilities(actor, networkId, tenant.id),
  };
}
