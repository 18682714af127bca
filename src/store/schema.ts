/**
 * The database's tables as Kysely sees them. One schema for SQLite and PostgreSQL: ids are text,
 * timestamps are ISO 8601 text in UTC (they sort as text), booleans are 0/1 integers and lists
 * are JSON text, so every query reads the same on both (docs/decisions/0026-one-portable-schema.md).
 */
import type { ColumnType, Generated } from 'kysely';
type Bool = number;

export interface NetworksTable {
  id: string;
  slug: string;
  name: string;
  /** Grows with every settings change of the network, in the same transaction (C13). */
  version: number;
  created_at: string;
  /** B5: none, turn_on_for_all or every_switch: which switches need a second administrator's approval. */
  continuity_approval: Generated<string>;
  /** B5: how long an approval request may wait. */
  approval_expiry_minutes: Generated<number>;
}

export interface TenantsTable {
  id: string;
  network_id: string;
  name: string;
  contact_center_active: Bool;
  voice_agents_contact_center: Bool;
  voice_agents_core: Bool;
  core_inbound: string;
  core_outbound: string;
  continuity_enabled: Bool;
  continuity_default_kind: string | null;
  continuity_default_number: string | null;
  /** The tenant's details (name, live, voice agents enabled). */
  version: number;
  /** The continuity settings (the default destination); defaults to 1. */
  continuity_version: ColumnType<number, number | undefined, number>;
  /** B1: the IANA time zone schedules are set and shown in; null: UTC. */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
  /** B4: JSON, the drill's test callers and when it ends; null: no drill. */
  continuity_drill: ColumnType<string | null, string | null | undefined, string | null>;
  /** B7: 'announce_always', or null (by the caller's jurisdiction). */
  recording_consent: ColumnType<string | null, string | null | undefined, string | null>;
  /** B8: the longest pause (seconds); null: the default (migration 022). */
  max_pause_seconds: ColumnType<number | null, number | null | undefined, number | null>;
  /** B10: JSON days per kind of recording (null: for ever); null: every kind for ever (migration 024). */
  recording_retention: ColumnType<string | null, string | null | undefined, string | null>;
  /** B6: JSON {then, noAnswerSeconds}, or null (no chain). */
  continuity_chain: ColumnType<string | null, string | null | undefined, string | null>;
  /** The core recording settings; defaults to 1. */
  core_recording_version: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface QueuesTable {
  id: string;
  network_id: string;
  name: string;
  custom_mode: string | null;
  custom_announcement: string | null;
  version: number;
}

export interface EmployeesTable {
  id: string;
  network_id: string;
  name: string;
  contact_center_user: Bool;
  direct_line: string | null;
  home_tenant_id: string | null;
  custom_inbound_mode: string | null;
  custom_inbound_announcement: string | null;
  custom_outbound_mode: string | null;
  custom_outbound_announcement: string | null;
  version: number;
}

export interface VoiceAgentsTable {
  id: string;
  network_id: string;
  tenant_id: string;
  name: string;
  enabled: Bool;
  created_at: string;
  version: number;
}

export interface TrackingNumbersTable {
  id: string;
  network_id: string;
  tenant_id: string;
  number: string;
  workflow_kind: string;
  /** The queue, employee or voice agent id, for those workflow kinds. */
  workflow_ref: string | null;
  /** The external number, for an external forward. */
  workflow_number: string | null;
  continuity_number: string | null;
  version: number;
}

export interface RecordingDefaultsTable {
  network_id: string;
  trigger: string;
  connected_mode: string;
  queue_mode: string;
  queue_announcement: string;
  inbound_mode: string;
  inbound_announcement: string;
  outbound_mode: string;
  outbound_announcement: string;
  transfer_to_queue: string;
  transfer_to_employee: string;
  version: number;
}

export interface ExclusionsTable {
  network_id: string;
  /** `number` (E.164) or `area_code` (3 digits). */
  kind: string;
  value: string;
  created_at: string;
}

export interface AuditLogTable {
  /** Sortable: time first (see ids.ts). */
  id: string;
  network_id: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string;
  /** `api`, `ui` or `cli`. */
  source: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  /** JSON list of the tenants the change touched (C15). */
  tenant_ids: string;
  before: string | null;
  after: string | null;
  /** The client's address (through SWITCHBOARD_TRUST_PROXY); null from the command line. */
  client_address: string | null;
}

export interface UsersTable {
  id: string;
  network_id: string;
  email: string;
  name: string;
  password_hash: string;
  network_admin: Bool;
  /** A contact-center agent: sees the banner (C12) and the agent console. */
  agent: Bool;
  /** The employee an agent is (an id in the network's directory): the live calls they answer are theirs. */
  employee_id: string | null;
  created_at: string;
}

export interface UserPermissionsTable {
  user_id: string;
  /** Null for a network permission (edit_call_recording_settings). */
  tenant_id: string | null;
  permission: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's value: a stolen database holds no usable session. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  /** Null: the token does not expire. */
  expires_at: string | null;
  /** B8: null, whatever its user may do; `recording_pause`, only pause and resume recordings (migration 023). */
  scope: ColumnType<string | null, string | null | undefined, string | null>;
}

/** What each settings change touched, under its version (snapshots are patched from it). */
export interface NetworkChangesTable {
  network_id: string;
  version: number;
  kind: string;
  touched: string;
  at: string;
}

/** Failed sign-ins, per address and account and per account, shared by every node (hardening item 7). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  blocked_until: string | null;
}

export interface CallLogTable {
  id: string;
  network_id: string;
  tenant_id: string | null;
  started_at: string;
  direction: string;
  from_number: string | null;
  to_number: string | null;
  rule_set: string;
  /** JSON: the route, segments, logged-in systems and reasons of the plan (L5). */
  route: string | null;
  segments: string;
  logged_in: string;
  synced: Bool;
  reasons: string;
  source: string;
  /** The edge's id of the call (SIP Call-ID); unique per network and source. Null on entries logged before issue 13. */
  call_id: string | null;
  /** B6: JSON, the continuity destinations tried before the last and why each was left; null when none was. */
  attempts: ColumnType<string | null, string | null | undefined, string | null>;
  /** B7: JSON, the consent given (ConsentStamp); null when no consent rule applied (migration 021). */
  consent: ColumnType<string | null, string | null | undefined, string | null>;
}

