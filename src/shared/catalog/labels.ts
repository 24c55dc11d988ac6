import type {
  Area,
  Audience,
  Channel,
  ItemType,
  LifeEvent,
  MaterialForm,
  MaterialSource,
  MaterialType,
  Necessity,
  OnlineDepthLevel,
  ResultType,
  TimeUnit,
  UnitLevel,
} from './codes.ts';

// Records keyed by the code unions, so adding a code without its label fails the typecheck.

export interface Label {
  zh: string;
  en: string;
}

export const areaLabel: Record<Area, Label> = {
  'exit-entry': { zh: '出入境', en: 'Exit and entry' },
  household: { zh: '户政', en: 'Household registration' },
  'public-order': { zh: '治安', en: 'Public order' },
  traffic: { zh: '交管', en: 'Traffic' },
  narcotics: { zh: '禁毒', en: 'Narcotics control' },
  detention: { zh: '监管', en: 'Detention and supervision' },
  cyber: { zh: '网安', en: 'Cyber security' },
  fire: { zh: '消防', en: 'Fire safety' },
};

export const itemTypeLabel: Record<ItemType, Label> = {
  licensing: { zh: '行政许可', en: 'Administrative licensing' },
  penalty: { zh: '行政处罚', en: 'Administrative penalty' },
  coercion: { zh: '行政强制', en: 'Administrative coercion' },
  levy: { zh: '行政征收', en: 'Administrative levy' },
  benefit: { zh: '行政给付', en: 'Administrative benefit' },
  inspection: { zh: '行政检查', en: 'Administrative inspection' },
  confirmation: { zh: '行政确认', en: 'Administrative confirmation' },
  reward: { zh: '行政奖励', en: 'Administrative reward' },
  adjudication: { zh: '行政裁决', en: 'Administrative adjudication' },
  'other-power': { zh: '其他行政权力', en: 'Other administrative power' },
  'public-service': { zh: '公共服务', en: 'Public service' },
};

export const audienceLabel: Record<Audience, Label> = {
  person: { zh: '自然人', en: 'Individuals' },
  company: { zh: '法人', en: 'Organisations' },
  both: { zh: '自然人、法人', en: 'Individuals and organisations' },
};

export const lifeEventLabel: Record<LifeEvent, Label> = {
  baby: { zh: '生育收养', en: 'Having a baby' },
  moving: { zh: '迁居落户', en: 'Moving home' },
  abroad: { zh: '出境旅行', en: 'Travelling abroad' },
  driving: { zh: '驾车出行', en: 'Driving' },
  business: { zh: '开办经营', en: 'Running a business' },
  'id-documents': { zh: '证件办理', en: 'Identity documents' },
  safety: { zh: '平安守护', en: 'Safety and security' },
};

export const unitLevelLabel: Record<UnitLevel, Label> = {
  province: { zh: '省级', en: 'Provincial' },
  city: { zh: '市级', en: 'City' },
  district: { zh: '县级', en: 'District' },
  station: { zh: '派出所', en: 'Police station' },
};

export const materialTypeLabel: Record<MaterialType, Label> = {
  original: { zh: '原件', en: 'Original' },
  copy: { zh: '复印件', en: 'Copy' },
  'original-and-copy': { zh: '原件和复印件', en: 'Original and copy' },
  'original-or-copy': { zh: '原件或复印件', en: 'Original or copy' },
};

export const materialFormLabel: Record<MaterialForm, Label> = {
  paper: { zh: '纸质', en: 'Paper' },
  electronic: { zh: '电子', en: 'Electronic' },
  'paper-or-electronic': { zh: '纸质或电子', en: 'Paper or electronic' },
};

export const necessityLabel: Record<Necessity, Label> = {
  required: { zh: '必要', en: 'Required' },
  optional: { zh: '非必要', en: 'Optional' },
  deferrable: { zh: '容缺后补', en: 'May be supplied later' },
};

export const materialSourceLabel: Record<MaterialSource, Label> = {
  applicant: { zh: '申请人自备', en: 'Supplied by the applicant' },
  government: { zh: '政府部门核发', en: 'Issued by a government department' },
  'e-licence': { zh: '调取电子证照', en: 'Taken from the e-licence store' },
  'online-form': { zh: '在线填报', en: 'Filled in online' },
  other: { zh: '其他', en: 'Other' },
};

export const timeUnitLabel: Record<TimeUnit, Label> = {
  'working-days': { zh: '个工作日', en: 'working days' },
  'calendar-days': { zh: '个自然日', en: 'calendar days' },
};

export const channelLabel: Record<Channel, Label> = {
  online: { zh: '网上办理', en: 'Online' },
  window: { zh: '窗口办理', en: 'At a service window' },
  app: { zh: '移动端办理', en: 'Mobile app' },
  mail: { zh: '邮寄申请', en: 'By post' },
};

export const onlineDepthLabel: Record<OnlineDepthLevel, Label & { national: string }> = {
  'online-enquiry': { national: '1', zh: '互联网咨询', en: 'Online enquiry' },
  'online-submission': { national: '2', zh: '互联网收件', en: 'Online submission' },
  'online-pre-review': { national: '3', zh: '互联网预审', en: 'Online pre-review' },
  'online-acceptance': { national: '4', zh: '互联网受理', en: 'Online acceptance' },
  'online-processing': { national: '5', zh: '互联网办理', en: 'Online processing' },
  'online-result-feedback': { national: '6', zh: '互联网办理结果信息反馈', en: 'Result notified online' },
  'online-e-licence': { national: '7', zh: '互联网电子证照反馈', en: 'E-licence delivered online' },
  other: { national: '8', zh: '其他', en: 'Other' },
};

export const resultTypeLabel: Record<ResultType, Label> = {
  certificate: { zh: '证件证明', en: 'Certificate' },
  licence: { zh: '许可证', en: 'Licence' },
  'approval-document': { zh: '批准文书', en: 'Decision document' },
  'filing-receipt': { zh: '备案回执', en: 'Filing receipt' },
  other: { zh: '其他', en: 'Other' },
};

/** 即办件 / 承诺件, derived from `timeLimits.immediate`. */
export const caseKindLabel: Record<'immediate' | 'promised', Label> = {
  immediate: { zh: '即办件', en: 'Decided on the spot' },
  promised: { zh: '承诺件', en: 'Decided within a promised time' },
};
