import type { WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { beijingDateTime, renderSlip, verificationUrl } from '../../shared/pdf/verified-slip.ts';
import { PAYMENT_PERIOD_DAYS, paymentDueOn } from '../../shared/traffic/late-surcharge.ts';
import type { DecisionDocumentRow } from './traffic.repository.ts';

// 公安交通管理简易程序处罚决定书: the decision on a camera violation the owner accepted online, drawn from the
// facts the police zone sent with the decision, with a QR code to its public verification page. A person
// reading the site in English gets it in English, saying that the Chinese text is the decision.

export const DECISION_VERIFY_PATH = '/traffic/verify';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function chinese(doc: DecisionDocumentRow, dueOn: string) {
  return {
    title: '公安交通管理简易程序处罚决定书',
    numberLine: `编号：${doc.decisionNo}`,
    rows: [
      ['机动车号牌', doc.plate],
      ['违法时间', beijingDateTime(doc.occurredAt)],
      ['违法地点', doc.place],
      ['违法行为', `${doc.offenceCode} ${doc.offence.zh}`],
      ['记分', `${doc.points} 分`],
      ['罚款', yuan(doc.fineFen)],
      ['处罚机关', doc.unitCode],
      ['决定时间', beijingDateTime(doc.decidedAt)],
    ] as [string, string][],
    paragraphs: [
      doc.fineFen > 0
        ? `被处罚人应当自本决定作出之日起${PAYMENT_PERIOD_DAYS}日内（${dueOn} 前，含当日；期满日为节假日的，顺延至节假日后的第一个工作日）缴纳罚款，可通过本平台在线缴纳。逾期不缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。`
        : '本决定不处罚款。',
      '被处罚人对本决定不服的，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
    ],
    note: '本决定书由被处罚人在网上接受处理后生成，与窗口出具的决定书具有同等效力。',
  };
}

function english(doc: DecisionDocumentRow, dueOn: string) {
  return {
    title: 'Traffic penalty decision (summary procedure)',
    numberLine: `No. ${doc.decisionNo}`,
    rows: [
      ['Plate', doc.plate],
      ['When', beijingDateTime(doc.occurredAt, 'en')],
      ['Where', doc.place],
      ['Offence', `${doc.offenceCode} ${doc.offence.en}`],
      ['Points', `${doc.points}`],
      ['Fine', yuan(doc.fineFen)],
      ['Decided by', doc.unitCode],
      ['Decided on', beijingDateTime(doc.decidedAt, 'en')],
    ] as [string, string][],
    paragraphs: [
      doc.fineFen > 0
        ? `The fine is to be paid within ${PAYMENT_PERIOD_DAYS} days of this decision (by ${dueOn} inclusive; a period ending on a public holiday or weekend runs to the next working day), for example online on this platform. If it is paid late, 3% of the fine is added for each day overdue, never more than the fine itself.`
        : 'This decision imposes no fine.',
      "If you disagree with this decision, you may apply for administrative reconsideration within 60 days of receiving it, or bring an administrative lawsuit before a people's court within six months.",
      'This is an English rendering for reference; the Chinese decision is the legal text.',
    ],
    note: 'Made when the person penalised accepted the decision online; it has the same force as one issued at a service window.',
  };
}

export function renderDecision(
  doc: DecisionDocumentRow,
  portalBaseUrl: string,
  calendar: WorkingDayCalendar,
  lang: Lang = 'zh',
): Promise<Buffer> {
  const url = verificationUrl(portalBaseUrl, DECISION_VERIFY_PATH, doc.verificationCode);
  const dueOn = paymentDueOn(doc.decidedAt, calendar);
  const words = lang === 'en' ? english(doc, dueOn) : chinese(doc, dueOn);
  return renderSlip({
    ...words,
    url,
    code: doc.verificationCode,
    issuedAt: doc.issuedAt,
    size: 'A4',
    lang,
  });
}
