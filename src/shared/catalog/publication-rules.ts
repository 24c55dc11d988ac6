import type { Label } from './labels.ts';
import type { ServiceItem, TimeLimit } from './item.schema.ts';
import { missingEnglish } from './publication-english.ts';

// The checks a guide must pass before it may go live (reference/cn-egov-standards.md §1.5, after the
// Wenzhou 办事指南 audit). Every rule runs every time: an editor fixes a guide in one pass only if told
// about all of its problems at once (the same 一次性告知 the law asks of us towards citizens).

export interface PublicationProblem {
  /** Stable code, safe to match on in code, tests and translations. */
  rule: PublicationRule;
  /** Dotted path of the field to fix, e.g. `fees.items[0].basis`. */
  field: string;
  message: Label;
}

export const publicationRules = [
  'immediate-requires-instant-review',
  'instant-review-requires-immediate',
  'fully-online-requires-zero-visits',
  'fully-online-requires-online-channel',
  'fee-requires-items',
  'fee-item-requires-basis',
  'no-fee-no-items',
  'no-fee-no-online-payment',
  'visits-require-reason',
  'no-visit-offline-requires-mail',
  'enquiry-phone-required',
  'complaint-phone-required',
  'phones-must-differ',
  'phones-require-area-code',
  'licensing-requires-faq',
  'licensing-requires-standard-steps',
  'result-name-requires-sample',
  'result-type-matches-name',
  'promised-within-statutory',
  'material-code-one-name',
  'english-complete',
] as const;
export type PublicationRule = (typeof publicationRules)[number];

/** 申请 → 受理 → 审查 → 决定 → 送达: the stages 行政许可法 chapter IV gives every licence. */
export const standardSteps = ['申请', '受理', '审查', '决定', '送达'] as const;

// Area code, optional hyphen, local number. The demo city's numbers use the 0000 area code.
const PHONE_WITH_AREA_CODE = /^0\d{2,3}-?\d{7,8}$/;

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const digits = (s: string): string => s.replace(/\D/g, '');
const hasOnlineChannel = (item: ServiceItem): boolean =>
  item.channels.includes('online') || item.channels.includes('app');

/**
 * Calendar-day span of a limit, used only to compare limits given in different units. A run of working
 * days is counted as in an ordinary week (5 in 7); holidays only make it longer, so a mixed comparison is
 * an approximation and guides should state both limits in the same unit where they can.
 */
function calendarSpan(limit: TimeLimit): number {
  return limit.unit === 'calendar-days' ? limit.value : Math.ceil((limit.value * 7) / 5);
}

function formatLimit(limit: TimeLimit): Label {
  return limit.unit === 'working-days'
    ? { zh: `${limit.value}个工作日`, en: `${limit.value} working days` }
    : { zh: `${limit.value}个自然日`, en: `${limit.value} calendar days` };
}

