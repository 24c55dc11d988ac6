import Type from 'typebox';
import { defineContract } from './contract.ts';

// The bureau's figures for the public transparency page (数据公开), published once a day by the workbench: the
// last twelve Beijing months and the services most applied for. Counts and rates only: nothing about any one
// person, case or letter crosses.

const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$', maxLength: 7 });
const Count = Type.Integer({ minimum: 0, maximum: 100_000_000 });
// A rate in percent, or an average in days; null where there was nothing to measure.
const Measure = Type.Union([Type.Number({ minimum: 0, maximum: 100_000 }), Type.Null()]);

const figures = {
  applications: Count,
  concluded: Count,
  onTimeRate: Measure,
  avgCycleDays: Measure,
  zeroVisitRate: Measure,
  oneVisitRate: Measure,
  letters: Count,
  replyRate: Measure,
};

export const PublishedFigures = Type.Object(figures, { additionalProperties: false });

export const statisticsPublished = defineContract({
  type: 'statistics.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      // The Beijing date the figures run to; a later date replaces an earlier one, never the other way.
      asOf: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 }),
      publishedAt: Type.String({ format: 'date-time', maxLength: 40 }),
      bureau: Type.Object(
        { zh: Type.String({ maxLength: 100 }), en: Type.String({ maxLength: 200 }) },
        {
          additionalProperties: false,
        },
      ),
      total: PublishedFigures,
      months: Type.Array(Type.Object({ month: Month, ...figures }, { additionalProperties: false }), {
        maxItems: 12,
      }),
      services: Type.Array(
        Type.Object(
          {
            itemId: Type.String({ maxLength: 80 }),
            zh: Type.String({ maxLength: 200 }),
            en: Type.String({ maxLength: 300 }),
            ...figures,
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    },
    { additionalProperties: false },
  ),
  maxBytes: 32_000,
});
