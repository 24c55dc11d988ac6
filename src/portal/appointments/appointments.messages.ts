import type { MessageLookup } from '../../shared/http/forms.ts';
import { defineMessagesByLanguage } from '../../shared/i18n/index.ts';
import type { Lang } from '../../shared/http/request-context.ts';

const zh = {
  realNameRequired: '请先完成实名认证：预约需要核验您的真实身份',
  slotRequired: '请选择预约时段',
  slotFull: '该时段已约满或已截止预约，请另选时段',
  slotTooFew: '该时段剩余名额不够您填写的参观人数，或已截止预约，请另选时段或减少人数',
  caseNotApproved: '请从“我的办件”中预审已通过的办件进入预约，办件编号有误或该办件尚未预审通过',
  alreadyBooked: '您已有该事项的有效预约，如需改时间请改约，不必重复预约',
  restricted: '您在90天内有3次预约未到场，30天内暂不能预约；如有疑问请致电办理机构',
  tooLate: '距预约时间已不足2小时，不能再取消或改约',
  notOpen: '该预约已取消或已办结，不能再更改',
  sameSlot: '请选择与原预约不同的时段',
  detaineeNameRequired: '请输入被拘留人（在押人员）姓名，2至50个字',
  relationshipRequired: '请选择您与被拘留人的关系',
  licenceInvalid: '请输入17位律师执业证号',
  visitorsInvalid: '请输入参观人数，1至30人',
  booked: '预约成功。请保存预约码，按时携带身份证件到场。',
  cancelled: '预约已取消，名额已释放。',
  rescheduled: '已改约到新的时段，预约码不变。',
} as const;

const en: Record<keyof typeof zh, string> = {
  realNameRequired: 'Complete the real-name check first: a booking needs your verified identity',
  slotRequired: 'Choose a time slot',
  slotFull: 'This slot is full or closed for booking; choose another',
  slotTooFew:
    'This slot has fewer places left than your number of visitors, or is closed for booking; choose another or fewer visitors',
  caseNotApproved:
    'Book this visit from one of your cases whose pre-application was approved; this case number is not one',
  alreadyBooked: 'You already have a booking for this service; reschedule it instead of booking again',
  restricted:
    'You missed 3 bookings in 90 days, so you cannot book for 30 days; call the office if this is wrong',
  tooLate: 'The booking starts in less than 2 hours; it can no longer be cancelled or moved',
  notOpen: 'This booking was cancelled or has taken place; it can no longer be changed',
  sameSlot: 'Choose a slot other than the one you have',
  detaineeNameRequired: 'Enter the name of the person held (2 to 50 characters)',
  relationshipRequired: 'Choose your relationship to the person held',
  licenceInvalid: 'Enter the 17-digit lawyer’s licence number',
  visitorsInvalid: 'Enter the number of visitors, 1 to 30',
  booked: 'Booked. Keep the booking code and bring your ID card on time.',
  cancelled: 'The booking is cancelled and its place is free again.',
  rescheduled: 'The booking is moved to the new slot; the code stays the same.',
};

export type AppointmentMessage = keyof typeof zh;

const messages = defineMessagesByLanguage(zh, en);

export const appointmentMessage = messages.text;

export const appointmentWords: MessageLookup = messages.lookup;

const statusWords = {
  booked: { zh: '待到场', en: 'Booked' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  attended: { zh: '已到场', en: 'Attended' },
  'no-show': { zh: '未到场', en: 'Missed' },
} as const;

export function statusText(lang: Lang, status: keyof typeof statusWords): string {
  return statusWords[status][lang];
}
