import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LetterKind, LetterPhotoRef, LetterTopic } from '../../exchange/contracts/index.ts';
import { bytea } from '../../shared/db/columns.ts';

/**
 * A letter from the public in the police zone: what the writer sent, the unit routing gave it to (never the
 * unit a complaint or tip is about, nor one below it), and where it stands in its workflow. The writer's name
 * and mobile are sealed; an anonymous tip has none.
 */
export const letters = pgTable(
  'letters',
  {
    letterNumber: text('letter_number').primaryKey(),
    kind: text('kind').notNull().$type<LetterKind>(),
    topic: text('topic').notNull().$type<LetterTopic>(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    place: text('place'),
    concernedUnit: text('concerned_unit'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    // The photos the letter names; their bytes arrive on the same stream (letter_photos, by id).
    photos: jsonb('photos').notNull().default([]).$type<LetterPhotoRef[]>(),
    // The unit the letter is about, as intake matched the writer's words or an officer classified it.
    accusedUnitCode: text('accused_unit_code'),
    publishAllowed: boolean('publish_allowed').notNull(),
    anonymous: boolean('anonymous').notNull(),
    writerSealed: text('writer_sealed'),
    // The routing rule that chose the unit, so a wrong routing can be traced to its rule.
    routedBy: text('routed_by'),
    unitCode: text('unit_code'),
    unitPath: text('unit_path'),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    state: text('state').notNull(),
    dueOn: date('due_on'),
    // The day the state's deadline started, so the due date can be counted again (holidays.recount.ts).
    dueSince: date('due_since'),
    claimedBy: text('claimed_by'),
    // How many steps the writer has been told of: each letter.status.changed carries the next.
    seq: integer('seq').notNull().default(0),
    reply: text('reply'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('letters_queue_idx').on(t.unitPath, t.dueOn),
    index('letters_open_idx')
      .on(t.dueOn)
      .where(sql`${t.state} NOT IN ('replied', 'transferred')`),
  ],
);

/** Everything done to a letter, in order: routing, claims, replies, hand-offs and what the writer added. */
export const letterActions = pgTable(
  'letter_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    letterNumber: text('letter_number')
      .notNull()
      .references(() => letters.letterNumber),
    action: text('action').notNull(),
    // A badge number, "writer" or "system".
    actor: text('actor').notNull(),
    unitCode: text('unit_code'),
    text: text('text'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('letter_actions_letter_idx').on(t.letterNumber, t.id)],
);

/**
 * A photo sent with a letter (attachment.submitted, tip-evidence), stripped of metadata and re-encoded before it
 * crossed. Served only through a letter that names its id, to an officer who may read that letter.
 */
export const letterPhotos = pgTable('letter_photos', {
  attachmentId: uuid('attachment_id').primaryKey(),
  citizenRef: uuid('citizen_ref').notNull(),
  name: text('name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

export type LetterRow = typeof letters.$inferSelect;
export type LetterActionRow = typeof letterActions.$inferSelect;
