import { and, eq, isNull, lt } from 'drizzle-orm';
import { decoyHash, verifyPassword } from '../../shared/auth/password.ts';
import {
  admitAttempt,
  PER_ACCOUNT,
  PER_ADDRESS,
  refundAttempt,
  ThrottledError,
  type AttemptTicket,
  type ThrottleKey,
} from '../../shared/auth/throttle.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { claimedIdentity } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { staff } from '../db/schema.ts';
import { badgeKey, findStaffByBadge, type StaffRow } from './staff.repository.ts';
import type { StaffMessage } from './staff.messages.ts';
import { matchStep, newTotpSecret, normaliseCode, otpauthUri, qrSvg } from './totp.ts';

// The two-step staff login, throttled per badge number and per address (shared/auth/throttle.ts). Every
// attempt is charged before the password or code is checked. A right password gives back only its own charge
// and only a completed login clears the badge's count: otherwise someone who knows the password could clear it
// at will and guess codes for ever.

function invalid(fields: { field: string; message: StaffMessage }[]): AppError {
  return new AppError('VALIDATION', { fields: fields as FieldError[] });
}

const throttleKeys = (badgeNo: string, sourceIp: string | null): ThrottleKey[] => [
  { key: badgeKey(badgeNo), policy: PER_ACCOUNT },
  { key: `staff-login:ip:${sourceIp ?? 'unknown'}`, policy: PER_ADDRESS },
];

export const needsEnrolment = (row: Pick<StaffRow, 'mustEnrolTotp' | 'totpSealed'>) =>
  row.mustEnrolTotp || !row.totpSealed;
const at = (row: StaffRow) => ({
  actor: row.badgeNo,
  actorUnit: row.unitCode,
  target: `staff:${row.badgeNo}`,
});
const unknownActor = (badgeNo: string) => ({
  actor: 'unknown',
  actorUnit: null,
  target: null,
  claimed: claimedIdentity(badgeNo),
});

/** Charges the attempt, or records the refusal and passes it on (429 with Retry-After). */
async function admitted(
  services: ZoneServices,
  badgeNo: string,
  row: StaffRow | undefined,
  sourceIp: string | null,
): Promise<AttemptTicket> {
  const now = services.now();
  try {
    return await admitAttempt(services.db, throttleKeys(badgeNo, sourceIp), now);
  } catch (error) {
    if (!(error instanceof ThrottledError)) throw error;
    // The audit names the account even when the answer does not: the log is for the police, not the caller.
    const known = row ?? (await findStaffByBadge(services.db, badgeNo));
    const who = known ? at(known) : unknownActor(badgeNo);
    await services.db.transaction((tx) =>
      recordAudit(tx, {
        actor: who.actor,
        actorUnit: who.actorUnit,
        target: who.target,
        action: 'staff.login.throttled',
        sourceIp,
        detail: {
          retryAfterSeconds: error.retryAfterSeconds,
          ...('claimed' in who ? { badgeNo: who.claimed } : {}),
        },
        at: now,
      }),
    );
    throw error;
  }
}

/** What the badge's counter stands at after this attempt, for the audit. */
const failuresOf = (ticket: AttemptTicket, badgeNo: string) =>
  ticket.charges.find((c) => c.key === badgeKey(badgeNo))?.failures ?? 0;

async function refuseDisabled(
  services: ZoneServices,
  row: StaffRow,
  sourceIp: string | null,
): Promise<never> {
  await services.db.transaction((tx) =>
    recordAudit(tx, {
      ...at(row),
      action: 'staff.login.failed',
      sourceIp,
      detail: { reason: 'disabled' },
      at: services.now(),
    }),
  );
  throw new AppError('ACCOUNT_DISABLED');
}

export interface PasswordStepResult {
  staffId: string;
  next: 'totp' | 'enrol';
}

/**
 * Step one. Wrong badge and wrong password give the same answer after the same work, and the same delays:
 * the counters are kept per badge number typed, whether an account has it or not.
 */
export async function passwordStep(
  services: ZoneServices,
  input: { badgeNo?: string | undefined; password?: string | undefined },
  sourceIp: string | null,
): Promise<PasswordStepResult> {
  const badgeNo = input.badgeNo?.trim() ?? '';
  const fields: { field: string; message: StaffMessage }[] = [];
  if (!badgeNo) fields.push({ field: 'badgeNo', message: 'badgeRequired' });
  if (!input.password) fields.push({ field: 'password', message: 'passwordRequired' });
  if (fields.length) throw invalid(fields);
  const now = services.now();

  const ticket = await admitted(services, badgeNo, undefined, sourceIp);
  const row = await findStaffByBadge(services.db, badgeNo);
  const matches = await verifyPassword(row?.passwordHash ?? (await decoyHash()), input.password ?? '');
  if (!row || !matches) {
    const who = row ? at(row) : unknownActor(badgeNo);
    await services.db.transaction((tx) =>
      recordAudit(tx, {
        actor: who.actor,
        actorUnit: who.actorUnit,
        target: who.target,
        action: 'staff.login.failed',
        sourceIp,
        detail: row
          ? { reason: 'password', failures: failuresOf(ticket, badgeNo) }
          : { reason: 'unknown-badge', badgeNo: claimedIdentity(badgeNo) },
        at: now,
      }),
    );
    throw new AppError('STAFF_LOGIN_FAILED');
  }
  await refundAttempt(services.db, ticket);
  // Said only to someone who knows the password, so it reveals nothing to a guesser.
  if (row.disabledAt) return refuseDisabled(services, row, sourceIp);
  return { staffId: row.id, next: needsEnrolment(row) ? 'enrol' : 'totp' };
}

