import { and, eq, sql } from 'drizzle-orm';
import {
  decoyHash,
  hashPassword,
  passwordMessageKey,
  passwordProblem,
  verifyPassword,
} from '../../shared/auth/password.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { revokeSessionsOf } from '../../shared/http/session-store.ts';
import { maskIdNumber, parseIdNumber } from '../../shared/validators/id-number.ts';
import { parseMobile } from '../../shared/validators/mobile.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { citizens } from '../db/schema.ts';
import type { AccountMessage } from './accounts.messages.ts';
import { consumeSmsCode, issueSmsCode, type CodePurpose } from './sms-codes.ts';
import { requestRealNameCheck } from '../realname/realname.service.ts';

const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

function invalid(fields: { field: string; message: AccountMessage }[]): AppError {
  return new AppError('VALIDATION', { fields: fields as FieldError[] });
}

export function normaliseMobile(raw: string | undefined): string {
  if (!raw?.trim()) throw invalid([{ field: 'mobile', message: 'mobileRequired' }]);
  const parsed = parseMobile(raw);
  if (!parsed.ok) throw invalid([{ field: 'mobile', message: 'mobileInvalid' }]);
  return parsed.value;
}

async function checkPassword(
  password: string | undefined,
  confirm: string | undefined,
  mobile: string,
): Promise<{ field: string; message: AccountMessage }[]> {
  if (!password) return [{ field: 'password', message: 'passwordRequired' }];
  const problem = await passwordProblem(password, { kind: 'citizen', personal: [mobile] });
  if (problem) return [{ field: 'password', message: passwordMessageKey[problem] }];
  if (confirm !== undefined && confirm !== password)
    return [{ field: 'confirm', message: 'passwordMismatch' }];
  return [];
}

export async function sendCode(
  services: ZoneServices,
  rawMobile: string | undefined,
  purpose: CodePurpose,
): Promise<string> {
  const mobile = normaliseMobile(rawMobile);
  await services.db.transaction(async (tx) => {
    if (purpose === 'register') {
      const [existing] = await tx
        .select({ id: citizens.id })
        .from(citizens)
        .where(eq(citizens.mobile, mobile));
      if (existing)
        throw new AppError('MOBILE_TAKEN', { fields: [{ field: 'mobile', message: 'MOBILE_TAKEN' }] });
    }
    // A reset for an unknown number behaves like a known one, so the form cannot be used to probe accounts.
    if (purpose === 'reset-password') {
      const [existing] = await tx
        .select({ id: citizens.id })
        .from(citizens)
        .where(eq(citizens.mobile, mobile));
      if (!existing) return;
    }
    await issueSmsCode(tx, mobile, purpose, services.now());
  });
  return mobile;
}

export interface RegisterInput {
  mobile: string;
  code?: string | undefined;
  displayName?: string | undefined;
  password?: string | undefined;
  confirm?: string | undefined;
}

export async function register(
  services: ZoneServices,
  input: RegisterInput,
): Promise<{ id: string; displayName: string }> {
  const fields: { field: string; message: AccountMessage }[] = [];
  if (!input.code?.trim()) fields.push({ field: 'code', message: 'codeRequired' });
  const displayName = input.displayName?.trim() ?? '';
  if (!displayName) fields.push({ field: 'displayName', message: 'displayNameRequired' });
  else if ([...displayName].length > 20) fields.push({ field: 'displayName', message: 'displayNameLong' });
  fields.push(...(await checkPassword(input.password, input.confirm, input.mobile)));
  if (fields.length) throw invalid(fields);
  const passwordHash = await hashPassword(input.password ?? '');
  return services.db.transaction(async (tx) => {
    try {
      await consumeSmsCode(tx, input.mobile, 'register', input.code ?? '', services.now());
    } catch {
      throw invalid([{ field: 'code', message: 'codeInvalid' }]);
    }
    const [created] = await tx
      .insert(citizens)
      .values({ mobile: input.mobile, passwordHash, displayName })
      .onConflictDoNothing({ target: citizens.mobile })
      .returning({ id: citizens.id, displayName: citizens.displayName });
    if (!created) throw new AppError('MOBILE_TAKEN');
    return created;
  });
}

/** Password login with a lock after five failures; the answer never says which half was wrong. */
export async function login(
  services: ZoneServices,
  rawMobile: string | undefined,
  password: string | undefined,
) {
  const fields: { field: string; message: AccountMessage }[] = [];
  let mobile = '';
  try {
    mobile = normaliseMobile(rawMobile);
  } catch (error) {
    fields.push(...((error as AppError).fields as { field: string; message: AccountMessage }[]));
  }
  if (!password) fields.push({ field: 'password', message: 'passwordRequired' });
  if (fields.length) throw invalid(fields);
  const now = services.now();
  const [citizen] = await services.db.select().from(citizens).where(eq(citizens.mobile, mobile));
  if (!citizen) {
    await verifyPassword(await decoyHash(), password ?? '');
    throw new AppError('LOGIN_FAILED');
  }
  if (citizen.lockedUntil && citizen.lockedUntil > now) throw new AppError('ACCOUNT_LOCKED');
  if (!(await verifyPassword(citizen.passwordHash, password ?? ''))) {
    const failures = citizen.failedLogins + 1;
    await services.db
      .update(citizens)
      .set({
        failedLogins: failures >= LOCK_AFTER_FAILURES ? 0 : failures,
        lockedUntil:
          failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_MS) : citizen.lockedUntil,
      })
      .where(eq(citizens.id, citizen.id));
    throw new AppError(failures >= LOCK_AFTER_FAILURES ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED');
  }
  if (citizen.failedLogins > 0) {
    await services.db
      .update(citizens)
      .set({ failedLogins: 0, lockedUntil: null })
      .where(eq(citizens.id, citizen.id));
  }
  return { id: citizen.id, displayName: citizen.displayName };
}

