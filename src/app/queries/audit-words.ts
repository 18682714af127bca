/**
 * C15 for people: an audit entry as a sentence with names ("Nadia Admin turned Call Continuity on
 * for Coastal HVAC") and the difference of only what changed, field by field. The stored entry
 * stays as it was written (the raw record behind "details"); this is how it is read.
 */
import { readableNumber } from '../../domain/phone-number.js';
import type { AuditEntry } from '../../store/audit.repository.js';

/** A name for an id of the network: a tenant, queue, employee, voice agent or tracking number. */
export type NameOf = (id: string) => string | undefined;

export interface FieldChange {
  /** The changed field in words, path parts joined with › ("Queue › Mode"). */
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export interface AuditWords {
  readonly summary: string;
  readonly changes: readonly FieldChange[];
}

const VERBS: Record<string, string> = { create: 'added', update: 'changed', delete: 'removed', rename: 'renamed' };
const KINDS: Record<string, string> = {
  employee: 'employee',
  queue: 'queue',
  tenant: 'tenant',
  tracking_number: 'tracking number',
  voice_agent: 'voice agent',
  token: 'API token',
};

export function auditWords(entry: AuditEntry, nameOf: NameOf): AuditWords {
  return { summary: summary(entry, nameOf), changes: changesOf(entry.before, entry.after) };
}

function summary(entry: AuditEntry, nameOf: NameOf): string {
  const who = entry.actor.name;
  const id = entry.resourceId ?? '';
  const named = nameOf(id) ?? recordName(entry.after) ?? recordName(entry.before) ?? id;
  const tenants = entry.tenantIds.map((t) => nameOf(t) ?? t);
  switch (entry.action) {
    case 'continuity.switch_on':
      return `${who} turned Call Continuity on for ${named}${approved(entry)}`;
    case 'continuity.switch_off':
      return `${who} turned Call Continuity off for ${named}${approved(entry)}`;
    case 'continuity.turn_on_for_all':
      return `${who} turned Call Continuity on for all tenants (${count(tenants.length, 'tenant')} switched: ${tenants.join(', ')})${approved(entry)}`;
    case 'continuity.turn_off_for_all':
      return `${who} turned Call Continuity off for all tenants (${count(tenants.length, 'tenant')} switched: ${tenants.join(', ')})${approved(entry)}`;
    case 'continuity.drill_start':
      return `${who} started a Call Continuity drill for ${named}`;
    case 'continuity.drill_end':
      return `${who} ended the Call Continuity drill for ${named}`;
    case 'continuity.approval_policy':
      return `${who} changed which Call Continuity switches need a second administrator's approval`;
    case 'continuity.approval_request':
      return `${who} asked for approval to ${requestedSwitch(entry, named)}`;
    case 'continuity.approval_refuse':
      return `${who} refused ${noteOf(entry, 'requestedBy') ?? 'someone'}'s request to ${requestedSwitch(entry, named)}`;
    case 'continuity.approval_withdraw':
      return `${who} withdrew their request to ${requestedSwitch(entry, named)}`;
    case 'continuity.approval_stale':
      return `${noteOf(entry, 'requestedBy') ?? 'A'}'s request to ${requestedSwitch(entry, named)} was closed: what it depended on had changed`;
    case 'continuity.default_destination':
      return `${who} changed the default Call Continuity destination of ${named}`;
    case 'continuity.chain':
      return `${who} changed the Call Continuity chain of ${named} (what is tried when a destination does not answer)`;
    case 'continuity.exception':
      return `${who} changed the Call Continuity number of ${named}${tenants.length === 1 ? ` (${tenants[0]})` : ''}`;
    case 'continuity.schedule':
      return `${who} scheduled Call Continuity for ${scheduled(entry, named)}`;
    case 'continuity.schedule_change':
      return `${who} moved a Call Continuity schedule of ${scheduled(entry, named)}`;
    case 'continuity.schedule_cancel':
      return `${who} cancelled a Call Continuity schedule of ${scheduled(entry, named)}`;
    case 'continuity.schedule_failed':
      return `A scheduled Call Continuity switch for ${scheduled(entry, named)} could not run`;
    case 'queue.recording_custom':
      return `${who} gave queue ${named} custom recording settings`;
    case 'queue.recording_reset':
      return `${who} reset queue ${named} to the Queue Defaults`;
    case 'employee.recording_custom':
      return `${who} gave ${named} custom recording settings`;
    case 'employee.recording_reset':
      return `${who} reset ${named} to the Individual Defaults`;
    case 'recording_defaults.update':
      return `${who} changed the recording defaults`;
    case 'tenant.recording_retention':
      return `${who} changed how long recordings of ${named} are kept (B10)`;
    case 'legal_hold.place':
      return `${who} placed a legal hold (B10)`;
    case 'legal_hold.lift':
      return `${who} lifted a legal hold (B10)`;
    case 'recording.deleted':
      return `${who} deleted recording ${id}, past its retention (B10)`;
    case 'recording.listened':
      return `${who} listened to recording ${id}`;
    case 'recording.downloaded':
      return `${who} downloaded recording ${id}`;
    case 'tenant.max_pause':
      return `${who} changed how long recordings of ${named} may stay paused (B8)`;
    case 'call.recording_paused':
      return `${who} paused the recording of call ${id} through the API (B8)`;
    case 'call.recording_resumed':
      return `${who} resumed the recording of call ${id} through the API (B8)`;
    case 'tenant.recording_consent':
      return `${who} changed when calls of ${named} announce their recording (B7 consent)`;
    case 'tenant.core_recording':
      return `${who} changed the core platform recording settings of ${named}`;
    case 'exclusions.add':
      return `${who} added ${readableNumber(id)} to the Exclusion List`;
    case 'exclusions.remove':
      return `${who} removed ${readableNumber(id)} from the Exclusion List`;
    case 'exclusions.import':
      return `${who} imported a file into the Exclusion List`;
    case 'twilio.account.set':
      return `${who} set the network's Twilio account`;
    case 'tracking_number.workflow':
      return `${who} changed the workflow of tracking number ${named}`;
    default: {
      const [kind = '', verb = ''] = entry.action.split('.');
      const noun = KINDS[kind] ?? kind.replace(/_/g, ' ');
      return `${who} ${VERBS[verb] ?? verb.replace(/_/g, ' ')} ${noun} ${named}`.trim();
    }
  }
}

/** B5: a switch made on approval says whose request it was. */
function approved(entry: AuditEntry): string {
  const asked = noteOf(entry, 'requestedBy');
  return noteOf(entry, 'approvalId') === undefined || asked === undefined ? '' : ` (asked by ${asked}, approved)`;
}

/** B5: the switch a request was about, in words. */
function requestedSwitch(entry: AuditEntry, named: string): string {
  switch (noteOf(entry, 'command')) {
    case 'continuity.turn_on_for_all':
      return 'Turn On For All';
    case 'continuity.turn_off_for_all':
      return 'Turn Off For All';
    default:
      return `switch Call Continuity for ${named}`;
  }
}

function noteOf(entry: AuditEntry, field: string): string | undefined {
  const after = entry.after as Record<string, unknown> | null;
  const value = typeof after === 'object' && after !== null ? after[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** B1: a schedule is one tenant's, or every tenant's (resource: the network). */
const scheduled = (entry: AuditEntry, named: string): string => (entry.resourceType === 'network' ? 'all tenants' : named);

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function recordName(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.name === 'string') return record.name;
  if (typeof record.number === 'string') return readableNumber(record.number);
  return undefined;
}

/** Fields that change with every write and say nothing to a reader. */
const NOISE = new Set(['version', 'updatedAt', 'createdAt']);

/** Only what differs, leaf by leaf; a whole record added or removed is one change. */
export function changesOf(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk([], before, after, out);
  return out;
}

function walk(path: readonly string[], before: unknown, after: unknown, out: FieldChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (NOISE.has(key)) continue;
      walk([...path, key], before[key], after[key], out);
    }
    return;
  }
  const was = show(before);
  const is = show(after);
  if (was !== is) out.push({ field: path.length === 0 ? 'Record' : path.map(words).join(' › '), before: was, after: is });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "defaultDestination" as "Default destination", "continuity_number" as "Continuity number". */
function words(key: string): string {
  const spaced = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return readableNumber(value).replace(/_/g, ' ');
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(show).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .filter(([key]) => !NOISE.has(key))
    .map(([key, v]) => `${words(key)}: ${show(v)}`)
    .join('; ');
}
