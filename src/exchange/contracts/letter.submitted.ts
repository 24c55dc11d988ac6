import Type from 'typebox';
import { defineContract } from './contract.ts';
import {
  LetterKindSchema,
  LetterLocation,
  LetterNumber,
  LetterPhotoRef,
  LetterTopicSchema,
  LetterWriter,
  MAX_LETTER_PHOTOS,
} from './letter-shapes.ts';

/**
 * A letter to the police written in the portal (警民互动). The portal numbered it; the workbench routes it to
 * the responsible unit by its rules. `concernedUnit` is the writer's own words for a police unit a complaint or
 * tip is about, which the workbench matches against its unit tree so the letter never goes to that unit. Sent on
 * the stream `letter:<letterNumber>`, so the information added later never overtakes it; its photos follow on
 * the same stream as attachment.submitted (tip-evidence) with the ids listed here.
 */
export const letterSubmitted = defineContract({
  type: 'letter.submitted',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      letterNumber: LetterNumber,
      kind: LetterKindSchema,
      topic: LetterTopicSchema,
      subject: Type.String({ minLength: 1, maxLength: 100 }),
      body: Type.String({ minLength: 1, maxLength: 5000 }),
      // An address, or coordinates typed as text ("30.52, 114.31").
      place: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
      concernedUnit: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
      // Optional, so letters sent before photos and points existed still read.
      location: Type.Optional(LetterLocation),
      photos: Type.Optional(Type.Array(LetterPhotoRef, { maxItems: MAX_LETTER_PHOTOS })),
      // Whether the writer lets the reply be published (never for tips; checked again in the workbench).
      publishAllowed: Type.Boolean(),
      writer: Type.Union([LetterWriter, Type.Null()]),
      submittedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 32 * 1024,
});
