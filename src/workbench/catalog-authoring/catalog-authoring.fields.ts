import type { Label, PublicationRule } from '../../shared/catalog/index.ts';

// The fields of the editor's form, with their labels and their limits, and the shape of a problem found in
// what was typed. The main fields are form controls; the nested parts (situations with their materials, steps,
// places, FAQ) are one JSON text, because a form for lists of lists would need scripts to add rows and the
// editors who write guides read JSON well enough.

export const formFields = [
  'nameZh',
  'nameEn',
  'summaryZh',
  'summaryEn',
  'codeBasic',
  'codeImplementation',
  'area',
  'itemType',
  'audience',
  'lifeEvents',
  'unitCode',
  'unitName',
  'unitNameEn',
  'unitLevel',
  'legalBasis',
  'legalBasisEn',
  'acceptanceConditions',
  'acceptanceConditionsEn',
  'statutoryValue',
  'statutoryUnit',
  'promisedValue',
  'promisedUnit',
  'immediate',
  'timeNote',
  'timeNoteEn',
  'instantReview',
  'feeCharged',
  'feeItems',
  'feeItemsEn',
  'feeBasisEn',
  'feeWaiver',
  'feeWaiverEn',
  'onlinePayment',
  'channels',
  'onlineDepth',
  'fullyOnline',
  'visitsCount',
  'visitsReason',
  'visitsReasonEn',
  'booking',
  'courier',
  'enquiryPhone',
  'complaintPhone',
  'review',
  'reviewEn',
  'litigation',
  'litigationEn',
  'resultType',
  'resultName',
  'resultNameEn',
  'resultSample',
  'keywords',
  'onlineForm',
  'nested',
] as const;
export type FormField = (typeof formFields)[number];

export const isFormField = (v: unknown): v is FormField =>
  typeof v === 'string' && (formFields as readonly string[]).includes(v);

/** Fields posted as checkbox groups: always read as lists. */
export const listFields: readonly FormField[] = ['lifeEvents', 'channels', 'onlineDepth', 'courier'];

export const fieldLabel: Record<FormField, Label> = {
  nameZh: { zh: '事项名称（中文）', en: 'Name (Chinese)' },
  nameEn: { zh: '事项名称（英文）', en: 'Name (English)' },
  summaryZh: { zh: '事项简介（中文）', en: 'Summary (Chinese)' },
  summaryEn: { zh: '事项简介（英文）', en: 'Summary (English)' },
  codeBasic: { zh: '基本编码', en: 'Basic code' },
  codeImplementation: { zh: '实施编码', en: 'Implementation code' },
  area: { zh: '业务类别', en: 'Business area' },
  itemType: { zh: '事项类型', en: 'Item type' },
  audience: { zh: '服务对象', en: 'Audience' },
  lifeEvents: { zh: '人生事件', en: 'Life events' },
  unitCode: { zh: '实施主体编码', en: 'Implementing unit code' },
  unitName: { zh: '实施主体名称', en: 'Implementing unit name' },
  unitNameEn: { zh: '实施主体名称（英文）', en: 'Implementing unit name (English)' },
  unitLevel: { zh: '行使层级', en: 'Level' },
  legalBasis: { zh: '设定依据', en: 'Legal basis' },
  legalBasisEn: { zh: '设定依据（英文）', en: 'Legal basis (English)' },
  acceptanceConditions: { zh: '受理条件', en: 'Acceptance conditions' },
  acceptanceConditionsEn: { zh: '受理条件（英文）', en: 'Acceptance conditions (English)' },
  statutoryValue: { zh: '法定办结时限', en: 'Statutory time limit' },
  statutoryUnit: { zh: '法定时限单位', en: 'Statutory limit unit' },
  promisedValue: { zh: '承诺办结时限', en: 'Promised time limit' },
  promisedUnit: { zh: '承诺时限单位', en: 'Promised limit unit' },
  immediate: { zh: '是否即办件', en: 'Decided on the spot' },
  timeNote: { zh: '时限说明', en: 'Note on time limits' },
  timeNoteEn: { zh: '时限说明（英文）', en: 'Note on time limits (English)' },
  instantReview: { zh: '是否即审即办', en: 'Instant review' },
  feeCharged: { zh: '是否收费', en: 'Fee charged' },
  feeItems: { zh: '收费项目', en: 'Fee items' },
  feeItemsEn: { zh: '收费项目（英文）', en: 'Fee items (English)' },
  feeBasisEn: { zh: '收费依据（英文）', en: 'Fee basis (English)' },
  feeWaiver: { zh: '减免说明', en: 'Fee waiver' },
  feeWaiverEn: { zh: '减免说明（英文）', en: 'Fee waiver (English)' },
  onlinePayment: { zh: '是否支持网上支付', en: 'Online payment' },
  channels: { zh: '办理形式', en: 'Channels' },
  onlineDepth: { zh: '网上办理深度', en: 'Online depth' },
  fullyOnline: { zh: '是否全程网办', en: 'Fully online' },
  visitsCount: { zh: '到办事现场次数', en: 'Number of visits' },
  visitsReason: { zh: '必须现场办理原因', en: 'Why a visit is needed' },
  visitsReasonEn: { zh: '必须现场办理原因（英文）', en: 'Why a visit is needed (English)' },
  booking: { zh: '是否支持预约办理', en: 'Booking' },
  courier: { zh: '物流快递', en: 'Courier' },
  enquiryPhone: { zh: '咨询电话', en: 'Enquiry phone' },
  complaintPhone: { zh: '监督投诉电话', en: 'Complaint phone' },
  review: { zh: '行政复议', en: 'Administrative review' },
  reviewEn: { zh: '行政复议（英文）', en: 'Administrative review (English)' },
  litigation: { zh: '行政诉讼', en: 'Administrative litigation' },
  litigationEn: { zh: '行政诉讼（英文）', en: 'Administrative litigation (English)' },
  resultType: { zh: '审批结果类型', en: 'Result type' },
  resultName: { zh: '审批结果名称', en: 'Result name' },
  resultNameEn: { zh: '审批结果名称（英文）', en: 'Result name (English)' },
  resultSample: { zh: '审批结果样本', en: 'Result sample' },
  keywords: { zh: '搜索关键词', en: 'Search keywords' },
  onlineForm: { zh: '在线申请表单', en: 'Online form' },
  nested: {
    zh: '情形与材料、办理流程、办理地点、常见问题（JSON）',
    en: 'Situations and materials, steps, places, FAQ (JSON)',
  },
};

