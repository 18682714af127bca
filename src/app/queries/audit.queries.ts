/** C15: the audit log, newest first, filtered, a page at a time. */
import { listAudit, type AuditEntry, type AuditFilter } from '../../store/audit.repository.js';
import type { Application } from '../application.js';

export type { AuditEntry, AuditFilter };

export const auditEntries = (app: Application, networkId: string, filter: AuditFilter, limit: number): Promise<AuditEntry[]> =>
  listAudit(app.store.db, networkId, filter, limit);
