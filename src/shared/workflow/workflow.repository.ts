import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { todayInShanghai } from '../calendar/working-days.ts';
import { rows, type Tx } from '../db/database.ts';

/**
 * Where a kind of record keeps its workflow: its table, how one record is found, and the columns that hold
 * its state, the definition it runs under, its due date and the people whose work it carries. The feature
 * declares this next to its tables; the SQL that reads and moves a record is written once, here.
 */
export interface WorkflowStore<Key> {
  table: PgTable;
  where: (key: Key) => SQL;
  /** What the audit log names the record by, e.g. "catalog:passport-renewal". */
  target: (key: Key) => string;
  columns: {
    state: PgColumn;
    definitionId: PgColumn;
    definitionVersion: PgColumn;
    /** A `date` column for the due date of the state the record is in; needed when any state has a deadline. */
    dueOn?: PgColumn;
    /** A `date` column for the day the due date was counted from (the Beijing date of the move), if kept. */
    dueSince?: PgColumn;
    /** A timestamp column set to the moment of every move. */
    updatedAt?: PgColumn;
    /** Text or text[] columns naming the people whose work the record is (submitter, author, editors). */
    contributors?: readonly PgColumn[];
  };
}

export interface StoredWorkflow {
  state: string;
  definitionId: string;
  definitionVersion: number;
  contributors: string[];
}

export async function readWorkflow<Key>(
  tx: Tx,
  store: WorkflowStore<Key>,
  key: Key,
): Promise<StoredWorkflow | undefined> {
  const { columns } = store;
  const contributors = columns.contributors ?? [];
  const people = contributors.length
    ? sql.join(
        contributors.map((column) => sql`to_jsonb(${column})`),
        sql`, `,
      )
    : sql`'null'::jsonb`;
  const result = await tx.execute(sql`
    SELECT ${columns.state} AS state, ${columns.definitionId} AS definition_id,
           ${columns.definitionVersion} AS definition_version, jsonb_build_array(${people}) AS contributors
    FROM ${store.table} WHERE ${store.where(key)}`);
  const [row] = rows<{
    state: string;
    definition_id: string;
    definition_version: number | string;
    contributors: unknown[];
  }>(result);
  if (!row) return undefined;
  return {
    state: row.state,
    definitionId: row.definition_id,
    definitionVersion: Number(row.definition_version),
    contributors: row.contributors
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter((value): value is string => typeof value === 'string' && value !== ''),
  };
}

/**
 * Moves the record only if it is still in `from`. Two decisions racing on one record both read `from`, but
 * only the first UPDATE matches; the second finds the state changed and moves nothing.
 */
export async function moveWorkflow<Key>(
  tx: Tx,
  store: WorkflowStore<Key>,
  key: Key,
  move: { from: string; to: string; dueOn: string | null; at: Date },
): Promise<boolean> {
  const { columns } = store;
  // SET takes bare column names; WHERE may name them with the table, as drizzle renders columns.
  const assignments = [sql`${sql.identifier(columns.state.name)} = ${move.to}`];
  if (columns.dueOn) assignments.push(sql`${sql.identifier(columns.dueOn.name)} = ${move.dueOn}::date`);
  if (columns.dueSince)
    assignments.push(
      sql`${sql.identifier(columns.dueSince.name)} = ${move.dueOn === null ? null : todayInShanghai(move.at)}::date`,
    );
  if (columns.updatedAt)
    assignments.push(sql`${sql.identifier(columns.updatedAt.name)} = ${move.at.toISOString()}::timestamptz`);
  const result = await tx.execute(sql`
    UPDATE ${store.table} SET ${sql.join(assignments, sql`, `)}
    WHERE ${store.where(key)} AND ${columns.state} = ${move.from}
    RETURNING 1 AS moved`);
  return rows<{ moved: number }>(result).length === 1;
}
