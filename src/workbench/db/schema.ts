import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

import type { Beat } from '../../shared/directory/beat.ts';

export { jobs, notifications, sessions } from '../../shared/db/tables.ts';
export { authThrottle } from '../../shared/auth/throttle.tables.ts';

export type UnitKind =
  | 'bureau'
  | 'sub-bureau'
  | 'station'
  | 'community-office'
  | 'department'
  | 'traffic-site'
  | 'exit-entry-office';

export const units = pgTable(
  'units',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code'),
    // Materialised path of codes ("SF-0000/SF-D01/SF-D01-P01"), so "this unit and below" is one prefix match.
    path: text('path').notNull(),
    kind: text('kind').notNull().$type<UnitKind>(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    address: text('address').notNull(),
    phone: text('phone').notNull(),
    hours: text('hours').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    // The district (区) the public directory groups the unit under; an address part, not a place in the tree.
    district: text('district').notNull().default(''),
    // When the public counter is open, machine-readable (org/org.schedule.ts), beside `hours` as people wrote it.
    schedule: text('schedule').notNull().default(''),
    // Listed in the public directory (机构名录); internal departments and closed units are not.
    isPublic: boolean('is_public').notNull().default(false),
    // A community office's responsibility area (shared/directory/beat.ts) and its community officer (社区民警),
    // for 找片警; only the officer's name and badge number are kept here, never a personal phone.
    beat: jsonb('beat').$type<Beat>(),
    officerName: text('officer_name'),
    officerBadge: text('officer_badge'),
    // A closed unit keeps its row, so the cases, letters and accounts that name it keep their history.
    closedAt: timestamp('closed_at', { withTimezone: true }),
    // Each change raises the revision; the portal keeps only the highest it has received.
    revision: integer('revision').notNull().default(1),
    // The revision last sent to the portal, so the demo seed can publish what has never been sent.
    publishedRevision: integer('published_revision').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [index('units_parent_idx').on(t.parentCode), index('units_path_idx').on(t.path)],
);

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  badgeNo: text('badge_no').notNull().unique(),
  name: text('name').notNull(),
  unitCode: text('unit_code')
    .notNull()
    .references(() => units.code),
  mobile: text('mobile'),
  passwordHash: text('password_hash').notNull(),
  // The TOTP secret is sealed at rest; the last accepted time step stops a code being replayed.
  totpSealed: text('totp_sealed'),
  totpLastStep: integer('totp_last_step').notNull().default(0),
  mustEnrolTotp: boolean('must_enrol_totp').notNull().default(true),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  // The administrator who created the account (null for seeded ones): a fresh account may not decide on its
  // creator's work (shared/workflow/workflow.ts).
  createdBy: uuid('created_by').references((): AnyPgColumn => staff.id),
});

export type Role =
  | 'window-clerk'
  | 'reviewer'
  | 'approver'
  | 'supervisor'
  | 'discipline-inspector'
  | 'finance-officer'
  | 'letter-handler'
  | 'content-editor'
  | 'network-spokesperson'
  | 'administrator'
  | 'auditor'
  | 'traffic-officer';
export type Scope = 'unit' | 'subtree' | 'all';

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    role: text('role').notNull().$type<Role>(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    scope: text('scope').notNull().$type<Scope>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Who granted the role; like createdBy, it keeps a freshly empowered account off its granter's work.
    grantedBy: uuid('granted_by').references(() => staff.id),
  },
  (t) => [index('role_assignments_staff_idx').on(t.staffId)],
);

// Insert-only, hash-chained record of every staff action and every read of personal data (shared kernel).
export { auditLog } from '../../shared/audit/audit.tables.ts';
export { inbox, messageLog, outbox, quarantine } from '../../exchange/tables.ts';
// The exchange monitor's tables live in this database only (written by the relay, read by the monitor page);
// the alarm episodes are the workbench's own (raised from those figures, audited, sent to the duty officer).
export { exchangeAlarms } from '../exchange-monitor/exchange-monitor.tables.ts';
export {
  exchangeFlowMinutes,
  exchangeFlowStatus,
  exchangeMonitorState,
  exchangeQuarantineMirror,
  exchangeQuarantineRequests,
} from '../../exchange/tables.ts';
export { residents } from '../registry/registry.tables.ts';
export {
  catalogDocuments,
  catalogItems,
  catalogItemVersions,
} from '../catalog-authoring/catalog-authoring.tables.ts';
export { marketEntities } from '../market-registry/market-registry.tables.ts';
export { caseActions, caseAttachments, caseQueueCounts, cases } from '../cases/cases.tables.ts';
export { caseDocuments, documentCounters } from '../cases/case-documents.tables.ts';
export {
  contentArticles,
  contentEditorDrafts,
  contentImages,
  contentVersions,
} from '../content/content.tables.ts';
export {
  appointmentPatterns,
  appointmentReleases,
  appointmentVisits,
} from '../appointments/appointments.tables.ts';
export {
  supervisionTallies,
  supervisionTallyRuns,
  urgingEscalations,
  urgings,
} from '../supervision/supervision.tables.ts';
export { statisticsRuns, statisticsTallies } from '../statistics/statistics.tables.ts';
export { letterActions, letterPhotos, letters } from '../letters/letters.tables.ts';
export { caseFees } from '../case-fees/case-fees.tables.ts';
export { open311Keys } from '../open311-keys/open311-keys.tables.ts';
export {
  feeIncomeLines,
  feeRefundLines,
  reconciliationDays,
  reconciliationDifferences,
} from '../finance/finance.tables.ts';
export { caseDeliveries, caseDeliveryEvents } from '../delivery/delivery.tables.ts';
export {
  ratings,
  ratingSetAsides,
  rectificationActions,
  rectificationOrders,
} from '../ratings/ratings.tables.ts';
export { kbEntries, kbTermDocs, kbVersions } from '../kb/kb.tables.ts';
export { qaPublications } from '../qa/qa.tables.ts';
export {
  questionnaires,
  questionnaireVersions,
  questionnaireResponses,
} from '../questionnaires/questionnaires.tables.ts';
export { drivingLicences, trafficViolations, vehicles } from '../traffic/traffic.tables.ts';
export { holidayScheduleDays, holidaySchedules } from '../holidays/holidays.tables.ts';
