// The code lists of the service catalogue. Codes are stable English identifiers stored in data files and
// databases; the wording people see lives in labels.ts so that renaming a label never migrates data.
// Order matters where a list is shown to people (areas, steps, depth levels), so each list is written in
// display order.

/** The eight police business areas of an online bureau, in the order portals show them. */
export const areaCodes = [
  'exit-entry', // 出入境
  'household', // 户政
  'public-order', // 治安
  'traffic', // 交管
  'narcotics', // 禁毒
  'detention', // 监管
  'cyber', // 网安
  'fire', // 消防
] as const;
export type Area = (typeof areaCodes)[number];

/** 事项类型: the ten kinds of administrative power plus public service (国务院令716号 Art. 4). */
export const itemTypeCodes = [
  'licensing', // 行政许可
  'penalty', // 行政处罚
  'coercion', // 行政强制
  'levy', // 行政征收
  'benefit', // 行政给付
  'inspection', // 行政检查
  'confirmation', // 行政确认
  'reward', // 行政奖励
  'adjudication', // 行政裁决
  'other-power', // 其他行政权力
  'public-service', // 公共服务
] as const;
export type ItemType = (typeof itemTypeCodes)[number];

export const audienceCodes = ['person', 'company', 'both'] as const;
export type Audience = (typeof audienceCodes)[number];

export const lifeEventCodes = [
  'baby',
  'moving',
  'abroad',
  'driving',
  'business',
  'id-documents',
  'safety',
] as const;
export type LifeEvent = (typeof lifeEventCodes)[number];

/** 行使层级, narrowed to the levels a city bureau's catalogue can name. */
export const unitLevelCodes = ['province', 'city', 'district', 'station'] as const;
export type UnitLevel = (typeof unitLevelCodes)[number];

/** 材料类型: 原件 / 复印件 / 原件和复印件 / 原件或复印件. */
export const materialTypeCodes = ['original', 'copy', 'original-and-copy', 'original-or-copy'] as const;
export type MaterialType = (typeof materialTypeCodes)[number];

/** 材料形式: 纸质 / 电子 / 纸质或电子均可. */
export const materialFormCodes = ['paper', 'electronic', 'paper-or-electronic'] as const;
export type MaterialForm = (typeof materialFormCodes)[number];

/** 材料必要性: 必要 / 非必要 / 容缺后补. */
export const necessityCodes = ['required', 'optional', 'deferrable'] as const;
export type Necessity = (typeof necessityCodes)[number];

/** 来源渠道, including the newer 调取电子证照库 and 在线填报. */
export const materialSourceCodes = ['applicant', 'government', 'e-licence', 'online-form', 'other'] as const;
export type MaterialSource = (typeof materialSourceCodes)[number];

export const timeUnitCodes = ['working-days', 'calendar-days'] as const;
export type TimeUnit = (typeof timeUnitCodes)[number];

/** 办理形式. */
export const channelCodes = ['online', 'window', 'app', 'mail'] as const;
export type Channel = (typeof channelCodes)[number];

/** 网上办理深度, in the order of the national codes 1–8 (see labels.ts for the numbers). */
export const onlineDepthCodes = [
  'online-enquiry',
  'online-submission',
  'online-pre-review',
  'online-acceptance',
  'online-processing',
  'online-result-feedback',
  'online-e-licence',
  'other',
] as const;
export type OnlineDepthLevel = (typeof onlineDepthCodes)[number];

/** 审批结果类型, split finer than 出证 / 出文 / 审批办结 because citizens ask for them differently. */
export const resultTypeCodes = [
  'certificate',
  'licence',
  'approval-document',
  'filing-receipt',
  'other',
] as const;
export type ResultType = (typeof resultTypeCodes)[number];
