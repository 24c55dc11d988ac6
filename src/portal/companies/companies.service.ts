import { randomUUID } from 'node:crypto';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { parseCreditCode } from '../../shared/validators/credit-code.ts';
import { maskMobile, parseMobile } from '../../shared/validators/mobile.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { companyVerifyRequest, companyVerifyResult } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import type { CompanyMessage } from './companies.messages.ts';
import { roleIn } from './companies.policy.ts';
import * as repo from './companies.repository.ts';
import type { CompanyEventAction } from './companies.tables.ts';

const DAY_MS = 86_400_000;
/** Claims per person per day: enough for typing mistakes, too few to walk the registry. */
export const CLAIMS_PER_DAY = 5;
/** Invitations per company and per inviting person per day: a company's staff, not a list of numbers. */
export const INVITATIONS_PER_COMPANY_PER_DAY = 10;
export const INVITATIONS_PER_PERSON_PER_DAY = 20;
const INVITATION_VALID_MS = 7 * DAY_MS;

function invalid(fields: { field: string; message: CompanyMessage }[]): AppError {
  return new AppError('VALIDATION', { fields: fields as FieldError[] });
}

function rateLimited(field: string, detail: string): AppError {
  return new AppError('RATE_LIMITED', { detail, fields: [{ field, message: 'RATE_LIMITED' }] });
}

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

/** Where a person stands in a company: an accepted, still active place in an active company, or nothing. */
export async function actingRole(services: ZoneServices, citizenId: string, companyId: string) {
  const company = isUuid(companyId) ? await repo.findCompany(services.db, companyId) : undefined;
  return company ? roleIn(company, citizenId) : undefined;
}

type CompanyAction = 'company.view' | 'company.manage' | 'company.leave';

/**
 * The company or claim, when the policy lets the citizen take the action on it. One answer for "no such
 * company", "not yours" and "only an agent", so company ids cannot be probed.
 */
async function companyFor(
  services: ZoneServices,
  citizen: CurrentCitizen,
  action: CompanyAction,
  companyId: string,
) {
  const company = isUuid(companyId) ? await repo.findCompany(services.db, companyId) : undefined;
  if (!company) throw new AppError('NOT_FOUND');
  mustAllow(portalPolicy, citizen, action, company);
  return company;
}

export interface ClaimInput {
  creditCode?: string | undefined;
  name?: string | undefined;
}

const creditErrors = {
  format: 'creditFormat',
  checksum: 'creditChecksum',
  'org-checksum': 'creditChecksum',
} as const;

/** Whether the person may claim a company at all: only after their own real-name check has passed. */
export async function canClaim(services: ZoneServices, citizenId: string): Promise<boolean> {
  const identity = await repo.verifiedIdentityOf(services.db, citizenId);
  return Boolean(identity?.realNameStatus === 'verified' && identity.realName && identity.idNumberSealed);
}

/**
 * Records a claim to a company as pending and asks the market-regulation registry, across the exchange,
 * whether the claimant (by their verified name and ID number) is its legal representative. Nothing is
 * reserved: a false claim is simply refused later, and the real representative can claim at any time.
 */
export async function claimCompany(
  services: ZoneServices,
  citizenId: string,
  input: ClaimInput,
): Promise<string> {
  const fields: { field: string; message: CompanyMessage }[] = [];
  let creditCode = '';
  if (!input.creditCode?.trim()) fields.push({ field: 'creditCode', message: 'creditCodeRequired' });
  else {
    const parsed = parseCreditCode(input.creditCode);
    if (parsed.ok) creditCode = parsed.value;
    else fields.push({ field: 'creditCode', message: creditErrors[parsed.code] });
  }
  const name = input.name?.trim() ?? '';
  if (!name || [...name].length > 100) fields.push({ field: 'name', message: 'companyNameRequired' });
  if (fields.length) throw invalid(fields);

  const identity = await repo.verifiedIdentityOf(services.db, citizenId);
  if (
    identity?.realNameStatus !== 'verified' ||
    !identity.realName ||
    !identity.idNumberSealed ||
    !identity.idNumberHash
  ) {
    throw invalid([{ field: 'creditCode', message: 'realNameRequired' }]);
  }
  const now = services.now();
  const attempts = await repo.countEventsSince(
    services.db,
    { actorId: citizenId },
    ['claim.submitted', 'claim.refused'],
    new Date(now.getTime() - DAY_MS),
  );
  if (attempts >= CLAIMS_PER_DAY) throw rateLimited('creditCode', 'company claims');

  const claimId = await services.db.transaction(async (tx) => {
    const held = await repo.activeCompanyByCode(tx, creditCode);
    if (held) {
      // Only this attempt is refused (and recorded): the company and the people acting for it are untouched.
      await repo.recordCompanyEvent(tx, {
        at: now,
        companyId: held.id,
        action: 'claim.refused',
        actorId: citizenId,
        detail: { reason: 'already-held' },
      });
      return undefined;
    }
    if (await repo.pendingClaimOf(tx, citizenId, creditCode))
      throw invalid([{ field: 'creditCode', message: 'claimPending' }]);
    const requestId = randomUUID();
    const id = await repo.insertClaim(tx, {
      creditCode,
      name,
      createdBy: citizenId,
      verifyRequestId: requestId,
      representativeIdHash: identity.idNumberHash!,
      createdAt: now,
    });
    await repo.recordCompanyEvent(tx, {
      at: now,
      companyId: id,
      action: 'claim.submitted',
      actorId: citizenId,
      detail: { creditCode },
    });
    await send(
      tx,
      companyVerifyRequest,
      {
        requestId,
        claimRef: id,
        creditCode,
        companyName: name,
        representativeName: identity.realName!,
        representativeIdNumber: services.sealer.open(identity.idNumberSealed!),
      },
      { stream: 'company' },
    );
    return id;
  });
  if (!claimId) throw invalid([{ field: 'creditCode', message: 'alreadyHeld' }]);
  return claimId;
}

