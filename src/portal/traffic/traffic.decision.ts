import { beijingDateTime, renderSlip, verificationUrl } from '../../shared/pdf/verified-slip.ts';
import { PAYMENT_PERIOD_DAYS, lateSurcharge } from '../../shared/traffic/late-surcharge.ts';
import type { DecisionDocumentRow } from './traffic.repository.ts';

// 公安交通管理简易程序处罚决定书: the decision on a camera violation the owner accepted online, drawn from the
// facts the police zone sent with the decision, with a QR code to its public verification page.

export const DECISION_VERIFY_PATH = '/traffic/verify';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export function renderDecision(doc: DecisionDocumentRow, portalBaseUrl: string): Promise<Buffer> {
  const url = verificationUrl(portalBaseUrl, DECISION_VERIFY_PATH, doc.verificationCode);
  const { dueOn } = lateSurcharge(doc.fineFen, doc.decidedAt, doc.decidedAt);
  return renderSlip({
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
    ],
    paragraphs: [
      doc.fineFen > 0
        ? `被处罚人应当自本决定作出之日起${PAYMENT_PERIOD_DAYS}日内（${dueOn} 前，含当日）缴纳罚款，可通过本平台在线缴纳。逾期不缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。`
        : '本决定不处罚款。',
      '被处罚人对本决定不服的，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
    ],
    url,
    code: doc.verificationCode,
    note: '本决定书由被处罚人在网上接受处理后生成，与窗口出具的决定书具有同等效力。',
    issuedAt: doc.issuedAt,
    size: 'A4',
  });
}
