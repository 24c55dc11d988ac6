import { asc, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../shared/db/database.ts';
import { chainHash, linkRows, lockChainHead, verifyChain, type ChainProblem } from '../shared/audit/chain.ts';
import { messageLog, type LogDirection, type LogOutcome } from './tables.ts';

export { GENESIS_HASH } from '../shared/audit/chain.ts';

// One lock for the whole log, so every row chains to the row committed just before it.
const LOG_LOCK_KEY = 73110;

export interface LogEntry {
  messageId: string | null;
  direction: LogDirection;
  type: string | null;
  version: number | null;
  stream: string | null;
  streamSeq: number | null;
  bytes: number;
  outcome: LogOutcome;
  reason: string | null;
  at?: Date;
}

type HashedFields = Omit<LogEntry, 'at'> & { seq: number; at: Date };

function hashedForm(row: HashedFields): Record<string, unknown> {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    messageId: row.messageId,
    direction: row.direction,
    type: row.type,
    version: row.version,
    stream: row.stream,
    streamSeq: row.streamSeq,
    bytes: row.bytes,
    outcome: row.outcome,
    reason: row.reason,
  };
}

export function hashLogRow(prevHash: string, row: HashedFields): string {
  return chainHash(prevHash, hashedForm(row));
}

/**
 * Appends inside the caller's transaction, so the entry exists exactly when the crossing it records commits.
 * seq is last + 1 (not the sequence, which leaves holes on rollback): a hole therefore means a deleted row.
 */
export async function appendMessageLog(tx: Tx, entry: LogEntry): Promise<number> {
  const [seq] = await appendMessageLogBatch(tx, [entry]);
  return seq ?? 0;
}

/** Several entries in order under one lock and one insert: the relay logs a whole batch at once. */
export async function appendMessageLogBatch(tx: Tx, entries: readonly LogEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const head = await lockChainHead(tx, 'message_log', LOG_LOCK_KEY);
  const linked = linkRows(
    head,
    entries.map((entry) => ({ ...entry, at: entry.at ?? new Date() })),
    (row, seq) => hashedForm({ ...row, seq }),
  );
  const values = linked.map((row) => ({
    seq: row.seq,
    at: row.at.toISOString(),
    message_id: row.messageId,
    direction: row.direction,
    type: row.type,
    version: row.version,
    stream: row.stream,
    stream_seq: row.streamSeq,
    bytes: row.bytes,
    outcome: row.outcome,
    reason: row.reason,
    prev_hash: row.prevHash,
    hash: row.hash,
  }));
  // One parameter for the whole batch: the relay logs hundreds of rows per transaction, and building them
  // value by value through the query builder cost more than the database's work.
  await tx.execute(sql`
    INSERT INTO message_log (seq, at, message_id, direction, type, version, stream, stream_seq, bytes, outcome,
                             reason, prev_hash, hash)
    SELECT seq, at, message_id, direction, type, version, stream, stream_seq, bytes, outcome, reason, prev_hash, hash
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS x(
      seq bigint, at timestamptz, message_id uuid, direction text, type text, version integer, stream text,
      stream_seq bigint, bytes integer, outcome text, reason text, prev_hash text, hash text)`);
  return linked.map((row) => row.seq);
}

export type LogProblem = ChainProblem;

export interface LogReport {
  ok: boolean;
  rows: number;
  problems: { seq: number; problem: LogProblem }[];
}

/** Recomputes every hash and link (the same walk as the audit log's); catches edits past the insert-only trigger. */
export async function verifyMessageLog(db: Db): Promise<LogReport> {
  const result = await verifyChain(
    (afterSeq, limit) =>
      db
        .select()
        .from(messageLog)
        .where(gt(messageLog.seq, afterSeq))
        .orderBy(asc(messageLog.seq))
        .limit(limit),
    (row) => hashLogRow(row.prevHash, row),
  );
  return { ok: result.ok, rows: result.rows, problems: result.problems };
}
