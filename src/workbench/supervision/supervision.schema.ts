import Type from 'typebox';

// What the supervision routes accept. A unit code or urging id that cannot exist is looked up like any other
// and answers 404, so the params are bounded strings rather than patterns.

const csrf = Type.Optional(Type.String({ maxLength: 128 }));
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const strict = { additionalProperties: false } as const;

export const UnitParams = Type.Object({ code: Type.String({ maxLength: 32 }) }, strict);
export const UrgingParams = Type.Object({ id: Type.String({ maxLength: 36 }) }, strict);

/** `/supervision`, which sends the officer on to his top unit: only the language asked for, kept on the way. */
export const RootQuery = Type.Object({ lang: text(8) }, strict);

const listFilter = {
  tone: Type.Optional(
    Type.Union([Type.Literal(''), Type.Literal('open'), Type.Literal('amber'), Type.Literal('red')]),
  ),
  service: text(64),
  step: text(32),
  // A badge number, or "-" for work nobody has claimed.
  officer: text(40),
};

export const ListQuery = Type.Object({ ...listFilter, page: text(6) }, strict);

/** Urging chosen cases of the list, or (all=1) every open case the list's filter finds. */
export const UrgeBody = Type.Object(
  {
    _csrf: csrf,
    ...listFilter,
    cases: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 48 }),
        Type.Array(Type.String({ maxLength: 48 }), { maxItems: 500 }),
      ]),
    ),
    all: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('1')])),
    replyDays: text(2),
    message: text(1000),
  },
  strict,
);

export const AnswerBody = Type.Object({ _csrf: csrf, reason: text(1000), promisedOn: text(10) }, strict);
