import type { Lang } from '../../shared/i18n/index.ts';
import { chineseDate } from './chinese-date.ts';
import { englishContent } from './content.en.ts';
import type {
  CaseDocumentBase,
  CaseDocumentInput,
  CertificateInput,
  ReviewAndLitigation,
} from './document.types.ts';

/** A piece of a document's body, laid out by the renderer. */
export type Block =
  | { type: 'paragraph'; text: string; indent?: boolean }
  | { type: 'list'; items: readonly string[] }
  | {
      type: 'table';
      head: readonly string[];
      rows: readonly (readonly string[])[];
      widths: readonly number[];
    }
  | { type: 'fields'; rows: readonly (readonly [string, string])[] };

/** A document's words and their order, independent of the layout. */
export interface DocumentContent {
  title: string;
  addressee?: string;
  body: Block[];
  /** Small print under the verification code. */
  notes: string[];
}

export const documentTitles: Record<CaseDocumentInput['kind'], string> = {
  'acceptance-notice': '受理通知书',
  'supplement-notice': '补正材料告知书',
  'non-acceptance-decision': '不予受理决定书',
  'approval-decision': '准予行政许可决定书',
  'refusal-decision': '不予行政许可决定书',
  'pre-approval-notice': '预审通过通知书',
  certificate: '无犯罪记录证明',
};

// When the item gives no texts of its own: 行政复议法 Art. 20 (60 days) and 行政诉讼法 Art. 46 (6 months).
export const defaultReviewAndLitigation: ReviewAndLitigation = {
  review: '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议；',
  litigation: '也可以自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。',
};

const p = (text: string): Block => ({ type: 'paragraph', text, indent: true });
const plain = (text: string): Block => ({ type: 'paragraph', text });

function addressee(input: CaseDocumentBase): string {
  const { name, companyName } = input.addressee;
  return companyName ? `${companyName}（经办人：${name}）：` : `${name}：`;
}

// "你" for a person, "你单位" for a company, as police instruments address them.
function you(input: CaseDocumentBase): string {
  return input.addressee.companyName ? '你单位' : '你';
}

function applied(input: CaseDocumentBase & { submittedAt: Date }, what = '申请'): string {
  return `${you(input)}于${chineseDate(input.submittedAt)}提交的“${input.itemName}”${what}（办件编号：${input.caseNumber}）`;
}

function rights(given: ReviewAndLitigation | undefined): Block {
  const texts = given ?? defaultReviewAndLitigation;
  return p(`${texts.review}${texts.litigation}`);
}

const basis = (list: readonly string[]) => list.join('、');

/** A document's words in Chinese, or in English for the kinds that have an English version (`content.en.ts`). */
export function documentContent(input: CaseDocumentInput, lang: Lang = 'zh'): DocumentContent {
  if (lang === 'en') return englishContent(input);
  const title = documentTitles[input.kind];
  const base = { title, addressee: addressee(input), notes: [] as string[] };
  switch (input.kind) {
    case 'acceptance-notice':
      return {
        ...base,
        body: [
          p(`${applied(input)}，经审查，申请材料齐全、符合法定形式，本机关决定予以受理。`),
          p(
            `本机关将自受理之日起${input.timeLimit.value}${input.timeLimit.unit === 'working-days' ? '个工作日' : '日'}内（${chineseDate(input.dueDate)}前）作出处理决定。办理进度和结果可在网上公安局“我的办件”中查询，本通知书可作为受理回执。`,
          ),
          p('特此通知。'),
        ],
      };
    case 'supplement-notice':
      return {
        ...base,
        body: [
          p(
            `${applied(input)}，经审查，申请材料不齐全或者不符合法定形式。现将需要补正的全部材料一次性告知如下：`,
          ),
          {
            type: 'table',
            head: ['序号', '材料名称', '存在问题'],
            rows: input.missing.map((m, i) => [String(i + 1), m.material, m.problem]),
            widths: [0.1, 0.35, 0.55],
          },
          p(
            input.supplementBy
              ? `请于${chineseDate(input.supplementBy)}前通过网上公安局“我的办件”一次补正上述全部材料。补正期间不计入办理时限；补正材料齐全、符合法定形式的，本机关将予以受理。`
              : '请通过网上公安局“我的办件”一次补正上述全部材料。补正期间不计入办理时限；补正材料齐全、符合法定形式的，本机关将予以受理。',
          ),
          p('特此告知。'),
        ],
      };
    case 'non-acceptance-decision':
      return {
        ...base,
        body: [
          p(`${applied(input)}，经审查，存在以下情形：`),
          { type: 'list', items: input.reasons },
          p(`根据${basis(input.legalBasis)}的规定，本机关决定不予受理。`),
          rights(input.reviewAndLitigation),
        ],
      };
    case 'approval-decision':
      return {
        ...base,
        body: [
          p(`${applied(input)}，经审查：`),
          { type: 'list', items: input.reasons },
          p(`根据${basis(input.legalBasis)}的规定，本机关决定准予许可：`),
          { type: 'list', items: input.permitted },
          ...(input.validUntil ? [p(`许可有效期至${chineseDate(input.validUntil)}。`)] : []),
          ...(input.collection ? [p(input.collection)] : []),
          rights(input.reviewAndLitigation),
        ],
      };
    case 'refusal-decision':
      return {
        ...base,
        body: [
          p(`${applied(input)}，经审查，存在以下情形，不符合法定条件、标准：`),
          { type: 'list', items: input.reasons },
          p(`根据${basis(input.legalBasis)}的规定，本机关决定不予许可。`),
          rights(input.reviewAndLitigation),
        ],
      };
    case 'pre-approval-notice': {
      const { visit } = input;
      return {
        ...base,
        body: [
          p(
            `${applied(input, '网上预审申请')}已审核通过。请携带下列材料原件到以下地点办理，材料核验无误即可当场办结，只需跑一次：`,
          ),
          {
            type: 'fields',
            rows: [
              ['办理地点', visit.place],
              ['地址', visit.address],
              ...(visit.hours ? ([['办理时间', visit.hours]] as const) : []),
              ...(visit.by ? ([['办理期限', `${chineseDate(visit.by)}前`]] as const) : []),
            ],
          },
          plain('请携带：'),
          { type: 'list', items: input.bring },
          ...(visit.by ? [p('逾期未办理的，本次预审结果失效，需重新申请。')] : []),
          p('特此通知。'),
        ],
      };
    }
    case 'certificate':
      return certificateContent(input);
  }
}

function certificateContent(input: CertificateInput): DocumentContent {
  const { holder } = input;
  const idType = holder.idType ?? '居民身份证';
  const idLabel = idType === '居民身份证' ? '公民身份号码' : `${idType}号码`;
  return {
    title: documentTitles.certificate,
    body: [
      {
        type: 'fields',
        rows: [
          ['姓名', holder.name],
          ...(holder.sex ? ([['性别', holder.sex]] as const) : []),
          ['证件类型', idType],
          ['证件号码', holder.idNumber],
          ...(input.purpose ? ([['用途', input.purpose]] as const) : []),
        ],
      },
      p(
        `经查询公安机关犯罪记录，截至${chineseDate(input.checkedUntil)}，未发现${holder.name}（${idLabel}：${holder.idNumber}）有犯罪记录。`,
      ),
      p('特此证明。'),
      p(`本证明有效期至${chineseDate(input.validUntil)}。`),
    ],
    notes: [
      `本证明依据${input.basis}出具，仅反映截至查询日期的结果。`,
      '电子证明与纸质证明具有同等效力，使用单位可扫描二维码或访问核验地址核验真伪及是否在有效期内。',
    ],
  };
}
