import { sql } from 'drizzle-orm';
import type * as Fastify from 'fastify';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Tables that both zones keep in their own database (each zone's schema re-exports them).

/** The durable job queue: claimed with FOR UPDATE SKIP LOCKED, handled in the claiming transaction. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    queue: text('queue').notNull(),
    payload: jsonb('payload').notNull().$type<unknown>(),
    status: text('status').notNull().default('pending').$type<'pending' | 'done' | 'failed'>(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    /**
     * A calling job's claim: random per claim, so a worker whose call outlived its lease can never record over
     * a later claim (the attempts count repeats once a failed job is revived).
     */
    leaseToken: text('lease_token'),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_due_idx')
      .on(t.runAt)
      .where(sql`status = 'pending'`),
  ],
);

/** Server-side sessions, so logout, disabling an account or revoking a session takes effect at once. */
export const sessions = pgTable(
  'sessions',
  {
    sid: text('sid').primaryKey(),
    data: jsonb('data').notNull().$type<Fastify.Session>(),
    subject: text('subject'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // Revoked sessions are marked, not deleted: a request still in flight would otherwise write its session back.
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_subject_idx').on(t.subject), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Every message handed to the notification adapter; the sandbox adapter reads and "delivers" from here. */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  channel: text('channel').notNull().$type<'sms' | 'email'>(),
  recipient: text('recipient').notNull(),
  template: text('template').notNull(),
  body: text('body').notNull(),
  status: text('status').notNull().default('queued').$type<'queued' | 'sent' | 'failed'>(),
  providerId: text('provider_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});
