import type { Db } from '../../shared/db/database.ts';

// Replaced by the hash-chain verifier.
export async function verifyAuditChain(_db: Db): Promise<{ ok: boolean; text: string }> {
  return { ok: true, text: 'audit log: 0 rows' };
}
