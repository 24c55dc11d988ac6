import Type from 'typebox';
import { defineContract } from './contract.ts';

export const directoryUnitKinds = [
  'bureau',
  'sub-bureau',
  'station',
  'community-office',
  'department',
  'traffic-site',
  'exit-entry-office',
] as const;

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/**
 * The workbench publishes a public-facing unit to the portal's directory (机构名录), whole, after every change:
 * on the stream `unit:<code>`, and the portal keeps the highest revision it has seen.
 */
export const directoryUnitPublished = defineContract({
  type: 'directory.unit.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      code: Type.String({ pattern: '^[A-Z0-9]+(?:-[A-Z0-9]+)*$', maxLength: 40 }),
      revision: Type.Integer({ minimum: 1 }),
      kind: Type.Enum(directoryUnitKinds),
      name: text(60),
      nameEn: Type.Union([text(120), Type.Null()]),
      // The unit above it, by name, so the page can say "明湖分局 · 湖滨派出所" without the portal knowing the tree.
      parentName: Type.Union([text(60), Type.Null()]),
      district: Type.String({ maxLength: 30 }),
      address: text(120),
      phone: text(30),
      hours: text(200),
      schedule: Type.String({ maxLength: 200 }),
      lat: Type.Number({ minimum: -90, maximum: 90 }),
      lng: Type.Number({ minimum: -180, maximum: 180 }),
      publishedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 4096,
});
