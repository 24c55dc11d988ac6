import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export { jobs, notifications, sessions } from '../../shared/db/tables.ts';
export { authThrottle } from '../../shared/auth/throttle.tables.ts';

/** `id-taken`: the registry confirmed the details, but another account had already been verified with them. */
export type RealNameStatus = 'none' | 'pending' | 'verified' | 'not-matched' | 'id-taken';

export const citizens = pgTable('citizens', {
  id: uuid('id').primaryKey().defaultRandom(),
  mobile: text('mobile').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  realName: text('real_name'),
  // The ID number is sealed (AES-GCM) at rest. The keyed hash is set only once the registry has confirmed the
  // name and number: an ID number belongs to the account that passed the check, never to whoever typed it first.
  idNumberSealed: text('id_number_sealed'),
  idNumberHash: text('id_number_hash').unique(),
  idNumberMasked: text('id_number_masked'),
  realNameStatus: text('real_name_status').notNull().default('none').$type<RealNameStatus>(),
  // The check in flight: a late answer to an earlier request (the person changed the details since) is ignored.
  realNameRequestId: uuid('real_name_request_id'),
  realNameCheckedAt: timestamp('real_name_checked_at', { withTimezone: true }),
  email: text('email'),
  address: text('address'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What the real-name check left on an account, the ID number still sealed: the columns of every read of it. */
export const identityColumns = {
  mobile: citizens.mobile,
  realName: citizens.realName,
  realNameStatus: citizens.realNameStatus,
  idNumberSealed: citizens.idNumberSealed,
  email: citizens.email,
  address: citizens.address,
};

/** One-time codes sent by SMS; only a hash is kept. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mobile: text('mobile').notNull(),
    purpose: text('purpose').notNull().$type<'register' | 'reset-password' | 'login'>(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sms_codes_mobile_idx').on(t.mobile, t.purpose)],
);
export { inbox, messageLog, outbox, quarantine } from '../../exchange/tables.ts';
export * from '../catalog/catalog.tables.ts';
export * from '../companies/companies.tables.ts';
export { realnameChecks } from '../realname/realname.tables.ts';
export * from '../applications/applications.tables.ts';
export * from '../cases/cases.tables.ts';
export * from '../content/content.tables.ts';
export * from '../approval-results/approval-results.tables.ts';
export * from '../appointments/appointments.tables.ts';
export * from '../letters/letters.tables.ts';
export * from '../payments/payments.tables.ts';
export * from '../transparency/transparency.tables.ts';
export * from '../delivery/delivery.tables.ts';
export * from '../directory/directory.tables.ts';
export * from '../ratings/ratings.tables.ts';
export * from '../open311/open311.tables.ts';
export * from '../answers/answers.tables.ts';
export * from '../traffic/traffic.tables.ts';
export * from '../questionnaires/questionnaires.tables.ts';
export * from '../calendar/calendar.tables.ts';
