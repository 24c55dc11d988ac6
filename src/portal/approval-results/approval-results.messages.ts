import type { ApprovalDecision } from '../../exchange/contracts/index.ts';
import { defineMessages } from '../../shared/i18n/index.ts';

// The words of 审批结果公开 in both languages.

export const decisionWords: Record<ApprovalDecision, { zh: string; en: string }> = {
  granted: { zh: '准予许可', en: 'Granted' },
  refused: { zh: '不予许可', en: 'Refused' },
  filed: { zh: '准予备案', en: 'Filed' },
};

const approval = defineMessages({
  title: { zh: '审批结果公示', en: 'Approval results' },
  intro: {
    zh: '企业申办的行政许可和备案事项的决定，作出决定后自动公开：事项、决定、日期、企业名称和统一社会信用代码。个人申办的事项不予公开。',
    en: 'Decisions on the licences and filings companies applied for, published as they are taken: the item, the decision, the date, the company and its unified social credit code. Nothing a private person applied for is published.',
  },
  search: { zh: '按企业名称或统一社会信用代码查找', en: 'Find by company name or credit code' },
  searchButton: { zh: '查找', en: 'Find' },
  item: { zh: '事项', en: 'Item' },
  decision: { zh: '决定', en: 'Decision' },
  date: { zh: '决定日期', en: 'Date of decision' },
  company: { zh: '企业名称', en: 'Company' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  unit: { zh: '决定机关', en: 'Decided by' },
  none: { zh: '暂无审批结果。', en: 'No result has been published yet.' },
  noneFound: { zh: '没有找到该企业的审批结果。', en: 'No result for this company.' },
  found: { zh: '共 {n} 条结果', en: '{n} results' },
  foundOne: { zh: '共 1 条结果', en: '1 result' },
  notices: { zh: '公示公告', en: 'Notices' },
  companyLang: {
    zh: '',
    en: 'Company names are given as registered, in Chinese.',
  },
});

export const approvalWords = approval.words;
export const approvalText = approval.text;
