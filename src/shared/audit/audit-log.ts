import { asc, gt } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { auditLog } from './audit.tables.ts';
import { chainHash, linkRows, lockChainHead, verifyChain, type ChainProblem } from './chain.ts';

export { GENESIS_HASH, type ChainProblem } from './chain.ts';
export { auditLog };

// One lock key for the whole log: writers queue on it so every row is chained to the row committed before it.
const AUDIT_LOCK_KEY = 73001;

export interface AuditEntry {
  /** Badge number of the officer acting; 'unknown' when a login names no account; 'exchange' for the relay. */
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

export function hashAuditRow(prevHash: string, row: HashedFields): string {
  return chainHash(prevHash, {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    actorUnit: row.actorUnit,
    action: row.action,
    target: row.target,
    sourceIp: row.sourceIp,
    detail: row.detail,
  });
}

/**
 * Appends one entry inside the caller's transaction, so the record exists exactly when the action it describes
 * commits.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<number> {
  const head = await lockChainHead(tx, 'audit_log', AUDIT_LOCK_KEY);
  // What jsonb gives back must hash like what went in: drop undefined and non-JSON values first.
  const detail = JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>;
  // Postgres keeps microseconds and JS milliseconds; both agree when the value starts as a JS Date.
  const fields = {
    at: entry.at ?? new Date(),
    actor: entry.actor,
    actorUnit: entry.actorUnit,
    action: entry.action,
    target: entry.target,
    sourceIp: entry.sourceIp,
    detail,
  };
  const [row] = linkRows(head, [fields], (f, seq) => ({ ...f, seq, at: f.at.toISOString() }));
  await tx.insert(auditLog).values(row!);
  return row!.seq;
}

export interface ChainReport {
  ok: boolean;
  /** Rows checked and the last one's seq, for pages that say it in their own language. */
  rows: number;
  lastSeq: number | null;
  text: string;
  problems: { seq: number; problem: ChainProblem }[];
}

/** Checks the whole audit log's chain (see verifyChain) and says what it found, for `openpsb audit verify`. */
export async function verifyAuditChain(db: Db, options: { batchSize?: number } = {}): Promise<ChainReport> {
  const result = await verifyChain(
    (afterSeq, limit) =>
      db.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit),
    (row) => hashAuditRow(row.prevHash, { ...row, detail: row.detail ?? {} }),
    options.batchSize,
  );
  const { ok, rows, problems, truncated, last } = result;
  const head = `audit log: ${rows} row${rows === 1 ? '' : 's'}`;
  const text = ok
    ? `${head}, hash chain intact${last ? ` (last seq ${last.seq}, hash ${last.hash})` : ''}`
    : [
        `${head}, ${problems.length}${truncated ? '+' : ''} problem${problems.length === 1 ? '' : 's'} found:`,
        ...problems.map((p) => `  seq ${p.seq}: ${p.problem}`),
        ...(truncated ? [`  … stopped listing after ${problems.length} problems`] : []),
      ].join('\n');
  return { ok, rows, lastSeq: last?.seq ?? null, text, problems };
}
