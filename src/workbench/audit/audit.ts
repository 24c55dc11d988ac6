import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../../shared/db/database.ts';
import { auditLog } from '../db/schema.ts';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

// One lock key for the whole log: writers queue on it so every row is chained to the row committed before it.
const AUDIT_LOCK_KEY = 73001;

export interface AuditEntry {
  /** Badge number of the officer acting; 'unknown' when a login names no account. */
  actor: string;
  actorUnit: string | null;
  action: string;
  /** What was acted on, e.g. 'staff:SF1001' or 'unit:SF-D01'. */
  target: string | null;
  sourceIp: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** The fields a row's hash covers; seq is included so a removed row cannot be hidden by renumbering. */
export interface HashedFields {
  seq: number;
  at: Date;
  actor: string;
  actorUnit: string | null;
  action: string;
  target: string | null;
  sourceIp: string | null;
  detail: Record<string, unknown>;
}

/** JSON with keys sorted at every level and no whitespace, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditRow(prevHash: string, row: HashedFields): string {
  const body = canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    actorUnit: row.actorUnit,
    action: row.action,
    target: row.target,
    sourceIp: row.sourceIp,
    detail: row.detail,
  });
  return createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex');
}

/**
 * Appends one entry inside the caller's transaction, so the record exists exactly when the action it describes
 * commits. seq is assigned here (last + 1) rather than by the sequence, which leaves holes on rollback: a hole
 * in seq therefore always means a deleted row.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  // What jsonb gives back must hash like what went in: drop undefined and non-JSON values first.
  const detail = JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>;
  // Postgres keeps microseconds and JS milliseconds; both agree when the value starts as a JS Date.
  const at = entry.at ?? new Date();
  const row: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actor: entry.actor,
    actorUnit: entry.actorUnit,
    action: entry.action,
    target: entry.target,
    sourceIp: entry.sourceIp,
    detail,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...row, prevHash, hash: hashAuditRow(prevHash, row) });
  return row.seq;
}
