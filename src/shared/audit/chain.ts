import { rows } from '../db/database.ts';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { canonicalJson } from '../crypto/canonical-json.ts';

/**
 * The hash chain shared by every insert-only log of the platform (the audit log, each zone's message log):
 * a row's hash is SHA-256 over the previous row's hash followed by the canonical JSON (RFC 8785) of the row's
 * own fields, seq included, so a row cannot be altered, removed or slipped in without a recomputation showing it.
 */

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, fields: Record<string, unknown>): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(fields), 'utf8')
    .digest('hex');
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Takes the chain's lock for the rest of the caller's transaction and returns its last row: writers queue on
 * the lock, so every row links to the row committed just before it. seq is then last + 1 (not a sequence,
 * which leaves holes on rollback), so a hole always means a deleted row.
 */
export async function lockChainHead(tx: Tx, table: string, lockKey: number): Promise<ChainHead> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${lockKey})`);
  const result = await tx.execute(
    sql`SELECT seq, hash FROM ${sql.identifier(table)} ORDER BY seq DESC LIMIT 1`,
  );
  const [last] = rows<{ seq: string | number; hash: string }>(result);
  return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Links new rows after the head: each gets its seq, the previous hash and its own hash. */
export function linkRows<T>(
  head: ChainHead,
  rows: readonly T[],
  hashedFields: (row: T, seq: number) => Record<string, unknown>,
): (T & { seq: number; prevHash: string; hash: string })[] {
  let { seq, hash: prevHash } = head;
  return rows.map((row) => {
    seq += 1;
    const hash = chainHash(prevHash, hashedFields(row, seq));
    const linked = { ...row, seq, prevHash, hash };
    prevHash = hash;
    return linked;
  });
}

export type ChainProblem = 'altered' | 'inserted' | 'deleted' | 'broken-link';

export interface ChainVerification {
  ok: boolean;
  rows: number;
  last: ChainHead | undefined;
  problems: { seq: number; problem: ChainProblem }[];
  /** More problems were found than are listed. */
  truncated: boolean;
}

export interface StoredLink {
  seq: number;
  hash: string;
  prevHash: string;
}

// A wrecked log could yield millions of problems; the first ones are enough to start an investigation.
const MAX_PROBLEMS = 1_000;

/**
 * Walks a chain in seq order, a batch at a time, and recomputes every hash. It catches what an insert-only
 * trigger cannot stop: someone with the rights to disable the trigger (or edit the files).
 *
 * - altered: the row's content no longer matches its own hash;
 * - deleted: seq jumps (each missing seq is reported);
 * - inserted: a row whose neighbours link to each other around it;
 * - broken-link: a row whose prev_hash is not the hash of the row before it, for any other reason.
 * A chain truncated at its end cannot be told from a shorter one: anchor the last hash elsewhere for that.
 */
export async function verifyChain<R extends StoredLink>(
  readAfter: (afterSeq: number, limit: number) => Promise<R[]>,
  hashOf: (row: R) => string,
  batchSize = 5_000,
): Promise<ChainVerification> {
  const problems: ChainVerification['problems'] = [];
  let truncated = false;
  const report = (seq: number, problem: ChainProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ seq, problem });
    else truncated = true;
  };

  let rows = 0;
  let before: StoredLink | undefined; // the row `previous` should have linked to
  let previous: StoredLink | undefined; // the last row looked at
  let suspect = false; // `previous` did not link to `before`; the row after it decides why
  let afterSeq = 0;

  for (;;) {
    const batch = await readAfter(afterSeq, batchSize);
    for (const row of batch) {
      rows++;
      if (hashOf(row) !== row.hash) report(row.seq, 'altered');

      let linkedTo = previous;
      if (suspect && previous) {
        suspect = false;
        // The row after the suspect links to the one before it: the suspect was slipped in between.
        if (before && row.prevHash === before.hash) {
          report(previous.seq, 'inserted');
          linkedTo = before;
        } else {
          report(previous.seq, 'broken-link');
        }
      }

      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (row.seq > expectedSeq) {
        // The link across a hole is broken by definition; the hole is the finding.
        for (let missing = expectedSeq; missing < row.seq && !truncated; missing++)
          report(missing, 'deleted');
      } else if (row.prevHash !== (linkedTo?.hash ?? GENESIS_HASH)) {
        suspect = true;
      }
      before = linkedTo;
      previous = { seq: row.seq, hash: row.hash, prevHash: row.prevHash };
    }
    if (batch.length < batchSize) break;
    afterSeq = batch[batch.length - 1]!.seq;
  }
  if (suspect && previous) report(previous.seq, 'broken-link');

  problems.sort((a, b) => a.seq - b.seq);
  return {
    ok: problems.length === 0,
    rows,
    last: previous && { seq: previous.seq, hash: previous.hash },
    problems,
    truncated,
  };
}
