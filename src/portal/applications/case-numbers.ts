import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../shared/db/database.ts';

// Case numbers are handed out from blocks each process takes from `case_number_counters` in a statement of its
// own. Taking the next number inside the submission's transaction kept the counter row locked until commit, so
// every submission to one unit on one day waited for the one before it: the counter, not the work, set the
// rate. With blocks, a number is never given twice (each block is the counter's own, committed at once); what
// a crash or a refused submission leaves unused is a gap, which a case number may have.

const BLOCK = 50;

interface Block {
  next: number;
  end: number;
}

// Per database: tests run several portals in one process, each with its own counters.
const held = new WeakMap<Db, Map<string, Block>>();
const taking = new WeakMap<Db, Map<string, Promise<void>>>();

async function takeBlock(db: Db, unitCode: string, day: string): Promise<Block> {
  const [row] = rows<{ last: number }>(
    await db.execute(sql`
      INSERT INTO case_number_counters (unit_code, day, last) VALUES (${unitCode}, ${day}, ${BLOCK})
      ON CONFLICT (unit_code, day) DO UPDATE SET last = case_number_counters.last + ${BLOCK}
      RETURNING last`),
  );
  if (!row) throw new Error('the case number counter answered nothing');
  const end = Number(row.last);
  return { next: end - BLOCK + 1, end };
}

/** The next case number of a unit's day: `SF-ZA-20261206-000123`. Call it outside any transaction. */
export async function nextCaseNumber(db: Db, unitCode: string, day: string): Promise<string> {
  const key = `${unitCode}/${day}`;
  const blocks = held.get(db) ?? new Map<string, Block>();
  held.set(db, blocks);
  const pending = taking.get(db) ?? new Map<string, Promise<void>>();
  taking.set(db, pending);
  for (;;) {
    const block = blocks.get(key);
    if (block && block.next <= block.end) {
      const sequence = block.next++;
      return `${unitCode}-${day}-${String(sequence).padStart(6, '0')}`;
    }
    // One request takes the next block; the others wait for it rather than each taking one.
    let taken = pending.get(key);
    if (!taken) {
      taken = takeBlock(db, unitCode, day)
        .then((fresh) => void blocks.set(key, fresh))
        .finally(() => pending.delete(key));
      pending.set(key, taken);
    }
    await taken;
  }
}
