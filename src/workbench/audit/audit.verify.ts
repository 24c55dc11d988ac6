export { verifyAuditChain, type ChainProblem, type ChainReport } from '../../shared/audit/audit-log.ts';
