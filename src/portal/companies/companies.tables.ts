import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { citizens } from '../db/schema.ts';

/** Why a claim was refused: the registry's outcome words, and the portal's own reasons. */
export type CompanyRefusal =
  | 'not-found'
  | 'not-operating'
  | 'name-mismatch'
  | 'representative-mismatch'
  | 'already-held'
  | 'identity-changed'
  | 'unverified';

/**
 * A claim to a company by the person who says they are its legal representative. Many claims may name one
 * credit code (so a false claim locks no one out); only one per code can become active, after the
 * market-regulation registry has confirmed it.
 */
export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => citizens.id),
    status: text('status').notNull().default('pending').$type<'pending' | 'active' | 'refused'>(),
    refusal: text('refusal').$type<CompanyRefusal>(),
    // The check in flight; an answer to any other request changes nothing.
    verifyRequestId: uuid('verify_request_id'),
    // Whose verified ID number was sent, so an identity changed while the check crossed is not activated.
    representativeIdHash: text('representative_id_hash'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('companies_active_credit_code')
      .on(t.creditCode)
      .where(sql`${t.status} = 'active'`),
    index('companies_created_by_idx').on(t.createdBy, t.createdAt),
  ],
);

/** Who may act for an active company: its legal representative, and the agents who accepted an invitation. */
export const companyAgents = pgTable(
  'company_agents',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id),
    role: text('role').notNull().$type<'legal-representative' | 'agent'>(),
    active: boolean('active').notNull().default(true),
    authorisedAt: timestamp('authorised_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.citizenId] })],
);

/**
 * An invitation to act for a company, addressed to a mobile number whether or not an account uses it, so the
 * inviter learns nothing about who is registered; it takes effect only when that number's holder accepts.
 */
export const companyInvitations = pgTable(
  'company_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => citizens.id),
    mobile: text('mobile').notNull(),
    status: text('status')
      .notNull()
      .default('pending')
      .$type<'pending' | 'accepted' | 'declined' | 'withdrawn'>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('company_invitations_mobile_idx').on(t.mobile, t.status),
    index('company_invitations_company_idx').on(t.companyId, t.status),
  ],
);

export type CompanyEventAction =
  | 'claim.submitted'
  | 'claim.verified'
  | 'claim.refused'
  | 'invitation.sent'
  | 'invitation.accepted'
  | 'invitation.declined'
  | 'member.left'
  | 'member.removed';

/** Every change to who may act for a company, and every claim and invitation; also what throttles count. */
export const companyEvents = pgTable(
  'company_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    action: text('action').notNull().$type<CompanyEventAction>(),
    // The signed-in person who acted; null when the registry's answer acted.
    actorId: uuid('actor_id').references(() => citizens.id),
    // The person the change was about (the agent removed, the invitee who accepted), when there is one.
    subjectId: uuid('subject_id').references(() => citizens.id),
    detail: jsonb('detail').notNull().$type<Record<string, unknown>>(),
  },
  (t) => [
    index('company_events_company_idx').on(t.companyId, t.action, t.at),
    index('company_events_actor_idx').on(t.actorId, t.action, t.at),
  ],
);
