import { and, asc, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { citizens } from '../db/schema.ts';
import {
  companies,
  companyAgents,
  companyEvents,
  companyInvitations,
  type CompanyEventAction,
  type CompanyRefusal,
} from './companies.tables.ts';

export type Role = 'legal-representative' | 'agent';

export async function recordCompanyEvent(
  tx: Tx,
  event: {
    at: Date;
    companyId: string;
    action: CompanyEventAction;
    actorId: string | null;
    subjectId?: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await tx
    .insert(companyEvents)
    .values({ ...event, subjectId: event.subjectId ?? null, detail: event.detail ?? {} });
}

/** How many times an action was taken since a moment, by one person or on one company (the throttles' count). */
export async function countEventsSince(
  db: Executor,
  by: { actorId: string } | { companyId: string },
  actions: readonly CompanyEventAction[],
  since: Date,
): Promise<number> {
  const who =
    'actorId' in by ? eq(companyEvents.actorId, by.actorId) : eq(companyEvents.companyId, by.companyId);
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(companyEvents)
    .where(and(who, inArray(companyEvents.action, [...actions]), gt(companyEvents.at, since)));
  return Number(row?.n ?? 0);
}

export async function activeCompanyByCode(db: Executor, creditCode: string) {
  const [row] = await db
    .select({ id: companies.id, createdBy: companies.createdBy })
    .from(companies)
    .where(and(eq(companies.creditCode, creditCode), eq(companies.status, 'active')));
  return row;
}

export async function pendingClaimOf(db: Executor, citizenId: string, creditCode: string) {
  const [row] = await db
    .select({ id: companies.id })
    .from(companies)
    .where(
      and(
        eq(companies.createdBy, citizenId),
        eq(companies.creditCode, creditCode),
        eq(companies.status, 'pending'),
      ),
    );
  return row;
}

export async function insertClaim(
  tx: Tx,
  claim: {
    creditCode: string;
    name: string;
    createdBy: string;
    verifyRequestId: string;
    representativeIdHash: string;
    createdAt: Date;
  },
): Promise<string> {
  const [row] = await tx.insert(companies).values(claim).returning({ id: companies.id });
  return row!.id;
}

/** The claim the answer is about, locked, but only while it still waits for exactly that request. */
export async function pendingClaimForRequest(tx: Tx, claimId: string, requestId: string) {
  const [row] = await tx
    .select()
    .from(companies)
    .where(
      and(
        eq(companies.id, claimId),
        eq(companies.verifyRequestId, requestId),
        eq(companies.status, 'pending'),
      ),
    )
    .for('update');
  return row;
}

export async function decideClaim(
  tx: Tx,
  claimId: string,
  decision: { status: 'active' } | { status: 'refused'; refusal: CompanyRefusal },
  at: Date,
): Promise<void> {
  await tx
    .update(companies)
    .set({
      status: decision.status,
      refusal: decision.status === 'refused' ? decision.refusal : null,
      decidedAt: at,
    })
    .where(eq(companies.id, claimId));
}

export async function verifiedIdentityOf(db: Executor, citizenId: string) {
  const [row] = await db
    .select({
      mobile: citizens.mobile,
      realName: citizens.realName,
      realNameStatus: citizens.realNameStatus,
      idNumberSealed: citizens.idNumberSealed,
      idNumberHash: citizens.idNumberHash,
    })
    .from(citizens)
    .where(eq(citizens.id, citizenId));
  return row;
}

/** Grants (or restores) the right to act for a company; a legal representative is never demoted to agent. */
export async function grantMembership(
  tx: Tx,
  companyId: string,
  citizenId: string,
  role: Role,
  at: Date,
): Promise<void> {
  await tx
    .insert(companyAgents)
    .values({ companyId, citizenId, role, active: true, authorisedAt: at })
    .onConflictDoUpdate({
      target: [companyAgents.companyId, companyAgents.citizenId],
      set: {
        active: true,
        authorisedAt: at,
        role: role === 'legal-representative' ? role : sql`${companyAgents.role}`,
      },
    });
}

/** Ends an agent's right to act; true when there was one to end. */
export async function endAgency(tx: Tx, companyId: string, citizenId: string): Promise<boolean> {
  const ended = await tx
    .update(companyAgents)
    .set({ active: false })
    .where(
      and(
        eq(companyAgents.companyId, companyId),
        eq(companyAgents.citizenId, citizenId),
        eq(companyAgents.role, 'agent'),
        eq(companyAgents.active, true),
      ),
    )
    .returning({ id: companyAgents.citizenId });
  return ended.length > 0;
}

/**
 * A company or claim with the people whose right to act for it is in force: what the policy decides on, and
 * what the company page shows. Nothing for an id that is not there.
 */
export async function findCompany(db: Executor, companyId: string) {
  const [row] = await db
    .select({
      id: companies.id,
      name: companies.name,
      creditCode: companies.creditCode,
      status: companies.status,
      refusal: companies.refusal,
      createdBy: companies.createdBy,
    })
    .from(companies)
    .where(eq(companies.id, companyId));
  if (!row) return undefined;
  return { ...row, members: await membersOf(db, companyId) };
}

export async function membersOf(db: Executor, companyId: string) {
  return db
    .select({
      citizenId: citizens.id,
      displayName: citizens.displayName,
      mobile: citizens.mobile,
      role: companyAgents.role,
    })
    .from(companyAgents)
    .innerJoin(citizens, eq(citizens.id, companyAgents.citizenId))
    .where(and(eq(companyAgents.companyId, companyId), eq(companyAgents.active, true)))
    .orderBy(desc(companyAgents.role), asc(companyAgents.authorisedAt));
}

export async function pendingInvitationsOfCompany(db: Executor, companyId: string, now: Date) {
  return db
    .select({ mobile: companyInvitations.mobile, createdAt: companyInvitations.createdAt })
    .from(companyInvitations)
    .where(
      and(
        eq(companyInvitations.companyId, companyId),
        eq(companyInvitations.status, 'pending'),
        gt(companyInvitations.expiresAt, now),
      ),
    )
    .orderBy(desc(companyInvitations.createdAt));
}

/** Invitations waiting for the holder of a mobile number, from companies that are still active. */
export async function pendingInvitationsFor(db: Executor, mobile: string, now: Date) {
  return db
    .select({
      id: companyInvitations.id,
      companyName: companies.name,
      creditCode: companies.creditCode,
      createdAt: companyInvitations.createdAt,
    })
    .from(companyInvitations)
    .innerJoin(companies, eq(companies.id, companyInvitations.companyId))
    .where(
      and(
        eq(companyInvitations.mobile, mobile),
        eq(companyInvitations.status, 'pending'),
        gt(companyInvitations.expiresAt, now),
        eq(companies.status, 'active'),
      ),
    )
    .orderBy(desc(companyInvitations.createdAt));
}

/** One pending invitation, locked for the decision, with the number it was sent to; nothing once it is closed. */
export async function openInvitation(tx: Tx, invitationId: string, now: Date) {
  const [row] = await tx
    .select({
      id: companyInvitations.id,
      companyId: companyInvitations.companyId,
      mobile: companyInvitations.mobile,
    })
    .from(companyInvitations)
    .innerJoin(companies, eq(companies.id, companyInvitations.companyId))
    .where(
      and(
        eq(companyInvitations.id, invitationId),
        eq(companyInvitations.status, 'pending'),
        gt(companyInvitations.expiresAt, now),
        eq(companies.status, 'active'),
      ),
    )
    .for('update', { of: companyInvitations });
  return row;
}

export async function closeInvitation(
  tx: Tx,
  invitationId: string,
  status: 'accepted' | 'declined',
  at: Date,
): Promise<void> {
  await tx
    .update(companyInvitations)
    .set({ status, decidedAt: at })
    .where(eq(companyInvitations.id, invitationId));
}

/** One pending invitation per company and number: inviting again only extends it. */
export async function putInvitation(
  tx: Tx,
  invitation: { companyId: string; invitedBy: string; mobile: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  const extended = await tx
    .update(companyInvitations)
    .set({ expiresAt: invitation.expiresAt, invitedBy: invitation.invitedBy })
    .where(
      and(
        eq(companyInvitations.companyId, invitation.companyId),
        eq(companyInvitations.mobile, invitation.mobile),
        eq(companyInvitations.status, 'pending'),
      ),
    )
    .returning({ id: companyInvitations.id });
  if (extended.length === 0) await tx.insert(companyInvitations).values(invitation);
}

/** The companies a person acts for, and their own claims still waiting or refused. */
export async function companiesOf(db: Executor, citizenId: string) {
  const memberships = await db
    .select({
      id: companies.id,
      name: companies.name,
      creditCode: companies.creditCode,
      role: companyAgents.role,
    })
    .from(companyAgents)
    .innerJoin(companies, eq(companies.id, companyAgents.companyId))
    .where(
      and(
        eq(companyAgents.citizenId, citizenId),
        eq(companyAgents.active, true),
        eq(companies.status, 'active'),
      ),
    )
    .orderBy(companies.name);
  const claims = await db
    .select({
      id: companies.id,
      name: companies.name,
      creditCode: companies.creditCode,
      status: companies.status,
      refusal: companies.refusal,
    })
    .from(companies)
    .where(and(eq(companies.createdBy, citizenId), ne(companies.status, 'active')))
    .orderBy(desc(companies.createdAt))
    .limit(10);
  return { memberships, claims };
}
