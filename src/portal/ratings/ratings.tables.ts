import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { RatingChannel, RatingSubjectKind } from '../../exchange/contracts/index.ts';
import { citizens } from '../db/schema.ts';

/**
 * One rating per finished case or answered letter (好差评): what the person chose, or the default recorded
 * when the period passed (`defaulted`). Never changed once given; the unit's reply to a bad review and the
 * person's one answer to it (accept, or appeal once) are kept beside it.
 */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey(),
    subjectKind: text('subject_kind').notNull().$type<RatingSubjectKind>(),
    subjectNumber: text('subject_number').notNull(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    level: integer('level').notNull(),
    reasons: text('reasons').array().notNull(),
    comment: text('comment'),
    defaulted: boolean('defaulted').notNull().default(false),
    channel: text('channel').notNull().$type<RatingChannel>(),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
    // The latest reply to a bad review (round 1, or 2 after the appeal).
    replyRound: integer('reply_round').notNull().default(0),
    replyText: text('reply_text'),
    replyUnit: text('reply_unit'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    appealed: boolean('appealed').notNull().default(false),
    appealReason: text('appeal_reason'),
    accepted: boolean('accepted').notNull().default(false),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    unique('ratings_subject').on(t.subjectKind, t.subjectNumber),
    index('ratings_citizen_idx').on(t.citizenId, t.ratedAt),
  ],
);

export type RatingRow = typeof ratings.$inferSelect;
