import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LetterKind, LetterTopic, PublicLetterStatus } from '../../exchange/contracts/index.ts';
import { bytea } from '../../shared/db/columns.ts';
import { citizens } from '../db/schema.ts';

/**
 * A letter to the police as its writer sent it, and where it stands now. A signed letter has its citizen; an
 * anonymous tip has none, only the keyed hash of its follow-up code (the code itself is shown once, never kept).
 */
export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    letterNumber: text('letter_number').notNull().unique(),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    followCodeHash: text('follow_code_hash'),
    kind: text('kind').notNull().$type<LetterKind>(),
    topic: text('topic').notNull().$type<LetterTopic>(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    place: text('place'),
    concernedUnit: text('concerned_unit'),
    // A point typed with the place (degrees); both or neither.
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    publishAllowed: boolean('publish_allowed').notNull().default(false),
    status: text('status').notNull().default('submitted').$type<PublicLetterStatus>(),
    // The newest step applied, so a late older step never moves the status back.
    lastSeq: integer('last_seq').notNull().default(0),
    // The step that last changed the kind (an officer's reclassification), so an older one never wins.
    kindSeq: integer('kind_seq').notNull().default(0),
    dueOn: date('due_on'),
    unitName: text('unit_name'),
    // The unit's code beside its name, so an English page can show the directory's English name.
    unitCode: text('unit_code'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('letters_follow_code_idx')
      .on(t.followCodeHash)
      .where(sql`${t.followCodeHash} IS NOT NULL`),
    index('letters_citizen_idx').on(t.citizenId, t.submittedAt),
  ],
);

/**
 * A letter's history as its writer sees it: each step the workbench reported (kept once by seq), and each
 * piece of information the writer added (no seq).
 */
export const letterEvents = pgTable(
  'letter_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    letterId: uuid('letter_id')
      .notNull()
      .references(() => letters.id),
    origin: text('origin').notNull().$type<'police' | 'writer'>(),
    seq: integer('seq'),
    status: text('status').$type<PublicLetterStatus>(),
    step: text('step').notNull(),
    unitName: text('unit_name'),
    unitCode: text('unit_code'),
    message: text('message'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('letter_events_letter_seq').on(t.letterId, t.seq),
    index('letter_events_letter_idx').on(t.letterId, t.at),
  ],
);

/**
 * A photo sent with a letter, as stored after its metadata was stripped (the upload itself is never kept).
 * Its bytes cross as attachment.submitted with the same id.
 */
export const letterPhotos = pgTable(
  'letter_photos',
  {
    id: uuid('id').primaryKey(),
    letterId: uuid('letter_id')
      .notNull()
      .references(() => letters.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull().$type<'image/jpeg' | 'image/png'>(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [index('letter_photos_letter_idx').on(t.letterId, t.position)],
);

export type LetterRow = typeof letters.$inferSelect;
export type LetterEventRow = typeof letterEvents.$inferSelect;
export type LetterPhotoRow = typeof letterPhotos.$inferSelect;
