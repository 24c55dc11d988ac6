import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Both zones keep the same exchange tables in their own database (each zone's schema re-exports them).

/** Messages a zone wants to send, written in the same transaction as the change that caused them. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Order is kept per stream only, so one slow or stuck flow never holds up the others.
    stream: text('stream').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    payload: jsonb('payload').notNull().$type<unknown>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    // Set when the relay refused the message (see quarantine); the row then no longer blocks its stream.
    quarantinedAt: timestamp('quarantined_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    // Once delivered and past the retention period the payload (personal data) is emptied; the row stays.
    payloadPurgedAt: timestamp('payload_purged_at', { withTimezone: true }),
    // Set by the zone's own signer (see signer.ts) over the envelope; the relay takes only signed rows.
    signature: text('signature'),
    keyId: text('key_id'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
  },
  (t) => [
    unique('outbox_stream_seq_uq').on(t.stream, t.seq),
    index('outbox_pending_idx')
      .on(t.stream, t.seq)
      .where(sql`sent_at IS NULL AND quarantined_at IS NULL`),
  ],
);

/** Messages received from the other zone; the primary key on the message id makes receipt idempotent. */
export const inbox = pgTable(
  'inbox',
  {
    messageId: uuid('message_id').primaryKey(),
    fromZone: text('from_zone').notNull(),
    stream: text('stream').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    payload: jsonb('payload').notNull().$type<unknown>(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    // Done with: handled, or (quarantinedAt set too) refused when its signature no longer verified.
    processedAt: timestamp('processed_at', { withTimezone: true }),
    quarantinedAt: timestamp('quarantined_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    // Once processed and past the retention period the payload is emptied; the id still stops a redelivery.
    payloadPurgedAt: timestamp('payload_purged_at', { withTimezone: true }),
  },
  (t) => [
    index('inbox_pending_idx')
      .on(t.stream, t.seq)
      .where(sql`processed_at IS NULL`),
  ],
);

export type LogDirection = 'outbound' | 'inbound';
export type LogOutcome = 'delivered' | 'quarantined' | 'duplicate';

/** Insert-only, hash-chained record of every crossing attempt, kept on both sides. */
export const messageLog = pgTable(
  'message_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    // Null only when what arrived was too malformed to name itself.
    messageId: uuid('message_id'),
    direction: text('direction').notNull().$type<LogDirection>(),
    type: text('type'),
    version: integer('version'),
    stream: text('stream'),
    streamSeq: bigint('stream_seq', { mode: 'number' }),
    bytes: integer('bytes').notNull(),
    outcome: text('outcome').notNull().$type<LogOutcome>(),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('message_log_message_idx').on(t.messageId)],
);

/** Refused messages, kept whole for an operator to release or discard; nothing refused is ever dropped. */
export const quarantine = pgTable(
  'quarantine',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id'),
    direction: text('direction').notNull().$type<LogDirection>(),
    raw: jsonb('raw').notNull().$type<unknown>(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    discardedAt: timestamp('discarded_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('quarantine_open_idx')
      .on(t.at)
      .where(sql`released_at IS NULL AND discarded_at IS NULL`),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// The exchange monitor's tables: in the WORKBENCH database only (the workbench schema exports them, the portal's
// does not). The relay is the one component that reads both zones' databases; it writes here what the monitor
// page shows, so the workbench never reads the portal's database and the portal never sees these figures.

/** Per minute, per flow and message type: what crossed, what was refused, how long it took. */
export const exchangeFlowMinutes = pgTable(
  'exchange_flow_minutes',
  {
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    /** 'portal-to-workbench' or 'workbench-to-portal'. */
    flow: text('flow').notNull(),
    type: text('type').notNull(),
    delivered: integer('delivered').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    badSignatures: integer('bad_signatures').notNull().default(0),
    retries: integer('retries').notNull().default(0),
    /** Outbox commit to the receiver's commit, over the messages the relay saw cross in this minute. */
    latencyCount: integer('latency_count').notNull().default(0),
    latencyMsSum: bigint('latency_ms_sum', { mode: 'number' }).notNull().default(0),
    latencyMsMax: integer('latency_ms_max').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.flow, t.type] })],
);

/** The latest snapshot per flow and type: what waits, for how long, and what keeps failing. */
export const exchangeFlowStatus = pgTable(
  'exchange_flow_status',
  {
    flow: text('flow').notNull(),
    type: text('type').notNull(),
    pending: integer('pending').notNull().default(0),
    oldestPendingAt: timestamp('oldest_pending_at', { withTimezone: true }),
    retrying: integer('retrying').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(0),
    lastError: text('last_error'),
    unprocessed: integer('unprocessed').notNull().default(0),
    oldestUnprocessedAt: timestamp('oldest_unprocessed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.flow, t.type] })],
);

/** Small named values of the monitor: the message-log cursors it has counted up to, and its heartbeat. */
export const exchangeMonitorState = pgTable('exchange_monitor_state', {
  key: text('key').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

/**
 * The portal's quarantine as the workbench may see it: a summary (what, why, when, decided how), never the
 * payload. Copied by the relay; the workbench's own quarantine is read directly.
 */
export const exchangeQuarantineMirror = pgTable(
  'exchange_quarantine_mirror',
  {
    id: uuid('id').primaryKey(),
    messageId: uuid('message_id'),
    direction: text('direction').notNull().$type<LogDirection>(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    type: text('type'),
    stream: text('stream'),
    streamSeq: bigint('stream_seq', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    discardedAt: timestamp('discarded_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
  },
  (t) => [index('exchange_quarantine_mirror_at_idx').on(t.at)],
);

export type QuarantineZone = 'portal' | 'workbench';
export type QuarantineAction = 'release' | 'discard';
export type QuarantineOutcome = 'released' | 'discarded' | 'already-decided' | 'not-found' | 'not-releasable';

/** An administrator's decision on a quarantined message, carried out by the relay (it alone reaches both zones). */
export const exchangeQuarantineRequests = pgTable(
  'exchange_quarantine_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    zone: text('zone').notNull().$type<QuarantineZone>(),
    quarantineId: uuid('quarantine_id').notNull(),
    action: text('action').notNull().$type<QuarantineAction>(),
    reason: text('reason').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    outcome: text('outcome').$type<QuarantineOutcome>(),
  },
  (t) => [
    // One decision at a time per message: a second click cannot queue a contradictory one.
    uniqueIndex('exchange_quarantine_requests_pending_uq')
      .on(t.zone, t.quarantineId)
      .where(sql`done_at IS NULL`),
    index('exchange_quarantine_requests_entry_idx').on(t.zone, t.quarantineId),
  ],
);