/** Loads the account between the steps; it may have been disabled meanwhile. */
async function pendingAccount(
  services: ZoneServices,
  staffId: string,
  sourceIp: string | null,
): Promise<StaffRow> {
  const [row] = await services.db.select().from(staff).where(eq(staff.id, staffId));
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (row.disabledAt) return refuseDisabled(services, row, sourceIp);
  return row;
}

/**
 * Accepts a code once: the update only succeeds while the stored step is lower, so two requests racing with
 * the same code cannot both get in.
 */
async function acceptCode(
  services: ZoneServices,
  row: StaffRow,
  rawCode: string | undefined,
  sourceIp: string | null,
  onAccepted: (tx: Tx, step: number) => Promise<void>,
): Promise<void> {
  const code = normaliseCode(rawCode);
  if (!code) throw invalid([{ field: 'code', message: 'codeRequired' }]);
  const ticket = await admitted(services, row.badgeNo, row, sourceIp);
  const now = services.now();
  const secret = row.totpSealed ? services.sealer.open(row.totpSealed) : undefined;
  const step = secret ? matchStep(row.badgeNo, secret, code, now.getTime()) : null;
  const accepted = await services.db.transaction(async (tx) => {
    if (step !== null) {
      const [won] = await tx
        .update(staff)
        .set({ totpLastStep: step })
        .where(and(eq(staff.id, row.id), lt(staff.totpLastStep, step), isNull(staff.disabledAt)))
        .returning({ id: staff.id });
      if (won) {
        await onAccepted(tx, step);
        await refundAttempt(tx, ticket, { reset: [badgeKey(row.badgeNo)] });
        return true;
      }
    }
    await recordAudit(tx, {
      ...at(row),
      action: 'staff.login.failed',
      sourceIp,
      detail: { reason: step === null ? 'totp' : 'totp-replay', failures: failuresOf(ticket, row.badgeNo) },
      at: now,
    });
    return false;
  });
  if (!accepted) throw new AppError('CODE_INVALID', { fields: [{ field: 'code', message: 'codeInvalid' }] });
}

/** Step two for an enrolled account. */
export async function totpStep(
  services: ZoneServices,
  staffId: string,
  rawCode: string | undefined,
  sourceIp: string | null,
): Promise<void> {
  const row = await pendingAccount(services, staffId, sourceIp);
  if (needsEnrolment(row)) throw new AppError('CONFLICT', { detail: 'enrolment pending' });
  await acceptCode(services, row, rawCode, sourceIp, async (tx) => {
    await recordAudit(tx, {
      ...at(row),
      action: 'staff.login',
      sourceIp,
      detail: { factor: 'totp' },
      at: services.now(),
    });
  });
}

export interface Enrolment {
  badgeNo: string;
  secret: string;
  uri: string;
  svg: string;
}

/**
 * The secret to enrol, created on first sight and kept (sealed) until confirmed, so reloading the page does
 * not invalidate a QR code the officer has already scanned.
 */
export async function enrolment(
  services: ZoneServices,
  staffId: string,
  sourceIp: string | null,
): Promise<Enrolment> {
  let row = await pendingAccount(services, staffId, sourceIp);
  if (!needsEnrolment(row)) throw new AppError('CONFLICT', { detail: 'already enrolled' });
  if (!row.totpSealed) {
    await services.db
      .update(staff)
      .set({ totpSealed: services.sealer.seal(newTotpSecret()), totpLastStep: 0 })
      .where(and(eq(staff.id, row.id), isNull(staff.totpSealed)));
    [row] = (await services.db.select().from(staff).where(eq(staff.id, staffId))) as [StaffRow];
  }
  const secret = services.sealer.open(row.totpSealed!);
  const uri = otpauthUri(row.badgeNo, secret);
  return { badgeNo: row.badgeNo, secret, uri, svg: await qrSvg(uri) };
}

/** Confirms the enrolment with a first code, which also completes the login. */
export async function confirmEnrolment(
  services: ZoneServices,
  staffId: string,
  rawCode: string | undefined,
  sourceIp: string | null,
): Promise<void> {
  const row = await pendingAccount(services, staffId, sourceIp);
  if (!needsEnrolment(row)) throw new AppError('CONFLICT', { detail: 'already enrolled' });
  await acceptCode(services, row, rawCode, sourceIp, async (tx) => {
    await tx.update(staff).set({ mustEnrolTotp: false }).where(eq(staff.id, row.id));
    const now = services.now();
    await recordAudit(tx, { ...at(row), action: 'staff.totp.enrol', sourceIp, detail: {}, at: now });
    await recordAudit(tx, {
      ...at(row),
      action: 'staff.login',
      sourceIp,
      detail: { factor: 'totp', firstEnrolment: true },
      at: now,
    });
  });
}

export async function recordLogout(
  services: ZoneServices,
  who: { badgeNo: string; unitCode: string },
  sourceIp: string | null,
): Promise<void> {
  await services.db.transaction((tx) =>
    recordAudit(tx, {
      actor: who.badgeNo,
      actorUnit: who.unitCode,
      target: `staff:${who.badgeNo}`,
      action: 'staff.logout',
      sourceIp,
      detail: {},
      at: services.now(),
    }),
  );
}
