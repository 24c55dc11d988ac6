import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../shared/db/database.ts';
import { auditLog } from '../db/schema.ts';
import { GENESIS_HASH, hashAuditRow } from './audit.ts';

export type ChainProblem = 'altered' | 'inserted' | 'deleted' | 'broken-link';

export interface ChainReport {
  ok: boolean;
  text: string;
  problems: { seq: number; problem: ChainProblem }[];
}

const BATCH = 5_000;
// A wrecked log could yield millions of problems; the first ones are enough to start an investigation.
const MAX_PROBLEMS = 1_000;

interface Row {
  seq: number;
  hash: string;
  prevHash: string;
}

/**
 * Walks the whole log in seq order, a batch at a time, and recomputes every hash. It catches what the
 * insert-only trigger cannot stop: someone with the rights to disable the trigger (or edit the files).
 *
 * - altered: the row's content no longer matches its own hash;
 * - deleted: seq jumps (each missing seq is reported);
 * - inserted: a row whose neighbours link to each other around it;
 * - broken-link: a row whose prev_hash is not the hash of the row before it, for any other reason.
 * A chain truncated at its end cannot be told from a shorter one: anchor the last hash elsewhere for that.
 */
export async function verifyAuditChain(db: Db, options: { batchSize?: number } = {}): Promise<ChainReport> {
  const batchSize = options.batchSize ?? BATCH;
  const problems: ChainReport['problems'] = [];
  let truncated = false;
  const report = (seq: number, problem: ChainProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ seq, problem });
    else truncated = true;
  };

  let rows = 0;
  let before: Row | undefined; // the row `previous` should have linked to
  let previous: Row | undefined; // the last row looked at
  let suspect = false; // `previous` did not link to `before`; the row after it decides why
  let afterSeq = 0;

  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, afterSeq))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of batch) {
      rows++;
      if (hashAuditRow(row.prevHash, { ...row, detail: row.detail ?? {} }) !== row.hash)
        report(row.seq, 'altered');

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
  const ok = problems.length === 0;
  const head = `audit log: ${rows} row${rows === 1 ? '' : 's'}`;
  const text = ok
    ? `${head}, hash chain intact${previous ? ` (last seq ${previous.seq}, hash ${previous.hash})` : ''}`
    : [
        `${head}, ${problems.length}${truncated ? '+' : ''} problem${problems.length === 1 ? '' : 's'} found:`,
        ...problems.map((p) => `  seq ${p.seq}: ${p.problem}`),
        ...(truncated ? [`  … stopped listing after ${MAX_PROBLEMS} problems`] : []),
      ].join('\n');
  return { ok, text, problems };
}
