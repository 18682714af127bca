/** C15: the audit log, newest first, filtered, a page at a time, each entry also in words (audit-words.ts). */
import { readableNumber } from '../../domain/phone-number.js';
import { listAudit, type AuditEntry, type AuditFilter } from '../../store/audit.repository.js';
import { listEmployees } from '../../store/employees.repository.js';
import { listQueues } from '../../store/queues.repository.js';
import { listTenants } from '../../store/tenants.repository.js';
import { listTrackingNumbers } from '../../store/tracking-numbers.repository.js';
import { listVoiceAgents } from '../../store/voice-agents.repository.js';
import type { Application } from '../application.js';
import { auditWords, type AuditWords, type NameOf } from './audit-words.js';

export type { AuditEntry, AuditFilter };

export type ReadableAuditEntry = AuditEntry & AuditWords;

const auditEntries = (app: Application, networkId: string, filter: AuditFilter, limit: number): Promise<AuditEntry[]> =>
  listAudit(app.store.db, networkId, filter, limit);

export async function readableAuditEntries(
  app: Application,
  networkId: string,
  filter: AuditFilter,
  limit: number,
): Promise<ReadableAuditEntry[]> {
  const entries = await auditEntries(app, networkId, filter, limit);
  if (entries.length === 0) return [];
  const nameOf = await namesOf(app, networkId);
  return entries.map((entry) => ({ ...entry, ...auditWords(entry, nameOf) }));
}

/** The names of the network's records as they are now (a removed record keeps the name its entry carries). */
async function namesOf(app: Application, networkId: string): Promise<NameOf> {
  const db = app.store.db;
  const [tenants, queues, employees, numbers] = await Promise.all([
    listTenants(db, networkId),
    listQueues(db, networkId),
    listEmployees(db, networkId),
    listTrackingNumbers(db, networkId),
  ]);
  const agents = await listVoiceAgents(
    db,
    networkId,
    tenants.map((t) => t.tenant.id),
  );
  const names = new Map<string, string>([
    ...tenants.map((t): [string, string] => [t.tenant.id, t.tenant.name]),
    ...queues.map((q): [string, string] => [q.queue.id, q.queue.name]),
    ...employees.map((e): [string, string] => [e.employee.id, e.employee.name]),
    ...agents.map((a): [string, string] => [a.id, a.name]),
    ...numbers.map((n): [string, string] => [n.trackingNumber.id, readableNumber(n.trackingNumber.number)]),
  ]);
  return (id) => names.get(id);
}
