import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../shared/db/database.ts';
import { canonicalJson } from './canonical.ts';
import { messageLog, type LogDirection, type LogOutcome } from './tables.ts';

export const GENESIS_HASH = '0'.repeat(64);

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

export function hashLogRow(prevHash: string, row: HashedFields): string {
  const body = canonicalJson({
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
  });
  return createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex');
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
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOG_LOCK_KEY})`);
  const [last] = await tx
    .select({ seq: messageLog.seq, hash: messageLog.hash })
    .from(messageLog)
    .orderBy(desc(messageLog.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const values: Record<string, unknown>[] = [];
  const seqs: number[] = [];
  for (const entry of entries) {
    const row: HashedFields = {
      seq: ++seq,
      at: entry.at ?? new Date(),
      messageId: entry.messageId,
      direction: entry.direction,
      type: entry.type,
      version: entry.version,
      stream: entry.stream,
      streamSeq: entry.streamSeq,
      bytes: entry.bytes,
      outcome: entry.outcome,
      reason: entry.reason,
    };
    const hash = hashLogRow(prevHash, row);
    values.push({
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
      prev_hash: prevHash,
      hash,
    });
    seqs.push(row.seq);
    prevHash = hash;
  }
  // One parameter for the whole batch: the relay logs hundreds of rows per transaction, and building them
  // value by value through the query builder cost more than the database's work.
  await tx.execute(sql`
    INSERT INTO message_log (seq, at, message_id, direction, type, version, stream, stream_seq, bytes, outcome,
                             reason, prev_hash, hash)
    SELECT seq, at, message_id, direction, type, version, stream, stream_seq, bytes, outcome, reason, prev_hash, hash
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS x(
      seq bigint, at timestamptz, message_id uuid, direction text, type text, version integer, stream text,
      stream_seq bigint, bytes integer, outcome text, reason text, prev_hash text, hash text)`);
  return seqs;
}

export type LogProblem = 'altered' | 'broken-link' | 'deleted';

export interface LogReport {
  ok: boolean;
  rows: number;
  problems: { seq: number; problem: LogProblem }[];
}

const BATCH = 5_000;
const MAX_PROBLEMS = 1_000;

/** Recomputes every hash and link; catches edits by anyone able to get past the insert-only trigger. */
export async function verifyMessageLog(db: Db): Promise<LogReport> {
  const problems: LogReport['problems'] = [];
  let rows = 0;
  let prev: { seq: number; hash: string } | undefined;
  for (;;) {
    const batch = await db
      .select()
      .from(messageLog)
      .where(gt(messageLog.seq, prev?.seq ?? 0))
      .orderBy(asc(messageLog.seq))
      .limit(BATCH);
    for (const row of batch) {
      rows++;
      const push = (problem: LogProblem) => {
        if (problems.length < MAX_PROBLEMS) problems.push({ seq: row.seq, problem });
      };
      if (hashLogRow(row.prevHash, row) !== row.hash) push('altered');
      const expectedSeq = (prev?.seq ?? 0) + 1;
      if (row.seq !== expectedSeq) push('deleted');
      else if (row.prevHash !== (prev?.hash ?? GENESIS_HASH)) push('broken-link');
      prev = { seq: row.seq, hash: row.hash };
    }
    if (batch.length < BATCH) break;
  }
  return { ok: problems.length === 0, rows, problems };
}
