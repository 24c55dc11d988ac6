import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * An urging notice (催办单) from an upper unit on one supervised item (a case today; a letter joins with its own
 * `source`). It runs the urging workflow (supervision.workflow.ts): awaiting an answer until the reply date,
 * escalated when the rules say so, answered with a reason and a promised date. Several notices sent on one
 * list share a batch id.
 */
export const urgings = pgTable(
  'urgings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    source: text('source').notNull().$type<'case' | 'letter'>(),
    itemRef: text('item_ref').notNull(),
    // The urged unit (the item's handling unit) and its path, for jurisdiction checks as a prefix match.
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    // The urging unit: escalation goes to the level above it.
    fromUnitCode: text('from_unit_code').notNull(),
    fromUnitPath: text('from_unit_path').notNull(),
    sentBy: text('sent_by').notNull(),
    message: text('message').notNull(),
    // The n-th urging of this item, counted when sent: repeated urgings escalate by rule.
    round: integer('round').notNull(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    state: text('state').notNull(),
    replyDueOn: date('reply_due_on', { mode: 'string' }),
    // The working days given to answer, counted from the day sent: kept to count the date again when a
    // holiday schedule is approved (holidays.recount.ts).
    replyDays: integer('reply_days'),
    answerReason: text('answer_reason'),
    promisedOn: date('promised_on', { mode: 'string' }),
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('urgings_item_idx').on(t.source, t.itemRef),
    // The escalation sweep: notices still awaiting an answer, by reply date.
    index('urgings_state_due_idx').on(t.state, t.replyDueOn),
    index('urgings_unit_idx').on(t.unitCode, t.state),
  ],
);

/** Where an urging was escalated: the unit a level up and the role alerted there, by which rule. */
export const urgingEscalations = pgTable(
  'urging_escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    urgingId: uuid('urging_id')
      .notNull()
      .references(() => urgings.id),
    ruleId: text('rule_id').notNull(),
    toUnitCode: text('to_unit_code').notNull(),
    toUnitPath: text('to_unit_path').notNull(),
    toRole: text('to_role').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('urging_escalations_urging_idx').on(t.urgingId)],
);

export type UrgingRow = typeof urgings.$inferSelect;
export type UrgingEscalationRow = typeof urgingEscalations.$inferSelect;

/**
 * The supervision view's figures, precomputed: open, amber and red items per source, unit, service, step and
 * officer ('' for none), as counted at `supervision_tally_runs.as_of`. Retaken when older than a minute or of
 * another Beijing day (supervision.tallies.ts), so the view reads a few thousand rows instead of counting a
 * city's open cases, and is never more than a minute behind them.
 */
export const supervisionTallies = pgTable(
  'supervision_tallies',
  {
    source: text('source').notNull(),
    unitCode: text('unit_code').notNull(),
    service: text('service').notNull(),
    serviceName: text('service_name').notNull(),
    serviceNameEn: text('service_name_en').notNull(),
    workflowId: text('workflow_id').notNull(),
    step: text('step').notNull(),
    officer: text('officer').notNull(),
    open: integer('open').notNull(),
    amber: integer('amber').notNull(),
    red: integer('red').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.source, t.service, t.workflowId, t.step, t.officer] })],
);

/** When the tallies were taken, and the Beijing day their colours were counted on: one row, id 'current'. */
export const supervisionTallyRuns = pgTable('supervision_tally_runs', {
  id: text('id').primaryKey(),
  asOf: timestamp('as_of', { withTimezone: true }).notNull(),
  today: date('today', { mode: 'string' }).notNull(),
});
