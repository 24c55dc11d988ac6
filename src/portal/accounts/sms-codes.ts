import { createHash, randomInt } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import { smsCodes } from '../db/schema.ts';

export type CodePurpose = 'register' | 'reset-password' | 'login';

const CODE_TTL_MS = 5 * 60 * 1000;
const MAX_TRIES = 5;
const MIN_INTERVAL_MS = 60 * 1000;
const MAX_PER_DAY = 10;

const purposeText: Record<CodePurpose, string> = {
  register: '注册账号',
  'reset-password': '重置密码',
  login: '登录',
};

function digest(mobile: string, code: string): string {
  return createHash('sha256').update(`${mobile}:${code}`).digest('hex');
}

/** Issues a 6-digit code by SMS; at most one a minute and ten a day per number. */
export async function issueSmsCode(
  ex: Executor,
  mobile: string,
  purpose: CodePurpose,
  now: Date,
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
    codeHash: digest(mobile, code),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    createdAt: now,
  });
  await queueNotification(ex, {
    channel: 'sms',
    recipient: mobile,
    template: `code.${purpose}`,
    body: `【示范市公安局】您正在${purposeText[purpose]}，验证码 ${code}，5分钟内有效。如非本人操作请忽略。`,
  });
}

/** Consumes a code; a wrong guess counts against the newest code, which dies after five. */
export async function consumeSmsCode(
  ex: Executor,
  mobile: string,
  purpose: CodePurpose,
  code: string,
  now: Date,
): Promise<void> {
  const [latest] = await ex
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.mobile, mobile), eq(smsCodes.purpose, purpose), isNull(smsCodes.consumedAt)))
    .orderBy(sql`${smsCodes.createdAt} desc`)
    .limit(1);
  if (!latest || latest.expiresAt < now || latest.attempts >= MAX_TRIES) {
    throw new AppError('CODE_INVALID', { fields: [{ field: 'code', message: 'invalid' }] });
  }
  if (latest.codeHash !== digest(mobile, code.trim())) {
    await ex
      .update(smsCodes)
      .set({ attempts: latest.attempts + 1 })
      .where(eq(smsCodes.id, latest.id));
    throw new AppError('CODE_INVALID', { fields: [{ field: 'code', message: 'invalid' }] });
  }
  await ex.update(smsCodes).set({ consumedAt: now }).where(eq(smsCodes.id, latest.id));
}
