import Type from 'typebox';

// What the statistics routes accept. A unit code that cannot exist is looked up like any other and answers
// 404, so the param is a bounded string rather than a pattern.

const strict = { additionalProperties: false } as const;

export const StatisticsParams = Type.Object({ code: Type.String({ maxLength: 32 }) }, strict);

/** `/statistics`, which sends the officer on to his top unit: only the language asked for, kept on the way. */
export const StatisticsRootQuery = Type.Object(
  { lang: Type.Optional(Type.String({ maxLength: 8 })) },
  strict,
);

export const tableIds = ['months', 'units', 'services', 'ratings'] as const;
export type TableId = (typeof tableIds)[number];

/** The page, or one table as CSV, or every table as one Excel workbook. */
export const StatisticsQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('csv'), Type.Literal('xlsx')])),
    table: Type.Optional(Type.Union(tableIds.map((id) => Type.Literal(id)))),
  },
  strict,
);
