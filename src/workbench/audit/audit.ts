// The audit log is the shared kernel's (src/shared/audit): one hash chain for it and the exchange's message
// log. The workbench keeps it in its database; its features record through here.
export {
  GENESIS_HASH,
  hashAuditRow,
  recordAudit,
  type AuditEntry,
  type HashedFields,
} from '../../shared/audit/audit-log.ts';
