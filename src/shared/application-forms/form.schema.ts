import Type, { type Static, type TSchema } from 'typebox';

// An application form as data (catalog/applications/<item-slug>.json), kept beside its catalogue item and
// reviewed like it. One topic a page, as in the GOV.UK question-page pattern. The schema says only what shape a
// definition has; what makes it coherent (conditions pointing backwards, uploads naming the item's materials…)
// is form.load.ts, which can say precisely what is wrong.

const Text = Type.String({ minLength: 1, maxLength: 1000 });
export const Bilingual = Type.Object({ zh: Text, en: Text }, { additionalProperties: false });
export type Bilingual = Static<typeof Bilingual>;

const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 64 });
// Field ids become input names (`purpose`, `seals[0].kind`, `home.division`), so no dots or brackets.
const FieldId = Type.String({ pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$', maxLength: 48 });
const OptionValue = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 48 });
const MaterialCode = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 48 });

/** Types the portal accepts for uploads; the exchange re-encodes exactly these. */
export const uploadTypes = ['pdf', 'jpeg', 'png'] as const;
export type UploadType = (typeof uploadTypes)[number];
export const uploadMediaTypes: Record<UploadType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
// A file crosses the exchange as at most 5 MiB of content (src/exchange/contracts/file.ts).
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** What the verified profile can fill in; form.load.ts says which field types each may fill. */
export const profileKeys = [
  'name',
  'idNumber',
  'sex',
  'birthDate',
  'mobile',
  'email',
  'address',
  'companyName',
  'companyCreditCode',
  'companyRole',
] as const;
export type ProfileKey = (typeof profileKeys)[number];
export type Profile = Partial<Record<ProfileKey, string>>;

/**
 * Shows a page or a field only when an earlier answer says so. Exactly one of `equals`, `oneOf`, `answered`
 * (form.load.ts checks that, with a message; a union here would only say "must match a schema in anyOf").
 * `equals` and `oneOf` compare choice answers: a multiple choice matches when any ticked value does.
 */
