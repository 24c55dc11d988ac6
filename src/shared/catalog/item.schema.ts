import Type, { type Static } from 'typebox';
import {
  areaCodes,
  audienceCodes,
  channelCodes,
  itemTypeCodes,
  lifeEventCodes,
  materialFormCodes,
  materialSourceCodes,
  materialTypeCodes,
  necessityCodes,
  onlineDepthCodes,
  resultTypeCodes,
  timeUnitCodes,
  unitLevelCodes,
} from './codes.ts';

// The 办事指南 (service guide) of one 实施清单 item, following the national field list (GB/T 39554.1,
// the national exchange tables) as summarised in reference/cn-egov-standards.md §1.3–1.5.
// The schema only says what shape a field has; whether an item may go live is publication-rules.ts,
// because a draft in the workbench must be storable while it still breaks those rules.

const Text = Type.String({ minLength: 1 });
const Localized = Type.Object({ zh: Text, en: Text }, { additionalProperties: false });
// English beside the Chinese: each Chinese text a guide shows has an optional `…En` sibling in the same object
// (`name` and `nameEn`), so moving or removing an entry carries its English along, and the Chinese fields, which
// search, the online forms and the editor read, keep their shape. Optional because a draft may lack it; the
// publication rule `english-complete` refuses a guide whose English is missing.
const En = Type.Optional(Text);
const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 64 });

export const ItemCode = Type.Object(
  {
    // Codes are opaque: provinces use different layouts, so nothing may parse them.
    basic: Type.String({ minLength: 1, maxLength: 12 }),
    implementation: Type.String({ minLength: 1, maxLength: 36 }),
  },
  { additionalProperties: false },
);

// A law's official English name where it has one (else a faithful translation), and its articles in English.
export const LegalBasis = Type.Object(
  { title: Text, titleEn: En, article: Type.Optional(Text), articleEn: En },
  { additionalProperties: false },
);
export type LegalBasis = Static<typeof LegalBasis>;

export const ImplementingUnit = Type.Object(
  {
    // Refers to the organisation tree; the name is kept as published so a guide reads on its own.
    unitCode: Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*$' }),
    name: Text,
    nameEn: En,
    level: Type.Enum(unitLevelCodes),
  },
  { additionalProperties: false },
);
export type ImplementingUnit = Static<typeof ImplementingUnit>;

export const Material = Type.Object(
  {
    // Names the material for the item's online form (an upload says which material it satisfies). The same
    // material listed under several situations keeps one code.
    code: Type.Optional(Slug),
    name: Text,
    nameEn: En,
    type: Type.Enum(materialTypeCodes),
    form: Type.Enum(materialFormCodes),
    // Paper copies; 0 when the material is electronic only or fetched by the police.
    copies: Type.Integer({ minimum: 0, maximum: 20 }),
    necessity: Type.Enum(necessityCodes),
    source: Type.Enum(materialSourceCodes),
    blankForm: Type.Optional(Text),
    sample: Type.Optional(Text),
    // 国务院令716号 Art. 7: what the police can look up themselves is not asked of the citizen again.
    policeCanFetch: Type.Boolean(),
    note: Type.Optional(Text),
    noteEn: En,
  },
  { additionalProperties: false },
);
export type Material = Static<typeof Material>;

