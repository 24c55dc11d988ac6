import Type from 'typebox';

// What the case routes accept. A case number or action that cannot exist is looked up like any other and
// answers 404, so the params are bounded strings rather than patterns.

const csrf = Type.Optional(Type.String({ maxLength: 128 }));
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const strict = { additionalProperties: false } as const;

export const CaseParams = Type.Object({ number: Type.String({ maxLength: 48 }) }, strict);
export const FileParams = Type.Object(
  { number: Type.String({ maxLength: 48 }), attachmentId: Type.String({ maxLength: 36 }) },
  strict,
);
export const ActionParams = Type.Object(
  { number: Type.String({ maxLength: 48 }), action: Type.String({ maxLength: 32 }) },
  strict,
);

export const QueueQuery = Type.Object(
  {
    // An unknown state or service finds nothing, as the filter form also sends an empty one for "all".
    state: text(32),
    service: text(64),
    claim: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('mine'), Type.Literal('unclaimed')])),
    overdue: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('1')])),
    // An applicant's ID number: found through its keyed hash, never stored or logged as typed.
    idNumber: text(18),
    // Where the page starts: after the case with this due date (empty when none runs) and number (keyset).
    after: Type.Optional(
      Type.String({ maxLength: 64, pattern: '^(?:(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?~[A-Z0-9-]{1,48})?$' }),
    ),
  },
  strict,
);

export const ClaimBody = Type.Object({ _csrf: csrf }, strict);
export const AssignBody = Type.Object({ _csrf: csrf, badgeNo: text(40) }, strict);

/**
 * An officer's step. A one-time notice names the chosen materials in `missing` (one value per ticked box) and
 * the problem with each in `problem-<code>`.
 */
export const ActionBody = Type.Object(
  {
    _csrf: csrf,
    message: text(2000),
    legalBasis: text(500),
    missing: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 48 }),
        Type.Array(Type.String({ maxLength: 48 }), { maxItems: 50 }),
      ]),
    ),
  },
  { additionalProperties: Type.String({ maxLength: 500 }) },
);
