import { and, eq, isNull } from 'drizzle-orm';
import { bookingService, detailLabels, detailValue } from '../../shared/appointments/booking-services.ts';
import type { Executor } from '../../shared/db/database.ts';
import {
  beijingDateTime,
  newVerificationCode,
  renderSlip,
  verificationUrl,
} from '../../shared/pdf/verified-slip.ts';
import { appointmentBookings, appointmentSlots } from './appointments.tables.ts';

// 预约凭证: a booking's confirmation as a PDF, with the booking code to show at the window and a QR code that
// leads to the public page confirming the booking exists (service, office, time, status; never the person).

export const BOOKING_VERIFY_PATH = '/appointments/verify';

const statusZh = {
  booked: '有效',
  cancelled: '已取消',
  attended: '已到场办理',
  'no-show': '未到场',
} as const;

/** The booking's verification code, given once: concurrent first prints agree on the same one. */
export async function verificationCodeOf(ex: Executor, bookingId: string): Promise<string> {
  await ex
    .update(appointmentBookings)
    .set({ verificationCode: newVerificationCode() })
    .where(and(eq(appointmentBookings.id, bookingId), isNull(appointmentBookings.verificationCode)));
  const [row] = await ex
    .select({ code: appointmentBookings.verificationCode })
    .from(appointmentBookings)
    .where(eq(appointmentBookings.id, bookingId));
  return row!.code!;
}

/** What the public page may say of a booking by its verification code. */
export async function bookingByVerificationCode(ex: Executor, code: string) {
  const [row] = await ex
    .select({
      code: appointmentBookings.code,
      itemId: appointmentBookings.itemId,
      status: appointmentBookings.status,
      unitName: appointmentSlots.unitName,
      date: appointmentSlots.date,
      startTime: appointmentSlots.startTime,
      endTime: appointmentSlots.endTime,
    })
    .from(appointmentBookings)
    .innerJoin(appointmentSlots, eq(appointmentSlots.slotKey, appointmentBookings.slotKey))
    .where(eq(appointmentBookings.verificationCode, code));
  return row;
}

export interface ConfirmationInput {
  code: string;
  itemId: string;
  status: keyof typeof statusZh;
  unitName: string;
  date: string;
  startTime: string;
  endTime: string;
  caseNumber: string | null;
  createdAt: Date;
  details: Record<string, string>;
  verificationCode: string;
}

export function renderConfirmation(b: ConfirmationInput, portalBaseUrl: string): Promise<Buffer> {
  const url = verificationUrl(portalBaseUrl, BOOKING_VERIFY_PATH, b.verificationCode);
  return renderSlip({
    title: '预约凭证',
    numberLine: `预约码：${b.code}`,
    rows: [
      ['预约事项', bookingService(b.itemId)?.name.zh ?? b.itemId],
      ['预约时间', `${b.date} ${b.startTime}–${b.endTime}`],
      ['办理地点', b.unitName],
      ['预约状态', statusZh[b.status]],
      ...Object.entries(b.details).map(([k, v]): [string, string] => [
        detailLabels[k as keyof typeof detailLabels]?.zh ?? k,
        detailValue(k, v, 'zh'),
      ]),
      ...(b.caseNumber ? [['办件编号', b.caseNumber] as [string, string]] : []),
      ['预约提交时间', beijingDateTime(b.createdAt)],
    ],
    paragraphs: [
      '请携带本人有效身份证件，按预约时间到场，在窗口出示预约码或本凭证。如不能按时到场，请在预约开始前2小时取消或改约；多次预约未到场的，将在一段时间内不能预约。',
    ],
    url,
    code: b.verificationCode,
    note: '扫码可核验本预约是否有效。',
    issuedAt: b.createdAt,
  });
}