export const Situation = Type.Object(
  {
    id: Slug,
    name: Text,
    nameEn: En,
    materials: Type.Array(Material, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type Situation = Static<typeof Situation>;

export const Step = Type.Object(
  { name: Text, nameEn: En, description: Text, descriptionEn: En },
  { additionalProperties: false },
);
export type Step = Static<typeof Step>;

export const TimeLimit = Type.Object(
  {
    // 0 means the same day (当场办结).
    value: Type.Integer({ minimum: 0, maximum: 365 }),
    unit: Type.Enum(timeUnitCodes),
  },
  { additionalProperties: false },
);
export type TimeLimit = Static<typeof TimeLimit>;

export const TimeLimits = Type.Object(
  {
    statutory: TimeLimit,
    promised: TimeLimit,
    // 即办件 as opposed to 承诺件.
    immediate: Type.Boolean(),
    note: Type.Optional(Text),
    noteEn: En,
  },
  { additionalProperties: false },
);
export type TimeLimits = Static<typeof TimeLimits>;

export const FeeItem = Type.Object(
  {
    name: Text,
    nameEn: En,
    // Money is integer fen everywhere so that sums and refunds never meet floating point.
    amountFen: Type.Integer({ minimum: 0 }),
    basis: Type.String(),
    basisEn: En,
    note: Type.Optional(Text),
    noteEn: En,
  },
  { additionalProperties: false },
);
export type FeeItem = Static<typeof FeeItem>;

export const Fees = Type.Object(
  {
    charged: Type.Boolean(),
    items: Type.Array(FeeItem),
    waiver: Type.Optional(Text),
    waiverEn: En,
  },
  { additionalProperties: false },
);
export type Fees = Static<typeof Fees>;

export const OnlineDepth = Type.Object(
  {
    levels: Type.Array(Type.Enum(onlineDepthCodes), { uniqueItems: true }),
    // 全程网办 (Zhejiang level IV): applied for, decided and delivered without a visit.
    fullyOnline: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type OnlineDepth = Static<typeof OnlineDepth>;

export const Visits = Type.Object(
  {
    count: Type.Integer({ minimum: 0, maximum: 10 }),
    reason: Type.Optional(Type.String()),
    reasonEn: En,
  },
  { additionalProperties: false },
);
export type Visits = Static<typeof Visits>;

export const Place = Type.Object(
  { name: Text, nameEn: En, address: Text, addressEn: En, hours: Text, hoursEn: En, phone: Text },
  { additionalProperties: false },
);
export type Place = Static<typeof Place>;

export const Result = Type.Object(
  {
    type: Type.Enum(resultTypeCodes),
    name: Type.Optional(Text),
    nameEn: En,
    sample: Type.Optional(Text),
  },
  { additionalProperties: false },
);
export type Result = Static<typeof Result>;

export const Faq = Type.Object({ q: Text, qEn: En, a: Text, aEn: En }, { additionalProperties: false });
export type Faq = Static<typeof Faq>;

export const ServiceItem = Type.Object(
  {
    id: Slug,
    version: Type.Integer({ minimum: 1 }),
    code: ItemCode,
    name: Localized,
    summary: Localized,
    area: Type.Enum(areaCodes),
    audience: Type.Enum(audienceCodes),
    lifeEvents: Type.Array(Type.Enum(lifeEventCodes), { uniqueItems: true }),
    itemType: Type.Enum(itemTypeCodes),
    legalBasis: Type.Array(LegalBasis, { minItems: 1 }),
    implementingUnit: ImplementingUnit,
    acceptanceConditions: Type.Array(Text, { minItems: 1 }),
    // One English line per Chinese condition, in the same order.
    acceptanceConditionsEn: Type.Optional(Type.Array(Text)),
    situations: Type.Array(Situation, { minItems: 1 }),
    steps: Type.Array(Step, { minItems: 1 }),
    timeLimits: TimeLimits,
    fees: Fees,
    onlinePayment: Type.Boolean(),
    channels: Type.Array(Type.Enum(channelCodes), { minItems: 1, uniqueItems: true }),
    onlineDepth: OnlineDepth,
    visits: Visits,
    // 即审即办 as opposed to 前审后批.
    instantReview: Type.Boolean(),
    booking: Type.Boolean(),
    courier: Type.Object(
      { materials: Type.Boolean(), results: Type.Boolean() },
      { additionalProperties: false },
    ),
    places: Type.Array(Place, { minItems: 1 }),
    // Plain strings rather than required patterns: a draft may lack them, and the publication rules say
    // exactly what is missing instead of a schema error.
    enquiryPhone: Type.String(),
    complaintPhone: Type.String(),
    reviewAndLitigation: Type.Object(
      { review: Text, reviewEn: En, litigation: Text, litigationEn: En },
      { additionalProperties: false },
    ),
    result: Result,
    faq: Type.Array(Faq),
    onlineForm: Type.Optional(Slug),
    keywords: Type.Array(Text, { uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type ServiceItem = Static<typeof ServiceItem>;
