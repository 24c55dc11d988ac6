import type { CaseDocumentBase, CaseDocumentInput } from './document.types.ts';

// Fictional people and units, for tests and for looking at the layout.
const base: Omit<CaseDocumentBase, 'documentNumber'> = {
  unitName: '示范市公安局中心分局',
  verificationCode: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  caseNumber: 'SF-ZA-20261206-000123',
  itemName: '无犯罪记录证明开具',
  addressee: { name: '李示范' },
  issuedAt: new Date('2026-12-06T02:30:00Z'),
  portalBaseUrl: 'https://ga.example.gov.cn',
  enquiryPhone: '0000-12345678',
};
const submittedAt = new Date('2026-12-01T01:00:00Z');
const reasoned = {
  legalBasis: ['《中华人民共和国行政许可法》第三十八条', '《易制毒化学品管理条例》第十二条'],
} as const;

export const sampleInputs: { [K in CaseDocumentInput['kind']]: Extract<CaseDocumentInput, { kind: K }> } = {
  'acceptance-notice': {
    ...base,
    kind: 'acceptance-notice',
    documentNumber: 'SF-ZA-受字〔2026〕第000123号',
    submittedAt,
    timeLimit: { value: 5, unit: 'working-days' },
    dueDate: '2026-12-11',
  },
  'supplement-notice': {
    ...base,
    kind: 'supplement-notice',
    documentNumber: 'SF-ZA-补字〔2026〕第000045号',
    submittedAt,
    missing: [
      { material: '居民身份证（正反面）', problem: '照片模糊，无法辨认证件号码' },
      { material: '用途说明', problem: '未提交' },
    ],
    supplementBy: '2026-12-20',
  },
  'non-acceptance-decision': {
    ...base,
    kind: 'non-acceptance-decision',
    documentNumber: 'SF-ZA-不受字〔2026〕第000007号',
    submittedAt,
    reasons: ['申请事项依法不属于本机关职权范围'],
    legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（二）项'],
  },
  'approval-decision': {
    ...base,
    kind: 'approval-decision',
    itemName: '第一类易制毒化学品购买许可',
    addressee: { name: '王演示', companyName: '示范化工有限公司' },
    documentNumber: 'SF-ZA-许准字〔2026〕第000031号',
    submittedAt,
    reasons: ['申请材料真实、齐全', '购买用途合法，符合法定条件'],
    ...reasoned,
    permitted: ['准予购买第一类易制毒化学品（非药品类）：麻黄素类以外的品种，数量以许可证载明为准'],
    validUntil: '2027-03-05',
    collection: '许可证可在“我的办件”中下载电子证照。',
    reviewAndLitigation: {
      review: '对行政行为不服的，可以自知道该行政行为之日起六十日内向示范市人民政府申请行政复议。',
      litigation:
        '也可以自知道或者应当知道作出行政行为之日起六个月内，依法向示范市中心区人民法院提起行政诉讼。',
    },
  },
  'refusal-decision': {
    ...base,
    kind: 'refusal-decision',
    itemName: '第一类易制毒化学品购买许可',
    addressee: { name: '王演示', companyName: '示范化工有限公司' },
    documentNumber: 'SF-ZA-许不字〔2026〕第000002号',
    submittedAt,
    reasons: ['申请购买的数量超出生产经营的合理需要'],
    ...reasoned,
  },
  'pre-approval-notice': {
    ...base,
    kind: 'pre-approval-notice',
    itemName: '居住证申领',
    documentNumber: 'SF-ZA-预字〔2026〕第000210号',
    submittedAt,
    visit: {
      place: '示范市公安局中心分局人民路派出所户籍窗口',
      address: '示范市中心区人民路1号',
      hours: '工作日 9:00—17:00',
      by: '2027-01-05',
    },
    bring: ['居民身份证原件', '居住证明原件'],
  },
  certificate: {
    ...base,
    kind: 'certificate',
    certificate: 'no-criminal-record',
    documentNumber: 'SF-ZA-证字〔2026〕第001024号',
    holder: { name: '李示范', sex: '男', idNumber: '110105198001010016' },
    checkedUntil: '2026-12-06',
    purpose: '就业',
    validUntil: '2027-03-05',
    basis: '《公安机关办理犯罪记录查询工作规定》',
  },
};
