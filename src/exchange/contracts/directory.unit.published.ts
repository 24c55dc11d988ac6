import Type from 'typebox';
import {
  BEAT_MAX_LINES,
  BEAT_NAME_EN_MAX,
  BEAT_NAME_MAX,
  HOUSE_NUMBER_MAX,
} from '../../shared/directory/beat.ts';
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
const nameEn = Type.Union([Type.String({ minLength: 1, maxLength: BEAT_NAME_EN_MAX }), Type.Null()]);

/**
 * Version 1, without the responsibility area; still accepted from messages sent before version 2.
 * The workbench publishes a public-facing unit to the portal's directory (机构名录), whole, after every change:
 * on the stream `unit:<code>`, and the portal keeps the highest revision it has seen.
 */
export const directoryUnitPublishedV1 = defineContract({
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

const houseNumber = Type.Integer({ minimum: 1, maximum: HOUSE_NUMBER_MAX });

/** A community office's responsibility area (shared/directory/beat.ts), for 找片警. */
export const BeatShape = Type.Object(
  {
    roads: Type.Array(
      Type.Object(
        {
          road: text(BEAT_NAME_MAX),
          roadEn: nameEn,
          from: houseNumber,
          to: houseNumber,
          parity: Type.Enum(['all', 'odd', 'even']),
        },
        { additionalProperties: false },
      ),
      { maxItems: BEAT_MAX_LINES },
    ),
    places: Type.Array(Type.Object({ name: text(BEAT_NAME_MAX), nameEn }, { additionalProperties: false }), {
      maxItems: BEAT_MAX_LINES,
    }),
  },
  { additionalProperties: false },
);

/**
 * Version 2 adds, for a community office, the area it covers and its community officer: his name and badge
 * number only. The office's phone is the unit's `phone`; an officer's personal mobile has no field here, so
 * it cannot cross.
 */
export const directoryUnitPublished = defineContract({
  type: 'directory.unit.published',
  version: 2,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      ...directoryUnitPublishedV1.schema.properties,
      beat: Type.Union([BeatShape, Type.Null()]),
      officer: Type.Union([
        Type.Object(
          {
            name: text(30),
            badgeNo: Type.String({ pattern: '^[A-Z0-9]{2,12}$', maxLength: 12 }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    },
    { additionalProperties: false },
  ),
  maxBytes: 16384,
});
