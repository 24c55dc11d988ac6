import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ViolationState } from '../../exchange/contracts/index.ts';
import { bytea } from '../../shared/db/columns.ts';
import { citizens } from '../db/schema.ts';

type Words = { zh: string; en: string };

// The portal keeps no vehicle registry: only each verified owner's own answer from the police zone, replaced
// whole by every newer answer (traffic.violations.published), and his pending requests.

/** The owner's latest lookup: what was asked, when the answer came, and its vehicles and licence points. */
export const trafficLookups = pgTable('traffic_lookups', {
  citizenId: uuid('citizen_id')
    .primaryKey()
    .references(() => citizens.id),
  requestId: uuid('request_id').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  /** When the latest answer arrived; before it is as old as the request, the lookup is under way. */
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  /** The police zone's time of the picture shown, so an older answer never replaces a newer one. */
  asOf: timestamp('as_of', { withTimezone: true }),
  vehicles: jsonb('vehicles').$type<{ plate: string; kind: Words; brand: string }[]>(),
  licence: jsonb('licence').$type<{
    licenceClass: string;
    pointsDeducted: number;
    cycleStart: string;
    cycleEnd: string;
  } | null>(),
});

/** One violation of one of his vehicles, as last answered, with the camera's picture. */
export const trafficViolationCopies = pgTable(
  'traffic_violations',
  {
    id: uuid('id').primaryKey(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    plate: text('plate').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    offenceCode: text('offence_code').notNull(),
    offence: jsonb('offence').notNull().$type<Words>(),
    points: integer('points').notNull(),
    fineFen: integer('fine_fen').notNull(),
    state: text('state').notNull().$type<ViolationState>(),
    decisionNo: text('decision_no'),
    /** When the police zone made the decision: the 15 days to pay run from its Beijing date. */
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    unitCode: text('unit_code').notNull(),
    photo: bytea('photo').notNull(),
    /** He accepted the decision here and the police zone has not answered yet: the request's id. */
    acceptRequestId: uuid('accept_request_id'),
    acceptRequestedAt: timestamp('accept_requested_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('traffic_violations_citizen_idx').on(t.citizenId, t.occurredAt)],
);

/**
 * The decision document (处罚决定书) of a decided violation, kept from the police zone's answer when it first
 * names the decision, so it can be printed and verified even after the vehicle's copy is dropped. Its QR code
 * leads to the public verification page by the random code.
 */
export const trafficDecisionDocuments = pgTable('traffic_decision_documents', {
  violationId: uuid('violation_id').primaryKey(),
  citizenId: uuid('citizen_id')
    .notNull()
    .references(() => citizens.id),
  decisionNo: text('decision_no').notNull().unique(),
  /** 26 random base32 characters. */
  verificationCode: text('verification_code').notNull().unique(),
  plate: text('plate').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  place: text('place').notNull(),
  offenceCode: text('offence_code').notNull(),
  offence: jsonb('offence').notNull().$type<Words>(),
  points: integer('points').notNull(),
  fineFen: integer('fine_fen').notNull(),
  unitCode: text('unit_code').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
});