/** Every publication problem of an item; an empty list means it may go live. */
export function checkPublication(item: ServiceItem): PublicationProblem[] {
  const problems: PublicationProblem[] = [];
  const fail = (rule: PublicationRule, field: string, zh: string, en: string): void => {
    problems.push({ rule, field, message: { zh, en } });
  };

  // 即办 ⇔ 即办件 + 即审即办; otherwise 承诺件 + 前审后批.
  if (item.timeLimits.immediate && !item.instantReview) {
    fail(
      'immediate-requires-instant-review',
      'instantReview',
      '即办件的审查类型必须为“即审即办”。',
      'An item decided on the spot must use instant review.',
    );
  }
  if (item.instantReview && !item.timeLimits.immediate) {
    fail(
      'instant-review-requires-immediate',
      'timeLimits.immediate',
      '审查类型为“即审即办”的事项必须为即办件。',
      'An item with instant review must be decided on the spot.',
    );
  }

  if (item.onlineDepth.fullyOnline && item.visits.count > 0) {
    fail(
      'fully-online-requires-zero-visits',
      'visits.count',
      `全程网办事项到现场次数必须为0，当前为${item.visits.count}次。`,
      `A fully online item must need no visit; it now needs ${item.visits.count}.`,
    );
  }
  if (item.onlineDepth.fullyOnline && !hasOnlineChannel(item)) {
    fail(
      'fully-online-requires-online-channel',
      'channels',
      '全程网办事项的办理形式必须包含网上办理或移动端办理。',
      'A fully online item must offer the online or mobile channel.',
    );
  }

  const { fees } = item;
  if (fees.charged && fees.items.length === 0) {
    fail(
      'fee-requires-items',
      'fees.items',
      '收费事项必须列明收费项目及标准。',
      'A charged item must list its fee items and amounts.',
    );
  }
  if (fees.charged) {
    fees.items.forEach((fee, i) => {
      if (blank(fee.basis)) {
        fail(
          'fee-item-requires-basis',
          `fees.items[${i}].basis`,
          `收费项目“${fee.name}”缺少收费依据。`,
          `Fee item "${fee.name}" needs its legal basis.`,
        );
      }
    });
  }
  if (!fees.charged && fees.items.length > 0) {
    fail(
      'no-fee-no-items',
      'fees.charged',
      '不收费事项不应列有收费项目；如需收费，请标记为收费。',
      'A free item must not list fee items; mark it as charged if it is not free.',
    );
  }
  if (!fees.charged && item.onlinePayment) {
    fail(
      'no-fee-no-online-payment',
      'onlinePayment',
      '不收费事项不能开通网上支付。',
      'A free item cannot offer online payment.',
    );
  }

  if (item.visits.count > 0 && blank(item.visits.reason)) {
    fail(
      'visits-require-reason',
      'visits.reason',
      '到现场次数大于0的，必须说明必须现场办理的原因。',
      'An item that needs a visit must say why the visit is needed.',
    );
  }
  if (item.visits.count === 0 && !hasOnlineChannel(item) && !item.channels.includes('mail')) {
    fail(
      'no-visit-offline-requires-mail',
      'channels',
      '到现场次数为0且不能网上办理的，办理形式必须包含邮寄申请。',
      'An item with no visit and no online channel must accept applications by post.',
    );
  }

  const enquiry = item.enquiryPhone.trim();
  const complaint = item.complaintPhone.trim();
  if (enquiry === '') {
    fail('enquiry-phone-required', 'enquiryPhone', '缺少咨询电话。', 'The enquiry phone is missing.');
  }
  if (complaint === '') {
    fail(
      'complaint-phone-required',
      'complaintPhone',
      '缺少监督投诉电话。',
      'The complaint phone is missing.',
    );
  }
  if (enquiry !== '' && complaint !== '' && digits(enquiry) === digits(complaint)) {
    fail(
      'phones-must-differ',
      'complaintPhone',
      '监督投诉电话不能与咨询电话相同。',
      'The complaint phone must differ from the enquiry phone.',
    );
  }
  for (const [field, phone] of [
    ['enquiryPhone', enquiry],
    ['complaintPhone', complaint],
  ] as const) {
    if (phone !== '' && !PHONE_WITH_AREA_CODE.test(phone)) {
      fail(
        'phones-require-area-code',
        field,
        `电话“${phone}”须带区号，例如 0000-12345678。`,
        `Phone "${phone}" must include the area code, e.g. 0000-12345678.`,
      );
    }
  }

  if (item.itemType === 'licensing') {
    if (item.faq.length === 0) {
      fail(
        'licensing-requires-faq',
        'faq',
        '行政许可事项至少需要一条常见问题解答。',
        'A licensing item needs at least one FAQ entry.',
      );
    }
    const missing = missingStandardSteps(item.steps.map((s) => s.name));
    if (missing.length > 0) {
      fail(
        'licensing-requires-standard-steps',
        'steps',
        `行政许可事项须按顺序包含“${standardSteps.join('、')}”环节，缺少或顺序有误：${missing.join('、')}。`,
        `A licensing item needs the steps ${standardSteps.join(', ')} in this order; missing or out of order: ${missing.join(', ')}.`,
      );
    }
  }

  if (!blank(item.result.name) && blank(item.result.sample)) {
    fail(
      'result-name-requires-sample',
      'result.sample',
      `审批结果“${item.result.name}”须提供结果样本。`,
      `The result "${item.result.name}" needs a sample.`,
    );
  }
  const expectedType = resultTypeImpliedByName(item.result.name);
  if (expectedType && !expectedType.types.includes(item.result.type)) {
    fail(
      'result-type-matches-name',
      'result.type',
      `结果名称“${item.result.name}”${expectedType.zh}，结果类型不符。`,
      `The result "${item.result.name}" ${expectedType.en}; its result type does not match.`,
    );
  }

  const { statutory, promised } = item.timeLimits;
  const within =
    statutory.unit === promised.unit
      ? promised.value <= statutory.value
      : calendarSpan(promised) <= calendarSpan(statutory);
  if (!within) {
    const p = formatLimit(promised);
    const s = formatLimit(statutory);
    fail(
      'promised-within-statutory',
      'timeLimits.promised',
      `承诺时限（${p.zh}）不得超过法定时限（${s.zh}）。`,
      `The promised limit (${p.en}) must not exceed the statutory limit (${s.en}).`,
    );
  }

  // An online form's upload names a material by code; one code naming two materials would let it satisfy either.
  const namesByCode = new Map<string, string>();
  item.situations.forEach((situation, s) =>
    situation.materials.forEach((material, m) => {
      if (material.code === undefined) return;
      const name = namesByCode.get(material.code);
      if (name === undefined) namesByCode.set(material.code, material.name);
      else if (name !== material.name) {
        fail(
          'material-code-one-name',
          `situations[${s}].materials[${m}].code`,
          `材料代码“${material.code}”已用于“${name}”，不能再用于“${material.name}”。`,
          `The material code "${material.code}" already names "${name}"; it cannot also name "${material.name}".`,
        );
      }
    }),
  );

  // The portal's English page shows the guide in English; one Chinese line left in it fails its reader.
  for (const path of missingEnglish(item)) {
    fail('english-complete', path, `缺少英文内容：${path}。`, `The English text is missing: ${path}.`);
  }

  return problems;
}

/** Standard step names absent from `names`, or present only out of order. */
function missingStandardSteps(names: readonly string[]): string[] {
  const missing: string[] = [];
  let from = 0;
  for (const step of standardSteps) {
    const at = names.indexOf(step, from);
    if (at < 0) missing.push(step);
    else from = at + 1;
  }
  return missing;
}

// The Wenzhou audit infers 出证 / 出文 from the result's name; a "…证" is a certificate or licence and a
// "…批复 / …批文" an approval document. Names that fit neither pattern are left to the editor.
function resultTypeImpliedByName(
  name: string | undefined,
): { types: readonly ServiceItem['result']['type'][]; zh: string; en: string } | undefined {
  const n = name?.trim();
  if (!n) return undefined;
  if (n.endsWith('证')) {
    return { types: ['certificate', 'licence'], zh: '为证件', en: 'is a certificate or licence' };
  }
  if (n.endsWith('批复') || n.endsWith('批文')) {
    return { types: ['approval-document'], zh: '为批准文书', en: 'is an approval document' };
  }
  return undefined;
}