/**
 * The registry's answer to a claim. A match still becomes active only if the claimant's verified identity is
 * the one that was checked and no other claim to the code became active first; an answer to a superseded
 * request changes nothing.
 */
export function companyResultHandler(services: ZoneServices): MessageHandler {
  return onMessage(companyVerifyResult, async (tx, result) => {
    const claim = await repo.pendingClaimForRequest(tx, result.claimRef, result.requestId);
    if (!claim) return;
    const now = services.now();
    const refuse = async (refusal: Exclude<typeof claim.refusal, null>) => {
      await repo.decideClaim(tx, claim.id, { status: 'refused', refusal }, now);
      await repo.recordCompanyEvent(tx, {
        at: now,
        companyId: claim.id,
        action: 'claim.refused',
        actorId: null,
        subjectId: claim.createdBy,
        detail: { reason: refusal },
      });
    };
    if (result.outcome !== 'verified') return refuse(result.outcome);
    const identity = await repo.verifiedIdentityOf(tx, claim.createdBy);
    if (identity?.realNameStatus !== 'verified' || identity.idNumberHash !== claim.representativeIdHash)
      return refuse('identity-changed');
    if (await repo.activeCompanyByCode(tx, claim.creditCode)) return refuse('already-held');
    await repo.decideClaim(tx, claim.id, { status: 'active' }, now);
    await repo.grantMembership(tx, claim.id, claim.createdBy, 'legal-representative', now);
    await repo.recordCompanyEvent(tx, {
      at: now,
      companyId: claim.id,
      action: 'claim.verified',
      actorId: null,
      subjectId: claim.createdBy,
      detail: {},
    });
  });
}

/**
 * Invites the holder of a mobile number to act for the company. No account is looked up: the invitation waits
 * for whoever holds the number, so the answer is the same whether or not one is registered.
 */
export async function inviteAgent(
  services: ZoneServices,
  citizen: CurrentCitizen,
  companyId: string,
  rawMobile: string | undefined,
): Promise<void> {
  await companyFor(services, citizen, 'company.manage', companyId);
  const citizenId = citizen.id;
  if (!rawMobile?.trim()) throw invalid([{ field: 'mobile', message: 'mobileRequired' }]);
  const parsed = parseMobile(rawMobile);
  if (!parsed.ok) throw invalid([{ field: 'mobile', message: 'mobileInvalid' }]);
  const now = services.now();
  const since = new Date(now.getTime() - DAY_MS);
  const byCompany = await repo.countEventsSince(services.db, { companyId }, ['invitation.sent'], since);
  const byPerson = await repo.countEventsSince(
    services.db,
    { actorId: citizenId },
    ['invitation.sent'],
    since,
  );
  if (byCompany >= INVITATIONS_PER_COMPANY_PER_DAY || byPerson >= INVITATIONS_PER_PERSON_PER_DAY)
    throw rateLimited('mobile', 'company invitations');
  await services.db.transaction(async (tx) => {
    await repo.putInvitation(tx, {
      companyId,
      invitedBy: citizenId,
      mobile: parsed.value,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_VALID_MS),
    });
    await repo.recordCompanyEvent(tx, {
      at: now,
      companyId,
      action: 'invitation.sent',
      actorId: citizenId,
      detail: { mobile: maskMobile(parsed.value) },
    });
  });
}

