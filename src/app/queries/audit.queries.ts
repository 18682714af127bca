/** C15: the audit log, newest first, filtered, a page at a time, each entry also in words (audit-words.ts). */
import { listAudit, type AuditEntry, type AuditFilter } from '../../store/audit.repository.js';
import { namesByIds } from '../../store/names.repository.js';
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
  const nameOf = await namesOf(app, networkId, entries);
  return entries.map((entry) => ({ ...entry, ...auditWords(entry, nameOf) }));
}

/** The names, as they are now, of the records these entries name (a removed record keeps the name its entry carries). */
async function namesOf(app: Application, networkId: string, entries: readonly AuditEntry[]): Promise<NameOf> {
  const names = await namesByIds(
    app.store.db,
    networkId,
    entries.flatMap((entry) => [entry.resourceId ?? '', ...entry.tenantIds]),
  );
  return (id) => names.get(id);
}