export const Condition = Type.Object(
  {
    field: FieldId,
    equals: Type.Optional(OptionValue),
    oneOf: Type.Optional(Type.Array(OptionValue, { minItems: 1, uniqueItems: true })),
    answered: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type Condition = Static<typeof Condition>;

// 'today', 'today+90d', 'today-18y', 'today-6m' or a fixed 'YYYY-MM-DD'.
export const DATE_BOUND = /^(?:today(?:[+-]\d{1,4}[dmy])?|\d{4}-\d{2}-\d{2})$/;
const DateBound = Type.String({ pattern: DATE_BOUND.source });

export const ChoiceOption = Type.Object(
  { value: OptionValue, label: Bilingual, hint: Type.Optional(Bilingual) },
  { additionalProperties: false },
);
export type ChoiceOption = Static<typeof ChoiceOption>;

const common = {
  id: FieldId,
  label: Bilingual,
  hint: Type.Optional(Bilingual),
  // GOV.UK: questions are required unless marked optional.
  optional: Type.Optional(Type.Boolean()),
  // The words shown when a required answer is missing, e.g. 请选择查询用途 / Select what the certificate is for.
  requiredError: Type.Optional(Bilingual),
  // An HTML autocomplete token (WCAG 1.3.5), e.g. "name", "tel", "organization".
  autocomplete: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9 -]*$', maxLength: 48 })),
};
// Conditions and prefill belong to questions of the form, not to the questions repeated inside a group.
const outer = {
  showIf: Type.Optional(Condition),
  // A plain string so that an unknown key gets form.load.ts's message rather than an enum's.
  prefill: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
};

function variants<Extra extends Record<string, TSchema>>(extra: Extra) {
  const make = <Props extends Record<string, TSchema>>(props: Props) =>
    Type.Object({ ...common, ...extra, ...props }, { additionalProperties: false });
  return {
    text: make({
      type: Type.Literal('text'),
      maxLength: Type.Integer({ minimum: 1, maximum: 2000 }),
      minLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
      multiline: Type.Optional(Type.Boolean()),
      pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      patternError: Type.Optional(Bilingual),
    }),
    idNumber: make({ type: Type.Literal('id-number') }),
    creditCode: make({ type: Type.Literal('credit-code') }),
    plate: make({ type: Type.Literal('plate') }),
    mobile: make({ type: Type.Literal('mobile') }),
    divisionAndAddress: make({
      type: Type.Literal('division-and-address'),
      maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    }),
    date: make({
      type: Type.Literal('date'),
      min: Type.Optional(DateBound),
      max: Type.Optional(DateBound),
    }),
    choice: make({
      type: Type.Literal('choice'),
      multiple: Type.Optional(Type.Boolean()),
      options: Type.Array(ChoiceOption, { minItems: 1, maxItems: 100 }),
    }),
  };
}

const inGroup = variants({});
const onPage = variants(outer);

/** A question repeated in each item of a group: no uploads, no groups inside groups. */
export const GroupMember = Type.Union([
  inGroup.text,
  inGroup.idNumber,
  inGroup.creditCode,
  inGroup.plate,
  inGroup.mobile,
  inGroup.divisionAndAddress,
  inGroup.date,
  inGroup.choice,
]);
export type GroupMember = Static<typeof GroupMember>;

const group = Type.Object(
  {
    ...common,
    ...outer,
    type: Type.Literal('group'),
    // Names one item in summaries and messages, with {n} for its number: 曾用名{n} / Former name {n}.
    itemLabel: Bilingual,
    minItems: Type.Integer({ minimum: 0, maximum: 50 }),
    maxItems: Type.Integer({ minimum: 1, maximum: 50 }),
    fields: Type.Array(GroupMember, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

const upload = Type.Object(
  {
    ...common,
    ...outer,
    type: Type.Literal('upload'),
    accept: Type.Array(Type.Enum(uploadTypes), { minItems: 1, uniqueItems: true }),
    maxBytes: Type.Integer({ minimum: 1, maximum: MAX_UPLOAD_BYTES }),
    maxFiles: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    // The catalogue material this upload satisfies (Material.code of the item).
    material: MaterialCode,
  },
  { additionalProperties: false },
);

/** Each field schema by its `type`, so that a wrong field is reported against its own schema only. */
export const fieldSchemas = {
  text: onPage.text,
  'id-number': onPage.idNumber,
  'credit-code': onPage.creditCode,
  plate: onPage.plate,
  mobile: onPage.mobile,
  'division-and-address': onPage.divisionAndAddress,
  date: onPage.date,
  choice: onPage.choice,
  group,
  upload,
} as const;
export const groupMemberSchemas: Partial<Record<FieldType, TSchema>> = {
  text: inGroup.text,
  'id-number': inGroup.idNumber,
  'credit-code': inGroup.creditCode,
  plate: inGroup.plate,
  mobile: inGroup.mobile,
  'division-and-address': inGroup.divisionAndAddress,
  date: inGroup.date,
  choice: inGroup.choice,
};
export type FieldType = keyof typeof fieldSchemas;
export const fieldTypes = Object.keys(fieldSchemas) as FieldType[];

export const FormField = Type.Union([
  onPage.text,
  onPage.idNumber,
  onPage.creditCode,
  onPage.plate,
  onPage.mobile,
  onPage.divisionAndAddress,
  onPage.date,
  onPage.choice,
  group,
  upload,
]);
export type FormField = Static<typeof FormField>;
export type GroupField = Extract<FormField, { type: 'group' }>;
export type UploadField = Extract<FormField, { type: 'upload' }>;
export type ChoiceField = Extract<FormField, { type: 'choice' }>;
/** Any question, on a page or inside a group. */
export type Question = FormField | GroupMember;

export const FormPage = Type.Object(
  {
    id: FieldId,
    title: Bilingual,
    intro: Type.Optional(Bilingual),
    showIf: Type.Optional(Condition),
    fields: Type.Array(FormField, { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type FormPage = Static<typeof FormPage>;

export const FormDefinition = Type.Object(
  {
    // The catalogue item's slug: one online form per item, versioned.
    id: Slug,
    version: Type.Integer({ minimum: 1 }),
    title: Bilingual,
    applicant: Type.Enum(['person', 'company']),
    pages: Type.Array(FormPage, { minItems: 1, maxItems: 40 }),
    // Materials the police look up themselves and never ask for (国务院令716号 Art. 7), shown on the start page.
    checkedByPolice: Type.Array(MaterialCode, { uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type FormDefinition = Static<typeof FormDefinition>;