/** The holder of the invited number accepts (and may then act for the company) or declines. */
export async function answerInvitation(
  services: ZoneServices,
  citizen: CurrentCitizen,
  invitationId: string,
  answer: 'accept' | 'decline',
): Promise<string> {
  if (!isUuid(invitationId)) throw new AppError('NOT_FOUND');
  const citizenId = citizen.id;
  const now = services.now();
  return services.db.transaction(async (tx) => {
    // Someone else's invitation gets the same answer as one that does not exist or was already answered.
    const invitation = await repo.openInvitation(tx, invitationId, now);
    if (!invitation) throw new AppError('NOT_FOUND');
    mustAllow(portalPolicy, citizen, 'company.answerInvitation', invitation);
    await repo.closeInvitation(tx, invitation.id, answer === 'accept' ? 'accepted' : 'declined', now);
    if (answer === 'accept') await repo.grantMembership(tx, invitation.companyId, citizenId, 'agent', now);
    const action: CompanyEventAction = answer === 'accept' ? 'invitation.accepted' : 'invitation.declined';
    await repo.recordCompanyEvent(tx, {
      at: now,
      companyId: invitation.companyId,
      action,
      actorId: citizenId,
      subjectId: citizenId,
      detail: { invitationId: invitation.id },
    });
    return invitation.companyId;
  });
}

/** An agent stops acting for a company. The legal representative stays, as the registry records them. */
export async function leaveCompany(services: ZoneServices, citizen: CurrentCitizen, companyId: string) {
  const company = await companyFor(services, citizen, 'company.leave', companyId);
  const citizenId = citizen.id;
  if (roleIn(company, citizenId) === 'legal-representative')
    throw invalid([{ field: 'leave', message: 'representativeCannotLeave' }]);
  await services.db.transaction(async (tx) => {
    if (!(await repo.endAgency(tx, companyId, citizenId))) return;
    await repo.recordCompanyEvent(tx, {
      at: services.now(),
      companyId,
      action: 'member.left',
      actorId: citizenId,
      subjectId: citizenId,
    });
  });
}

/** The legal representative ends an agent's right to act for the company. */
export async function removeAgent(
  services: ZoneServices,
  citizen: CurrentCitizen,
  companyId: string,
  memberId: string | undefined,
) {
  await companyFor(services, citizen, 'company.manage', companyId);
  const citizenId = citizen.id;
  await services.db.transaction(async (tx) => {
    if (!memberId || !isUuid(memberId) || !(await repo.endAgency(tx, companyId, memberId)))
      throw invalid([{ field: 'member', message: 'notAMember' }]);
    await repo.recordCompanyEvent(tx, {
      at: services.now(),
      companyId,
      action: 'member.removed',
      actorId: citizenId,
      subjectId: memberId,
    });
  });
}

/**
 * What the company page shows its visitor: the company they act for, or their own claim; else not found. The
 * page re-rendered after a failed action asks for that action's permission instead of the page's.
 */
export async function companyView(
  services: ZoneServices,
  citizen: CurrentCitizen,
  companyId: string,
  action: CompanyAction = 'company.view',
) {
  const company = await companyFor(services, citizen, action, companyId);
  const role = roleIn(company, citizen.id);
  if (role) {
    const invitations =
      role === 'legal-representative'
        ? await repo.pendingInvitationsOfCompany(services.db, companyId, services.now())
        : [];
    return {
      kind: 'company' as const,
      company: { id: company.id, name: company.name, creditCode: company.creditCode },
      role,
      members: company.members.map((m) => ({
        citizenId: m.citizenId,
        displayName: m.displayName,
        mobileMasked: maskMobile(m.mobile),
        role: m.role,
        self: m.citizenId === citizen.id,
      })),
      invitations: invitations.map((i) => ({ mobileMasked: maskMobile(i.mobile), createdAt: i.createdAt })),
    };
  }
  return {
    kind: 'claim' as const,
    claim: {
      id: company.id,
      name: company.name,
      creditCode: company.creditCode,
      status: company.status,
      refusal: company.refusal,
    },
  };
}

export type CompanyView = Awaited<ReturnType<typeof companyView>>;

/** The account page's part about companies: where the person acts, their claims, invitations waiting. */
export async function accountCompaniesView(services: ZoneServices, citizenId: string) {
  const identity = await repo.verifiedIdentityOf(services.db, citizenId);
  const { memberships, claims } = await repo.companiesOf(services.db, citizenId);
  const invitations = identity
    ? await repo.pendingInvitationsFor(services.db, identity.mobile, services.now())
    : [];
  return { memberships, claims, invitations };
}

export type AccountCompaniesView = Awaited<ReturnType<typeof accountCompaniesView>>;