/** B1: a continuity switch due at a time (a stored command). */
export interface ContinuitySchedulesTable {
  id: string;
  network_id: string;
  /** Null: every tenant (Turn On / Off For All). */
  tenant_id: string | null;
  enabled: Bool;
  command: string;
  /** JSON: the command's input, as it will run. */
  input: string;
  run_at: string;
  /** pending, done, failed or cancelled. */
  status: string;
  requested_by_user_id: string | null;
  requested_by_name: string;
  created_at: string;
  ran_at: string | null;
  /** JSON: what the run did, or why it failed. */
  outcome: string | null;
  version: number;
}

export interface RecordingsTable {
  id: string;
  network_id: string;
  call_log_id: string;
  tenant_id: string | null;
  sip_call_id: string;
  /** The WAV's path, relative to the data folder's recordings/ (or absolute when elsewhere). */
  file: string;
  duration_ms: number;
  segments: string;
  created_at: string;
  /** A recording the provider holds: its media's address there (migration 012); null for our WAVs. */
  media_url: string | null;
  /** B7: JSON, the consent given (ConsentStamp); null when no consent rule applied (migration 021). */
  consent: ColumnType<string | null, string | null | undefined, string | null>;
  /** B10: queue, individual, voice_agent or continuity (null: stored before B10, kept for ever) (migration 024). */
  kind: ColumnType<string | null, string | null | undefined, string | null>;
  /** B10: the caller's number, what a hold on a caller goes by (null: none, or stored before B10). */
  caller: ColumnType<string | null, string | null | undefined, string | null>;
}