export async function resetPassword(services: ZoneServices, input: RegisterInput): Promise<void> {
  const fields: { field: string; message: AccountMessage }[] = [];
  if (!input.code?.trim()) fields.push({ field: 'code', message: 'codeRequired' });
  fields.push(...(await checkPassword(input.password, input.confirm, input.mobile)));
  if (fields.length) throw invalid(fields);
  const passwordHash = await hashPassword(input.password ?? '');
  await services.db.transaction(async (tx) => {
    try {
      await consumeSmsCode(tx, input.mobile, 'reset-password', input.code ?? '', services.now());
    } catch {
      throw invalid([{ field: 'code', message: 'codeInvalid' }]);
    }
    const [updated] = await tx
      .update(citizens)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: services.now() })
      .where(eq(citizens.mobile, input.mobile))
      .returning({ id: citizens.id });
    if (updated) await revokeSessionsOf(tx, `citizen:${updated.id}`);
  });
}

export async function getCitizen(services: ZoneServices, id: string) {
  const [citizen] = await services.db.select().from(citizens).where(eq(citizens.id, id));
  if (!citizen) throw new AppError('UNAUTHENTICATED');
  return citizen;
}

export interface ProfileInput {
  displayName?: string | undefined;
  realName?: string | undefined;
  idNumber?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
}

const idErrors = {
  format: 'idFormat',
  checksum: 'idChecksum',
  region: 'idRegion',
  birthdate: 'idBirthdate',
} as const;

export async function updateProfile(
  services: ZoneServices,
  citizenId: string,
  input: ProfileInput,
): Promise<void> {
  const fields: { field: string; message: AccountMessage }[] = [];
  const displayName = input.displayName?.trim() ?? '';
  if (!displayName) fields.push({ field: 'displayName', message: 'displayNameRequired' });
  else if ([...displayName].length > 20) fields.push({ field: 'displayName', message: 'displayNameLong' });
  const realName = input.realName?.trim() ?? '';
  if (realName && ([...realName].length < 2 || [...realName].length > 30 || /[<>\d]/.test(realName))) {
    fields.push({ field: 'realName', message: 'realNameInvalid' });
  }
  let idNumber: string | undefined;
  if (input.idNumber?.trim()) {
    const parsed = parseIdNumber(input.idNumber);
    if (parsed.ok) idNumber = parsed.value;
    else fields.push({ field: 'idNumber', message: idErrors[parsed.code] });
  }
  const email = input.email?.trim() ?? '';
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    fields.push({ field: 'email', message: 'emailInvalid' });
  if (fields.length) throw invalid(fields);

  const change: Partial<typeof citizens.$inferInsert> = {
    displayName,
    realName: realName || null,
    email: email || null,
    address: input.address?.trim() || null,
    updatedAt: services.now(),
  };
  if (idNumber) {
    const hash = services.sealer.lookupHash(idNumber);
    const [other] = await services.db
      .select({ id: citizens.id })
      .from(citizens)
      .where(and(eq(citizens.idNumberHash, hash), sql`${citizens.id} <> ${citizenId}`));
    if (other) throw invalid([{ field: 'idNumber', message: 'idTaken' }]);
    Object.assign(change, {
      idNumberSealed: services.sealer.seal(idNumber),
      idNumberHash: hash,
      idNumberMasked: maskIdNumber(idNumber),
      // A changed identity has to be verified again against the registry.
      realNameStatus: 'none',
      realNameRequestId: null,
    });
  }
  await services.db.transaction(async (tx) => {
    const [before] = await tx.select().from(citizens).where(eq(citizens.id, citizenId));
    if (!before) throw new AppError('UNAUTHENTICATED');
    await tx.update(citizens).set(change).where(eq(citizens.id, citizenId));
    // Name and ID number together are checked against the registry whenever either changes, or when no
    // check has succeeded yet.
    const onFile =
      idNumber ?? (before.idNumberSealed ? services.sealer.open(before.idNumberSealed) : undefined);
    const changed = idNumber !== undefined || (realName || null) !== before.realName;
    const unresolved = before.realNameStatus === 'none' || before.realNameStatus === 'not-matched';
    if (realName && onFile && (changed || unresolved)) {
      await requestRealNameCheck(tx, services, citizenId, realName, onFile);
    }
  });
}
