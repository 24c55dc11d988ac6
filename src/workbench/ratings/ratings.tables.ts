import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { RatingChannel, RatingSubjectKind } from '../../exchange/contracts/index.ts';

/**
 * A rating as the portal sent it, kept read-only: no route changes it. The unit is the one that handled the
 * case or letter ("谁办理、谁负责"), which answers for a bad review. `setAside` is set only by an approved
 * set-aside proposal (rating_set_asides): the rating leaves the figures but stays visible, marked.
 */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey(),
    subjectKind: text('subject_kind').notNull().$type<RatingSubjectKind>(),
    subjectNumber: text('subject_number').notNull(),
    level: integer('level').notNull(),
    reasons: text('reasons').array().notNull(),
    comment: text('comment'),
    defaulted: boolean('defaulted').notNull(),
    channel: text('channel').notNull().$type<RatingChannel>(),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
    unitCode: text('unit_code'),
    unitPath: text('unit_path').notNull(),
    setAside: boolean('set_aside').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('ratings_subject').on(t.subjectKind, t.subjectNumber),
    index('ratings_unit_idx').on(t.unitPath, t.ratedAt),
  ],
);

/**
 * The rectification order a bad review opens (差评工单): verify, fix, call the person back, reply; each step
 * with its deadline in working days. `round` is 2 after the person's one appeal reopened it. A closed order may
 * be sampled by the supervising unit (`sample`: checked or unsatisfactory).
 */
export const rectificationOrders = pgTable(
  'rectification_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ratingId: uuid('rating_id')
      .notNull()
      .unique()
      .references(() => ratings.id),
    unitCode: text('unit_code'),
    unitPath: text('unit_path').notNull(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    state: text('state').notNull(),
    dueOn: date('due_on'),
    round: integer('round').notNull().default(1),
    appealReason: text('appeal_reason'),
    sample: text('sample').$type<'checked' | 'unsatisfactory'>(),
    sampledBy: text('sampled_by'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rectification_orders_queue_idx').on(t.unitPath, t.state, t.dueOn)],
);

/** Each step of an order, with what the officer wrote (the finding, the fix, the call, the reply). */
export const rectificationActions = pgTable(
  'rectification_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => rectificationOrders.id),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    text: text('text'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rectification_actions_order_idx').on(t.orderId, t.at)],
);

/**
 * A proposal to set a malicious rating aside (恶意评价剔除): one officer proposes it with a reason and an
 * evidence note, a leader of a unit above decides (four eyes). Only an approved proposal sets `ratings.set_aside`;
 * a rejected one stays on record, and a new proposal may follow it, but only one may be pending at a time.
 */
export const ratingSetAsides = pgTable(
  'rating_set_asides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ratingId: uuid('rating_id')
      .notNull()
      .references(() => ratings.id),
    unitPath: text('unit_path').notNull(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    state: text('state').notNull(),
    reason: text('reason').notNull(),
    evidence: text('evidence').notNull(),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('rating_set_asides_pending')
      .on(t.ratingId)
      .where(sql`${t.state} = 'proposed'`),
    index('rating_set_asides_rating_idx').on(t.ratingId, t.proposedAt),
  ],
);

export type RatingRow = typeof ratings.$inferSelect;
export type OrderRow = typeof rectificationOrders.$inferSelect;
export type OrderActionRow = typeof rectificationActions.$inferSelect;
export type SetAsideRow = typeof ratingSetAsides.$inferSelect;
