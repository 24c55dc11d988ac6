import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ViolationState } from '../../exchange/contracts/index.ts';
import { bytea } from '../../shared/db/columns.ts';

// The synthetic vehicle and driver registry (机动车、驾驶人) and the electronic-enforcement records (电子监控
// 违法记录). They live only in the police network zone; the portal learns one owner's part of them per request.

/** A registered motor vehicle. The owner is known by ID number, sealed at rest and found by its keyed hash. */
export const vehicles = pgTable(
  'vehicles',
  {
    plate: text('plate').primaryKey(),
    ownerIdHash: text('owner_id_hash').notNull(),
    ownerIdSealed: text('owner_id_sealed').notNull(),
    kind: text('kind').notNull().$type<'small-car' | 'large-car' | 'motorcycle'>(),
    brand: text('brand').notNull(),
    /** The vehicle office (车管所) that registered it: traffic officers reach a vehicle through this unit. */
    registryUnitCode: text('registry_unit_code').notNull(),
    registryUnitPath: text('registry_unit_path').notNull(),
    registeredOn: date('registered_on').notNull(),
  },
  (t) => [index('vehicles_owner_idx').on(t.ownerIdHash)],
);

/**
 * A driving licence and its points in the current 12-point cycle (记分周期), which runs a year from the day the
 * licence was first issued and starts again each year on that day.
 */
export const drivingLicences = pgTable('driving_licences', {
  idNumberHash: text('id_number_hash').primaryKey(),
  idNumberSealed: text('id_number_sealed').notNull(),
  licenceClass: text('licence_class').notNull(),
  firstIssuedOn: date('first_issued_on').notNull(),
  cycleStart: date('cycle_start').notNull(),
  pointsDeducted: integer('points_deducted').notNull().default(0),
});

/**
 * One violation caught by a camera: where, when, the picture, the offence with its points and fine, and the
 * state under the `traffic-violation` workflow (unhandled → decision-accepted → paid).
 */
export const trafficViolations = pgTable(
  'traffic_violations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    plate: text('plate')
      .notNull()
      .references(() => vehicles.plate),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    offenceCode: text('offence_code').notNull(),
    points: integer('points').notNull(),
    fineFen: integer('fine_fen').notNull(),
    /** The traffic police unit that recorded it; the fine is income of this unit. */
    unitCode: text('unit_code').notNull(),
    state: text('state').notNull().$type<ViolationState>(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    decisionNo: text('decision_no').unique(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Whose licence the points were taken from (the owner who accepted the decision), as a keyed hash. */
    decidedForIdHash: text('decided_for_id_hash'),
    paidOrderNo: text('paid_order_no'),
    paidFen: integer('paid_fen'),
    /** The part of paidFen that was the late-payment surcharge (加处罚款), paid beyond the fine itself. */
    surchargeFen: integer('surcharge_fen'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** The camera's picture (PNG). */
    photo: bytea('photo').notNull(),
  },
  (t) => [index('traffic_violations_plate_idx').on(t.plate, t.occurredAt)],
);
