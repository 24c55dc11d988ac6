import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import { smsCodes } from '../db/schema.ts';

export type CodePurpose = 'register' | 'reset-password' | 'login';

const CODE_TTL_MS = 5 * 60 * 1000;
const MAX_TRIES = 5;
const MIN_INTERVAL_MS = 60 * 1000;
const MAX_PER_DAY = 10;
// Stored for a request that must look like any other but gets no code: no SHA-256 hex digest equals it.
const NO_CODE = 'no-code';

const purposeText: Record<CodePurpose, string> = {
  register: '注册账号',
  'reset-password': '重置密码',
  login: '登录',
};

const ALREADY_REGISTERED =
  '【示范市公安局】有人正在用您的手机号注册网上公安局账号，而该号码已有账号，无需重新注册。' +
  '请直接登录；如忘记密码，请在登录页选择“忘记密码”，用短信验证码重置。如非本人操作请忽略。';

/**
 * What the request sends: a code; a notice that the number already has an account (registration); or nothing
 * (a reset for a number without an account). Every kind is recorded and limited alike, so neither the answer
 * nor the limits tell which numbers have accounts.
 */
export type Delivery = 'code' | 'already-registered' | 'nothing';

function digest(mobile: string, code: string): string {
  return createHash('sha256').update(`${mobile}:${code}`).digest('hex');
}

/** Issues a 6-digit code by SMS; at most one a minute and ten a day per number. */
export async function issueSmsCode(
  ex: Executor,
  mobile: string,
  purpose: CodePurpose,
  now: Date,
  delivery: Delivery = 'code',
): Promise<void> {
  const [recent] = await ex
    .select({
      lastMinute: sql<number>`count(*) filter (where ${smsCodes.createdAt} > ${new Date(now.getTime() - MIN_INTERVAL_MS)})`,
      lastDay: sql<number>`count(*)`,
    })
    .from(smsCodes)
    .where(and(eq(smsCodes.mobile, mobile), gt(smsCodes.createdAt, new Date(now.getTime() - 86_400_000))));
  if (Number(recent?.lastMinute ?? 0) > 0 || Number(recent?.lastDay ?? 0) >= MAX_PER_DAY) {
    throw new AppError('RATE_LIMITED', { detail: 'sms code' });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ex.insert(smsCodes).values({
    mobile,
    purpose,
    codeHash: delivery === 'code' ? digest(mobile, code) : NO_CODE,
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    createdAt: now,
  });
  if (delivery === 'nothing') return;
  await queueNotification(ex, {
    channel: 'sms',
    recipient: mobile,
    template: delivery === 'code' ? `code.${purpose}` : 'notice.already-registered',
    body:
      delivery === 'code'
        ? `【示范市公安局】您正在${purposeText[purpose]}，验证码 ${code}，5分钟内有效。如非本人操作请忽略。`
        : ALREADY_REGISTERED,
  });
}

const invalidCode = () => new AppError('CODE_INVALID', { fields: [{ field: 'code', message: 'invalid' }] });

/**
 * Checks a code against the newest one sent, which dies after five tries. The try is counted first, in one
 * statement committed on its own: parallel guesses each take a try (the row lock orders them, and the fifth
 * leaves none), and a caller whose transaction rolls back cannot take the count back with it.
 * Returns the code's id, to be consumed in the caller's transaction.
 */
export async function checkSmsCode(
  db: Db,
  mobile: string,
  purpose: CodePurpose,
  code: string,
  now: Date,
): Promise<string> {
  const newest = db
    .select({ id: smsCodes.id })
    .from(smsCodes)
    .where(and(eq(smsCodes.mobile, mobile), eq(smsCodes.purpose, purpose), isNull(smsCodes.consumedAt)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  const [tried] = await db
    .update(smsCodes)
    .set({ attempts: sql`${smsCodes.attempts} + 1` })
    .where(and(inArray(smsCodes.id, newest), lt(smsCodes.attempts, MAX_TRIES), gt(smsCodes.expiresAt, now)))
    .returning({ id: smsCodes.id, codeHash: smsCodes.codeHash });
  if (!tried) throw invalidCode();
  const expected = Buffer.from(tried.codeHash);
  const given = Buffer.from(digest(mobile, code.trim()));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidCode();
  return tried.id;
}

/** Uses up a checked code in the caller's transaction; of two requests racing with the same code one wins. */
export async function consumeSmsCode(ex: Executor, codeId: string, now: Date): Promise<void> {
  const [consumed] = await ex
    .update(smsCodes)
    .set({ consumedAt: now })
    .where(and(eq(smsCodes.id, codeId), isNull(smsCodes.consumedAt)))
    .returning({ id: smsCodes.id });
  if (!consumed) throw invalidCode();
}