export type ProblemKind = 'input' | 'schema' | 'rule';

export interface Problem {
  field: FormField;
  kind: ProblemKind;
  message: Label;
  /** The publication rule that failed, for rule problems. */
  rule?: PublicationRule;
  /** Where in the item, as a dotted path, e.g. `situations[0].materials[1].type`. */
  path?: string;
}

/**
 * The longest text each field takes, in characters, held at the edge by the editor's route schema. Generous
 * where the item schema or the publication rules say more precisely what fits (codes, phones), because their
 * words name the problem better than a length refusal; a checkbox group's entries are codes.
 */
export const fieldMaxLength: Record<FormField, number> = {
  nameZh: 200,
  nameEn: 200,
  summaryZh: 2000,
  summaryEn: 2000,
  codeBasic: 64,
  codeImplementation: 64,
  area: 32,
  itemType: 32,
  audience: 32,
  lifeEvents: 32,
  unitCode: 64,
  unitName: 200,
  unitNameEn: 200,
  unitLevel: 32,
  legalBasis: 2000,
  legalBasisEn: 2000,
  acceptanceConditions: 2000,
  acceptanceConditionsEn: 2000,
  statutoryValue: 8,
  statutoryUnit: 32,
  promisedValue: 8,
  promisedUnit: 32,
  immediate: 8,
  timeNote: 2000,
  timeNoteEn: 2000,
  instantReview: 8,
  feeCharged: 8,
  feeItems: 2000,
  feeItemsEn: 2000,
  feeBasisEn: 2000,
  feeWaiver: 2000,
  feeWaiverEn: 2000,
  onlinePayment: 8,
  channels: 32,
  onlineDepth: 32,
  fullyOnline: 8,
  visitsCount: 8,
  visitsReason: 2000,
  visitsReasonEn: 2000,
  booking: 8,
  courier: 32,
  enquiryPhone: 32,
  complaintPhone: 32,
  review: 2000,
  reviewEn: 2000,
  litigation: 2000,
  litigationEn: 2000,
  resultType: 32,
  resultName: 200,
  resultNameEn: 200,
  resultSample: 200,
  keywords: 500,
  onlineForm: 64,
  // A large guide's situations, steps, places and FAQ run to about 6,000 characters today; the whole item
  // must stay under the exchange's 200 KB, which the check reports in its own words.
  nested: 200_000,
};

/** The most entries a checkbox group may post; every group has fewer choices. */
export const MAX_LIST_ENTRIES = 50;