/** B10: a legal hold on a call, a caller's number or a tenant: its recordings are not deleted until it is lifted. */
export interface LegalHoldsTable {
  id: string;
  network_id: string;
  kind: string;
  value: string;
  reason: string;
  placed_by: string;
  placed_at: string;
  lifted_by: string | null;
  lifted_at: string | null;
  lift_reason: string | null;
}

/** B3: a network's webhook subscription. */
export interface WebhookSubscriptionsTable {
  id: string;
  network_id: string;
  url: string;
  description: string;
  /** JSON list of event types. */
  event_types: string;
  /** `whsec_…`, sealed under SWITCHBOARD_SECRET_KEY when it is set (secret-box.ts). */
  secret: string;
  enabled: number;
  created_at: string;
}

/** B3: an event, written in the transaction of the change it tells of (the outbox). */
export interface WebhookEventsTable {
  /** The Standard Webhooks `webhook-id`: the same for every attempt, at every subscription. */
  id: string;
  network_id: string;
  type: string;
  /** The JSON body sent: { type, timestamp, data }. */
  payload: string;
  created_at: string;
  /** 1 once the deliverer has made its deliveries. */
  fanned_out: number;
}

/** B3: one event to one subscription. */
export interface WebhookDeliveriesTable {
  id: string;
  network_id: string;
  subscription_id: string;
  event_id: string;
  /** The order of delivery per subscription: the order the deliverer first saw the events. */
  seq: number;
  /** `pending`, `delivered` or `failed` (given up). */
  status: string;
  attempts: number;
  next_attempt_at: string;
  /** When this stretch of attempts began: giving up counts from it. */
  since: string;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface Schema {
  networks: NetworksTable;
  tenants: TenantsTable;
  queues: QueuesTable;
  employees: EmployeesTable;
  voice_agents: VoiceAgentsTable;
  tracking_numbers: TrackingNumbersTable;
  recording_defaults: RecordingDefaultsTable;
  exclusions: ExclusionsTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  user_permissions: UserPermissionsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  network_changes: NetworkChangesTable;
  call_log: CallLogTable;
  continuity_schedules: ContinuitySchedulesTable;
  continuity_approvals: ContinuityApprovalsTable;
  recordings: RecordingsTable;
  legal_holds: LegalHoldsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  cluster_nodes: ClusterNodesTable;
  live_calls: LiveCallsTable;
  rate_limits: RateLimitsTable;
  sip_events: SipEventsTable;
  twilio_accounts: TwilioAccountsTable;
}

export interface ContinuityApprovalsTable {
  id: string;
  network_id: string;
  /** Null: every tenant (Turn On / Off For All). */
  tenant_id: string | null;
  command: string;
  /** JSON: the command's input, as it will run once approved. */
  input: string;
  /** JSON: what would change, as the requester saw it. */
  preview: string;
  /** JSON: what the request depends on; approved only while it is unchanged. */
  basis: string;
  requested_by_user_id: string | null;
  requested_by_name: string;
  requested_at: string;
  expires_at: string;
  /** pending, approved, refused, withdrawn or stale. */
  status: string;
  decided_by_user_id: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  /** JSON: what the approved command did, or why the request was closed. */
  outcome: string | null;
  version: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: number | string;
  hits: number;
}

export interface LiveCallsTable {
  source: string;
  call_id: string;
  network_id: string;
  node_id: string;
  state: string;
  view: string;
  updated_at: number | string;
}

export interface ClusterNodesTable {
  id: string;
  address: string;
  /** Epoch milliseconds on the database's clock (bigint: text from pg). */
  started_at: number | string;
  seen_at: number | string;
}

/** Events Kamailio could give to no node, kept for one (issue 13; migration 010). */
export interface SipEventsTable {
  id: string;
  body: string;
}

/** A network's account on a Twilio-compatible provider (issue 14; migration 011). */
export interface TwilioAccountsTable {
  network_id: string;
  account_sid: string;
  /** secret-box.ts's sealed form, for the purpose `twilio-auth-token:<account sid>`. */
  auth_token_sealed: string;
  updated_at: string;
}
