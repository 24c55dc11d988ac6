import Type, { type Static } from 'typebox';

// Shapes the case contracts share. Answers cross as data of the form version the application was made with;
// the workbench keeps that version beside the case, so these shapes stay generic and bounded rather than
// describing any one form.

/** Case number: the deciding unit's code, the Beijing date and a per-unit daily sequence, e.g. SF-ZA-20261206-000123. */
export const CaseNumber = Type.String({
  pattern: '^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]{8}-[0-9]{6}$',
  maxLength: 48,
});
export const ItemSlug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 64 });
const FieldKey = Type.String({ pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$', maxLength: 48 });
const Short = Type.String({ maxLength: 2000 });

export const DivisionAddressAnswer = Type.Object(
  { division: Type.String({ pattern: '^[0-9]{6}$' }), address: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
/** An uploaded file by reference: its bytes cross on their own as attachment.submitted with the same id. */
export const UploadedFileAnswer = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    mediaType: Type.String({ minLength: 3, maxLength: 100 }),
    size: Type.Integer({ minimum: 1, maximum: 5 * 1024 * 1024 }),
  },
  { additionalProperties: false },
);
const SimpleAnswer = Type.Union([
  Short,
  Type.Array(Type.String({ maxLength: 48 }), { maxItems: 100 }),
  DivisionAddressAnswer,
]);
// Closed records: a key that is no field id is refused rather than dropped (see isClosed in envelope.ts).
const GroupItem = Type.Record(FieldKey, SimpleAnswer, { maxProperties: 20, additionalProperties: false });
export const AnswerValue = Type.Union([
  SimpleAnswer,
  Type.Array(GroupItem, { maxItems: 50 }),
  Type.Array(UploadedFileAnswer, { maxItems: 10 }),
]);
export const CaseAnswers = Type.Record(FieldKey, AnswerValue, {
  maxProperties: 400,
  additionalProperties: false,
});
export type CaseAnswers = Static<typeof CaseAnswers>;

/** Who applies: always a verified person; for a company, the company and the person's standing in it. */
export const Applicant = Type.Object(
  {
    citizenRef: Type.String({ format: 'uuid' }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    idNumber: Type.String({ pattern: '^[0-9]{17}[0-9X]$' }),
    mobile: Type.String({ pattern: '^1[3-9][0-9]{9}$' }),
    company: Type.Optional(
      Type.Object(
        {
          companyRef: Type.String({ format: 'uuid' }),
          creditCode: Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$' }),
          name: Type.String({ minLength: 1, maxLength: 100 }),
          role: Type.Union([Type.Literal('representative'), Type.Literal('agent')]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Applicant = Static<typeof Applicant>;

/**
 * What the applicant sees of a case's progress: the workbench maps its workflows' own states onto these, so
 * the portal never learns the internal process, and a changed workflow never changes what the portal shows.
 */
export const publicCaseStatuses = [
  'submitted', // 已提交, waiting for acceptance
  'missing-materials', // 补正材料 (一次性告知)
  'accepted', // 已受理
  'not-accepted', // 不予受理 (final)
  'under-review', // 审核中
  'approved', // 准予 / 审核通过 (先批后办: come once to collect)
  'refused', // 不予许可 (final)
  'result-issued', // 已出证 / 已发放
  'completed', // 办结 (final)
  'withdrawn', // 已撤回 (final)
] as const;
export type PublicCaseStatus = (typeof publicCaseStatuses)[number];
export const PublicCaseStatusSchema = Type.Enum(publicCaseStatuses);

export const Bilingual = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 2000 }), en: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
