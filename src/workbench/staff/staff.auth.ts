import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { decoyHash, verifyPassword } from '../../shared/auth/password.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { claimedIdentity } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { staff } from '../db/schema.ts';
import { findStaffByBadge, type StaffRow } from './staff.repository.ts';
import type { StaffMessage } from './staff.messages.ts';
import { matchStep, newTotpSecret, normaliseCode, otpauthUri, qrSvg } from './totp.ts';

// The two-step staff login. Password and code failures share one counter, and only a completed login
// resets it: otherwise someone who knows the password could reset the counter at will and guess codes forever.

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;

function invalid(fields: { field: string; message: StaffMessage }[]): AppError {
  return new AppError('VALIDATION', { fields: fields as FieldError[] });
}

export const needsEnrolment = (row: Pick<StaffRow, 'mustEnrolTotp' | 'totpSealed'>) =>
  row.mustEnrolTotp || !row.totpSealed;
const isLocked = (row: StaffRow, now: Date) => row.lockedUntil !== null && row.lockedUntil > now;
const at = (row: StaffRow) => ({
  actor: row.badgeNo,
  actorUnit: row.unitCode,
  target: `staff:${row.badgeNo}`,
});

/** Counts a failure and locks the account on the fifth; returns whether it is now locked. */
async function countFailure(
  tx: Tx,
  row: StaffRow,
  now: Date,
  sourceIp: string | null,
  reason: string,
): Promise<boolean> {
  const [updated] = await tx
    .update(staff)
    .set({ failedLogins: sql`${staff.failedLogins} + 1` })
    .where(eq(staff.id, row.id))
    .returning({ failedLogins: staff.failedLogins });
  const failures = updated?.failedLogins ?? LOCK_AFTER_FAILURES;
  await recordAudit(tx, {
    ...at(row),
    action: 'staff.login.failed',
    sourceIp,
    detail: { reason, failures },
    at: now,
  });
  if (failures < LOCK_AFTER_FAILURES) return false;
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  await tx.update(staff).set({ failedLogins: 0, lockedUntil }).where(eq(staff.id, row.id));
  await recordAudit(tx, {
    ...at(row),
    action: 'staff.login.locked',
    sourceIp,
    detail: { lockedUntil: lockedUntil.toISOString() },
    at: now,
  });
  return true;
}

async function refuse(
  services: ZoneServices,
  row: StaffRow,
  sourceIp: string | null,
  reason: 'locked' | 'disabled',
): Promise<never> {
  await services.db.transaction((tx) =>
    recordAudit(tx, {
      ...at(row),
      action: 'staff.login.failed',
      sourceIp,
      detail: { reason },
      at: services.now(),
    }),
  );
  throw new AppError(reason === 'locked' ? 'ACCOUNT_LOCKED' : 'ACCOUNT_DISABLED');
}

export interface PasswordStepResult {
  staffId: string;
  next: 'totp' | 'enrol';
}

/** Step one. Wrong badge and wrong password give the same answer, after the same amount of work. */
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

  const row = await findStaffByBadge(services.db, badgeNo);
  if (!row) {
    await verifyPassword(await decoyHash(), input.password ?? '');
    await services.db.transaction((tx) =>
      recordAudit(tx, {
        actor: 'unknown',
        actorUnit: null,
        target: null,
        action: 'staff.login.failed',
        sourceIp,
        detail: { reason: 'unknown-badge', badgeNo: claimedIdentity(badgeNo) },
        at: now,
      }),
    );
    throw new AppError('STAFF_LOGIN_FAILED');
  }
  if (isLocked(row, now)) return refuse(services, row, sourceIp, 'locked');
  if (!(await verifyPassword(row.passwordHash, input.password ?? ''))) {
    const locked = await services.db.transaction((tx) => countFailure(tx, row, now, sourceIp, 'password'));
    throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'STAFF_LOGIN_FAILED');
  }
  // Said only to someone who knows the password, so it reveals nothing to a guesser.
  if (row.disabledAt) return refuse(services, row, sourceIp, 'disabled');
  return { staffId: row.id, next: needsEnrolment(row) ? 'enrol' : 'totp' };
}

/** Loads the account between the steps; it may have been disabled or locked meanwhile. */
async function pendingAccount(
  services: ZoneServices,
  staffId: string,
  sourceIp: string | null,
): Promise<StaffRow> {
  const [row] = await services.db.select().from(staff).where(eq(staff.id, staffId));
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (row.disabledAt) return refuse(services, row, sourceIp, 'disabled');
  if (isLocked(row, services.now())) return refuse(services, row, sourceIp, 'locked');
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
  const now = services.now();
  const secret = row.totpSealed ? services.sealer.open(row.totpSealed) : undefined;
  const step = secret ? matchStep(row.badgeNo, secret, code, now.getTime()) : null;
  const outcome = await services.db.transaction(async (tx) => {
    if (step !== null) {
      const [won] = await tx
        .update(staff)
        .set({ totpLastStep: step, failedLogins: 0, lockedUntil: null })
        .where(and(eq(staff.id, row.id), lt(staff.totpLastStep, step), isNull(staff.disabledAt)))
        .returning({ id: staff.id });
      if (won) {
        await onAccepted(tx, step);
        return 'ok' as const;
      }
    }
    const locked = await countFailure(tx, row, now, sourceIp, step === null ? 'totp' : 'totp-replay');
    return locked ? ('locked' as const) : ('failed' as const);
  });
  if (outcome === 'locked') throw new AppError('ACCOUNT_LOCKED');
  if (outcome === 'failed')
    throw new AppError('CODE_INVALID', { fields: [{ field: 'code', message: 'codeInvalid' }] });
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
