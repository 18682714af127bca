/** Names for the API's response types, all derived from the generated schema. */
import type { paths } from './schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The 200 body of an operation. */
export type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: infer R } } ? Json<R> : never;
/** The JSON body an operation takes. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Me = Ok<'/api/session', 'get'>;
export type ContinuityStatus = Ok<'/api/networks/{networkId}/continuity', 'get'>;
export type TurnOnPreview = Ok<'/api/networks/{networkId}/continuity/turn-on-for-all', 'get'>;
export type TenantContinuity = Ok<'/api/networks/{networkId}/tenants/{tenantId}/continuity', 'get'>;
export type Tenant = Ok<'/api/networks/{networkId}/tenants/{tenantId}', 'get'>;
export type RecordingDefaults = Ok<'/api/networks/{networkId}/recording-defaults', 'get'>;
export type RecordingDefaultsInput = Body<'/api/networks/{networkId}/recording-defaults', 'put'>;
export type Queue = Ok<'/api/networks/{networkId}/queues', 'get'>['queues'][number];
export type Employee = Ok<'/api/networks/{networkId}/employees', 'get'>['employees'][number];
export type ExclusionEntry = Ok<'/api/networks/{networkId}/exclusions', 'get'>['entries'][number];
export type Plan = NonNullable<Ok<'/api/networks/{networkId}/test-call', 'post'>['plan']>;
export type Route = NonNullable<Ok<'/api/networks/{networkId}/test-call', 'post'>['route']>;
export type ScenarioEvent = Body<'/api/networks/{networkId}/agent/simulated-call', 'post'>['events'][number];
export type AuditEntry = Ok<'/api/networks/{networkId}/audit', 'get'>['entries'][number];
export type CallLogEntry = Ok<'/api/networks/{networkId}/calls', 'get'>['calls'][number];
export type TrackingNumber = Ok<'/api/networks/{networkId}/tracking-numbers', 'get'>['trackingNumbers'][number];

export type RecordingMode = Queue['effective']['mode'];
export type Announcement = Queue['effective']['announcement'];
export type ModeSetting = Queue['effective'];
export type ImportResult = Ok<'/api/networks/{networkId}/exclusions/import', 'post'>;
export type Webhook = Ok<'/api/networks/{networkId}/webhooks', 'get'>['webhooks'][number];
export type WebhookEventType = Ok<'/api/networks/{networkId}/webhooks', 'get'>['eventTypes'][number];
export type ApiToken = Ok<'/api/networks/{networkId}/tokens', 'get'>['tokens'][number];
