import { and, eq, isNull } from 'drizzle-orm';
import { bookingService, detailLabels, detailValue } from '../../shared/appointments/booking-services.ts';
import type { Executor } from '../../shared/db/database.ts';
import type { Lang } from '../../shared/i18n/index.ts';
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

const statusWords = {
  booked: { zh: '有效', en: 'Valid' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  attended: { zh: '已到场办理', en: 'Attended' },
  'no-show': { zh: '未到场', en: 'Did not attend' },
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
  status: keyof typeof statusWords;
  unitName: string;
  date: string;
  startTime: string;
  endTime: string;
  caseNumber: string | null;
  createdAt: Date;
  details: Record<string, string>;
  verificationCode: string;
}

/** The confirmation in the booker's language (Chinese unless English); the same booking gives the same bytes. */
export function renderConfirmation(
  b: ConfirmationInput,
  portalBaseUrl: string,
  lang: Lang = 'zh',
): Promise<Buffer> {
  const url = verificationUrl(portalBaseUrl, BOOKING_VERIFY_PATH, b.verificationCode);
  const en = lang === 'en';
  return renderSlip({
    title: en ? 'Booking confirmation' : '预约凭证',
    numberLine: en ? `Booking code ${b.code}` : `预约码：${b.code}`,
    rows: [
      [en ? 'Service' : '预约事项', bookingService(b.itemId)?.name[lang] ?? b.itemId],
      [en ? 'Time' : '预约时间', `${b.date} ${b.startTime}–${b.endTime}`],
      [en ? 'Place' : '办理地点', b.unitName],
      [en ? 'Status' : '预约状态', statusWords[b.status][lang]],
      ...Object.entries(b.details).map(([k, v]): [string, string] => [
        detailLabels[k as keyof typeof detailLabels]?.[lang] ?? k,
        detailValue(k, v, lang),
      ]),
      ...(b.caseNumber ? [[en ? 'Case number' : '办件编号', b.caseNumber] as [string, string]] : []),
      [en ? 'Booked on' : '预约提交时间', beijingDateTime(b.createdAt, lang)],
    ],
    paragraphs: [
      en
        ? 'Bring your own valid identity document, come at the booked time and show the booking code or this confirmation at the window. If you cannot come, cancel or reschedule at least 2 hours before the start; after repeated no-shows you cannot book for a while.'
        : '请携带本人有效身份证件，按预约时间到场，在窗口出示预约码或本凭证。如不能按时到场，请在预约开始前2小时取消或改约；多次预约未到场的，将在一段时间内不能预约。',
    ],
    url,
    code: b.verificationCode,
    note: en ? 'Scan the code to check that this booking is valid.' : '扫码可核验本预约是否有效。',
    issuedAt: b.createdAt,
    lang,
  });
}
