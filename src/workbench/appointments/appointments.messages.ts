import type { MessageLookup } from '../../shared/http/forms.ts';
import { defineMessagesByLanguage } from '../../shared/i18n/index.ts';

const zh = {
  officeRequired: '请选择您负责的办理机构',
  serviceRequired: '请选择可预约的事项',
  weekdayRequired: '请选择星期几（周一至周五）',
  openingDayRequired: '请选择该场馆的开放日（周一闭馆）',
  timeInvalid: '请按“09:00”的格式输入开始时间',
  endAfterStart: '结束时间应晚于开始时间，格式如“10:00”',
  quotaInvalid: '请输入每个时段的名额，1至999',
  slotExists: '该事项在这一天的这个开始时间已有时段',
  codeRequired: '请输入8位预约码',
  codeNotFound: '没有找到该预约码，或该预约不属于您所在单位',
  outcomeRequired: '请选择到场或未到场',
  notOpen: '该预约已取消或已登记，不能再登记',
  notYet: '预约时段尚未开始，不能登记',
  dayClosed: '预约日已调整为节假日，本机构当天不办理，不能登记未到场',
  patternAdded: '已新增时段。发布后群众才能预约。',
  patternRemoved: '已删除时段。已发布的号源要重新发布才会关闭。',
  published: '已发布号源，群众现在可以预约。',
  attended: '已登记到场。',
  noShow: '已登记未到场。',
} as const;

const en: Record<keyof typeof zh, string> = {
  officeRequired: 'Choose an office you are responsible for',
  serviceRequired: 'Choose a bookable service',
  weekdayRequired: 'Choose a weekday (Monday to Friday)',
  openingDayRequired: 'Choose one of the venue’s opening days (it is closed on Mondays)',
  timeInvalid: 'Enter the start time like 09:00',
  endAfterStart: 'The end time must be after the start, like 10:00',
  quotaInvalid: 'Enter the places per slot, 1 to 999',
  slotExists: 'This service already has a slot starting then on that day',
  codeRequired: 'Enter the 8-character booking code',
  codeNotFound: 'No booking has this code, or it is not for your unit',
  outcomeRequired: 'Choose attended or did not come',
  notOpen: 'This booking was cancelled or already recorded',
  notYet: 'The slot has not begun yet',
  dayClosed:
    'The booked day became a public holiday and the office was closed: it cannot be recorded as not attended',
  patternAdded: 'Slot added. People can book it once you publish.',
  patternRemoved: 'Slot removed. Slots already released close when you publish again.',
  published: 'Slots released: people can book them now.',
  attended: 'Recorded as attended.',
  noShow: 'Recorded as not attended.',
};

export type AppointmentMessage = keyof typeof zh;

const messages = defineMessagesByLanguage(zh, en);

export const appointmentMessage = messages.text;

export const appointmentWords: MessageLookup = messages.lookup;

export const weekdayNames = {
  zh: ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;

export const visitStatusText = {
  booked: { zh: '待到场', en: 'Booked' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  attended: { zh: '已到场', en: 'Attended' },
  'no-show': { zh: '未到场', en: 'Did not come' },
} as const;
