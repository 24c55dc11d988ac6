import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CaseAnswers, PublicCaseStatus } from '../../exchange/contracts/case-shapes.ts';
import type { TimeUnit } from '../../shared/catalog/index.ts';
import { bytea } from '../../shared/db/columns.ts';

/**
 * One application being handled: what the applicant sent (kept with the form and workflow versions it was
 * made and opened under), where it is in its workflow, and who holds it. The applicant's ID number is kept
 * sealed, with a keyed hash for lookups and a masked form for lists; queues never open the sealed part.
 */
export const cases = pgTable(
  'cases',
  {
    caseNumber: text('case_number').primaryKey(),
    applicationId: uuid('application_id').notNull(),
    itemId: text('item_id').notNull(),
    itemVersion: integer('item_version').notNull(),
    itemName: text('item_name').notNull(),
    itemNameEn: text('item_name_en').notNull(),
    formId: text('form_id').notNull(),
    formVersion: integer('form_version').notNull(),
    formHash: text('form_hash').notNull(),
    // The unit that decides (顶级受理: the item's implementing unit, whatever its level) and its path, so
    // "cases this officer reaches" is a prefix match like every other jurisdiction check.
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    // While a state the workflow names a unit level for (a licence's approval at the city bureau) holds the
    // case, unit_code is that unit, whose queue it waits in, and these keep the deciding unit it returns to.
    homeUnitCode: text('home_unit_code'),
    homeUnitPath: text('home_unit_path'),
    citizenRef: uuid('citizen_ref').notNull(),
    applicantMasked: text('applicant_masked').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    // Name, ID number and mobile, sealed together: opened only on the case page, and every opening audited.
    applicantSealed: text('applicant_sealed').notNull(),
    companyName: text('company_name'),
    // The company's unified social credit code, published with a licence's result (审批结果公开).
    companyCreditCode: text('company_credit_code'),
    answers: jsonb('answers').notNull().$type<CaseAnswers>(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    state: text('state').notNull(),
    publicStatus: text('public_status').notNull().$type<PublicCaseStatus>(),
    // The state's own due date (the earlier of its deadline and the overall one), and when it was entered,
    // so the queue can colour the last third of the time.
    stateDueOn: date('state_due_on', { mode: 'string' }),
    stateSince: date('state_since', { mode: 'string' }).notNull(),
    // The item's promised time limit (承诺时限), and the overall due date it gives, set on acceptance.
    promisedValue: integer('promised_value').notNull(),
    promisedUnit: text('promised_unit').notNull().$type<TimeUnit>(),
    dueOn: date('due_on', { mode: 'string' }),
    // The day the overall limit started (acceptance), so a due date can be counted again when a holiday
    // schedule is approved (holidays.recount.ts); the state's own deadline starts on state_since.
    dueSince: date('due_since', { mode: 'string' }),
    closed: boolean('closed').notNull().default(false),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    // Officers whose work the case carries (acceptance, review): none of them may decide it (four eyes).
    handledBy: text('handled_by')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // The last step told to the applicant (case.status.changed seq) and the last history row.
    publicSeq: integer('public_seq').notNull().default(0),
    actionSeq: integer('action_seq').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('cases_application_idx').on(t.applicationId),
    // The queue: one unit's open cases by due date, then case number for a stable order; the counts per state
    // and a state's own list come from the second index alone.
    index('cases_queue_idx').on(t.unitCode, t.closed, t.stateDueOn, t.caseNumber),
    index('cases_queue_state_idx').on(t.unitCode, t.closed, t.state, t.stateDueOn, t.caseNumber),
    // A queue reaching many units (a supervisor of the city) reads open cases in due order, not one unit's range.
    index('cases_open_due_idx')
      .on(t.stateDueOn, t.caseNumber)
      .where(sql`NOT ${t.closed}`),
    // The queue's counts by state: open cases only, read from the index alone (a unit may hold 10,000 open).
    index('cases_open_counts_idx')
      .on(t.unitCode, t.state, t.claimedBy)
      .where(sql`NOT ${t.closed}`),
    // The unclaimed cases of many units in due order: without it the scan of cases_open_due_idx reads every
    // claimed case's row before the first unclaimed one, thousands of random reads on a city-wide queue.
    index('cases_open_unclaimed_due_idx')
      .on(t.stateDueOn, t.caseNumber)
      .where(sql`NOT ${t.closed} AND ${t.claimedBy} IS NULL`),
    // One unit's unclaimed cases in due order. Without it the scan of cases_queue_idx reads the row of every
    // claimed case before the first unclaimed one: a unit whose officers hold all 2,000 of its open cases read
    // 2,000 rows to answer "none waiting".
    index('cases_unit_unclaimed_due_idx')
      .on(t.unitCode, t.stateDueOn, t.caseNumber)
      .where(sql`NOT ${t.closed} AND ${t.claimedBy} IS NULL`),
    // The cases an officer holds in due order ("mine"): held cases are open ones (closing releases the claim).
    index('cases_claimed_due_idx')
      .on(t.claimedBy, t.stateDueOn, t.caseNumber)
      .where(sql`NOT ${t.closed}`),
    index('cases_id_number_idx').on(t.idNumberHash),
    // Deemed acceptance looks for cases still waiting past their acceptance due date.
    index('cases_due_idx').on(t.state, t.stateDueOn),
  ],
);

/**
 * How many open cases each unit holds in each state, per officer holding them ('' for none): the queue's
 * counts, read in a few rows instead of counting a city's 200,000 open cases at every page. Kept by the
 * statement triggers of migration 0034 on every insert, update and delete of `cases`, whatever writes it, so
 * it cannot drift from the rows it counts. Read only through countByState.
 */
export const caseQueueCounts = pgTable(
  'case_queue_counts',
  {
    unitCode: text('unit_code').notNull(),
    state: text('state').notNull(),
    claimedBy: text('claimed_by').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.state, t.claimedBy] })],
);

/** The history of a case, insert-only: every step, by whom, from which unit, why. The state follows from it. */
export const caseActions = pgTable(
  'case_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseNumber: text('case_number')
      .notNull()
      .references(() => cases.caseNumber),
    seq: integer('seq').notNull(),
    actor: text('actor').notNull(),
    unitCode: text('unit_code'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    reason: text('reason'),
    data: jsonb('data').notNull().$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('case_actions_seq_idx').on(t.caseNumber, t.seq)],
);

/**
 * Files the applicant uploaded as application materials. The file and the case cross separately and in no
 * set order, so a row exists as soon as either has arrived: the case names the file's id in its answers, the
 * file brings its bytes.
 */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    attachmentId: uuid('attachment_id').primaryKey(),
    caseNumber: text('case_number'),
    citizenRef: uuid('citizen_ref'),
    name: text('name'),
    mediaType: text('media_type'),
    size: integer('size'),
    content: bytea('content'),
    receivedAt: timestamp('received_at', { withTimezone: true }),
  },
  (t) => [index('case_attachments_case_idx').on(t.caseNumber)],
);

export type CaseRow = typeof cases.$inferSelect;
export type CaseActionRow = typeof caseActions.$inferSelect;
