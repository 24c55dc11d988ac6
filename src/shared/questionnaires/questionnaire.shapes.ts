import Type, { type Static } from 'typebox';

// Shapes the questionnaire contracts share: a questionnaire's definition as published, who it is for, and one
// response's answers. Question and option ids are short and stable inside one version, so conditions and
// answers name them rather than their words.

export const questionKinds = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** everyone; signed-in citizens; people who act for a company; people with a finished case. */
export const questionnaireAudiences = ['everyone', 'citizens', 'companies', 'finished-case'] as const;
export type QuestionnaireAudience = (typeof questionnaireAudiences)[number];

export const QUESTION_ID = '^q[1-9][0-9]?$';
export const OPTION_ID = '^o[1-9][0-9]?$';
export const MAX_QUESTIONS = 30;
export const MAX_OPTIONS = 12;
export const MAX_TEXT_ANSWER = 1000;

/** A text in Chinese and, where written, English ('' when not: the page shows the Chinese). */
const Words = (max: number) =>
  Type.Object(
    { zh: Type.String({ minLength: 1, maxLength: max }), en: Type.String({ maxLength: max }) },
    { additionalProperties: false },
  );

export const QuestionOption = Type.Object(
  { id: Type.String({ pattern: OPTION_ID, maxLength: 3 }), label: Words(100) },
  { additionalProperties: false },
);

/** Shown only when the earlier choice question `question` was answered with option `option`. */
export const QuestionCondition = Type.Object(
  {
    question: Type.String({ pattern: QUESTION_ID, maxLength: 3 }),
    option: Type.String({ pattern: OPTION_ID, maxLength: 3 }),
  },
  { additionalProperties: false },
);

export const Question = Type.Object(
  {
    id: Type.String({ pattern: QUESTION_ID, maxLength: 3 }),
    kind: Type.Enum(questionKinds),
    label: Words(200),
    required: Type.Boolean(),
    options: Type.Array(QuestionOption, { maxItems: MAX_OPTIONS }),
    showIf: Type.Union([QuestionCondition, Type.Null()]),
  },
  { additionalProperties: false },
);
export type Question = Static<typeof Question>;

export const QuestionnaireDefinition = Type.Object(
  {
    title: Type.Object(
      {
        zh: Type.String({ minLength: 1, maxLength: 100 }),
        en: Type.String({ minLength: 1, maxLength: 100 }),
      },
      { additionalProperties: false },
    ),
    intro: Type.Object(
      { zh: Type.String({ maxLength: 1000 }), en: Type.String({ maxLength: 1000 }) },
      { additionalProperties: false },
    ),
    questions: Type.Array(Question, { minItems: 1, maxItems: MAX_QUESTIONS }),
  },
  { additionalProperties: false },
);
export type QuestionnaireDefinition = Static<typeof QuestionnaireDefinition>;

/** One question's answer: the options chosen, the scale point, or the text; hidden questions have none. */
export const QuestionAnswer = Type.Object(
  {
    question: Type.String({ pattern: QUESTION_ID, maxLength: 3 }),
    choices: Type.Array(Type.String({ pattern: OPTION_ID, maxLength: 3 }), { maxItems: MAX_OPTIONS }),
    scale: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
    // The form counts characters (code points); a schema may count UTF-16 units, two for an emoji.
    text: Type.Union([Type.String({ minLength: 1, maxLength: MAX_TEXT_ANSWER * 2 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type QuestionAnswer = Static<typeof QuestionAnswer>;
