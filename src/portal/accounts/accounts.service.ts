import { eq } from 'drizzle-orm';
import {
  decoyHash,
  hashPassword,
  passwordMessageKey,
  passwordProblem,
  verifyPassword,
} from '../../shared/auth/password.ts';
import { admitAttempt, clearAttempts, refundAttempt } from '../../shared/auth/throttle.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { revokeSessionsOf } from '../../shared/http/session-store.ts';
import { maskIdNumber, parseIdNumber } from '../../shared/validators/id-number.ts';
import { parseMobile } from '../../shared/validators/mobile.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { citizens } from '../db/schema.ts';
import type { AccountMessage } from './accounts.messages.ts';
import { checkSmsCode, consumeSmsCode, issueSmsCode, type CodePurpose, type Delivery } from './sms-codes.ts';
import { addressKey, numberKey } from './login-throttle.ts';
import {
  idNumberVerifiedElsewhere,
  reserveRealNameCheck,
  sendRealNameCheck,
} from '../realname/realname.service.ts';

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
    const [existing] = await tx.select({ id: citizens.id }).from(citizens).where(eq(citizens.mobile, mobile));
    // Every number gets the same answer and the same limits; only the SMS differs, and only its holder reads it.
    const delivery: Delivery =
      purpose === 'register' ? (existing ? 'already-registered' : 'code') : existing ? 'code' : 'nothing';
    await issueSmsCode(tx, mobile, purpose, services.now(), delivery);
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

/** Checks the code (the try is counted even when the rest of the request fails), or reports it on the form. */
async function checkedCode(services: ZoneServices, input: RegisterInput, purpose: CodePurpose) {
  try {
    return await checkSmsCode(services.db, input.mobile, purpose, input.code ?? '', services.now());
  } catch {
    throw invalid([{ field: 'code', message: 'codeInvalid' }]);
  }
}

async function consumed(tx: Tx, codeId: string, now: Date): Promise<void> {
  try {
    await consumeSmsCode(tx, codeId, now);
  } catch {
    throw invalid([{ field: 'code', message: 'codeInvalid' }]);
  }
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
  const codeId = await checkedCode(services, input, 'register');
  const passwordHash = await hashPassword(input.password ?? '');
  return services.db.transaction(async (tx) => {
    await consumed(tx, codeId, services.now());
    const [created] = await tx
      .insert(citizens)
      .values({ mobile: input.mobile, passwordHash, displayName })
      .onConflictDoNothing({ target: citizens.mobile })
      .returning({ id: citizens.id, displayName: citizens.displayName });
    // Only the holder of the number, who has a code, can get here for a number that has an account.
    if (!created) throw new AppError('MOBILE_TAKEN');
    return created;
  });
}

/**
 * Password login. Every attempt is counted against the number and the address before the password is checked,
 * so parallel guesses cannot outrun the count; past the free failures each one doubles the wait (429 with
 * Retry-After), for every number alike, whether it has an account or not. A correct password during the wait is
 * refused too, so a guesser learns nothing; the owner can always reset the password by SMS.
 */
export async function login(
  services: ZoneServices,
  rawMobile: string | undefined,
  password: string | undefined,
  sourceIp: string,
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
  const byNumber = numberKey(services, mobile);
  const ticket = await admitAttempt(services.db, [byNumber, addressKey(sourceIp)], services.now());
  const [citizen] = await services.db.select().from(citizens).where(eq(citizens.mobile, mobile));
  // An unknown number costs the same work as a wrong password.
  const matches = await verifyPassword(citizen?.passwordHash ?? (await decoyHash()), password ?? '');
  if (!citizen || !matches) throw new AppError('LOGIN_FAILED');
  await refundAttempt(services.db, ticket, { reset: [byNumber.key] });
  return { id: citizen.id, displayName: citizen.displayName };
}

export async function resetPassword(services: ZoneServices, input: RegisterInput): Promise<void> {
  const fields: { field: string; message: AccountMessage }[] = [];
  if (!input.code?.trim()) fields.push({ field: 'code', message: 'codeRequired' });
  fields.push(...(await checkPassword(input.password, input.confirm, input.mobile)));
  if (fields.length) throw invalid(fields);
  const codeId = await checkedCode(services, input, 'reset-password');
  const passwordHash = await hashPassword(input.password ?? '');
  await services.db.transaction(async (tx) => {
    await consumed(tx, codeId, services.now());
    const [updated] = await tx
      .update(citizens)
      .set({ passwordHash, updatedAt: services.now() })
      .where(eq(citizens.mobile, input.mobile))
      .returning({ id: citizens.id });
    if (!updated) return;
    await revokeSessionsOf(tx, `citizen:${updated.id}`);
    // The owner proved the number: whatever delay guessers ran up on it ends here.
    await clearAttempts(tx, [numberKey(services, input.mobile).key]);
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
    Object.assign(change, {
      idNumberSealed: services.sealer.seal(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      // Typing a number claims nothing: it becomes the account's own only when the registry confirms it.
      idNumberHash: null,
      realNameStatus: 'none',
      realNameRequestId: null,
    });
  }
  const [before] = await services.db.select().from(citizens).where(eq(citizens.id, citizenId));
  if (!before) throw new AppError('UNAUTHENTICATED');
  // Name and ID number together are checked against the registry whenever either changes, or when no
  // check has succeeded yet.
  const onFile =
    idNumber ?? (before.idNumberSealed ? services.sealer.open(before.idNumberSealed) : undefined);
  const changed = idNumber !== undefined || (realName || null) !== before.realName;
  const unresolved = before.realNameStatus !== 'verified' && before.realNameStatus !== 'pending';
  const check = realName && onFile && (changed || unresolved) ? { realName, idNumber: onFile } : undefined;
  let requestId: string | undefined;
  if (check) {
    // Whether a number is verified elsewhere is said only after a check was taken from the daily five.
    requestId = await reserveRealNameCheck(services, citizenId);
    if (await idNumberVerifiedElsewhere(services.db, services, citizenId, check.idNumber))
      throw new AppError('CONFLICT', { fields: [{ field: 'idNumber', message: 'idTaken' }] });
  }
  await services.db.transaction(async (tx) => {
    await tx.update(citizens).set(change).where(eq(citizens.id, citizenId));
    if (check && requestId) await sendRealNameCheck(tx, citizenId, requestId, check.realName, check.idNumber);
  });
}
