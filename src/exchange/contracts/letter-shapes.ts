import Type, { type Static } from 'typebox';

// Shapes the letter contracts share (警民互动): what kind of letter it is and what it is about, as the writer
// chose them in the portal; the workbench routes on them.

/** 局长信箱, consultation, complaint, suggestion, praise, request for help, tip or report (举报). */
export const letterKinds = [
  'director',
  'consultation',
  'complaint',
  'suggestion',
  'praise',
  'help',
  'tip',
] as const;
export type LetterKind = (typeof letterKinds)[number];
export const LetterKindSchema = Type.Enum(letterKinds);

/** What the letter is about: the police business it touches; police-conduct is about the police themselves. */
export const letterTopics = [
  'household',
  'exit-entry',
  'traffic',
  'public-order',
  'cyber',
  'fire',
  'narcotics',
  'police-conduct',
  'other',
] as const;
export type LetterTopic = (typeof letterTopics)[number];
export const LetterTopicSchema = Type.Enum(letterTopics);

/** Where a letter stands, as its writer sees it. */
export const publicLetterStatuses = [
  'submitted',
  'in-progress',
  'forwarded',
  'replied',
  'transferred',
] as const;
export type PublicLetterStatus = (typeof publicLetterStatuses)[number];
export const PublicLetterStatusSchema = Type.Enum(publicLetterStatuses);

/** Letter number: XJ, the Beijing date and eight random base32 characters, e.g. XJ-20261206-K3M9QX2A. */
export const LetterNumber = Type.String({ pattern: '^XJ-[0-9]{8}-[A-Z2-7]{8}$', maxLength: 20 });
export const LETTER_NUMBER_PATTERN = /^XJ-[0-9]{8}-[A-Z2-7]{8}$/;

/** The writer of a signed letter; an anonymous tip has none. */
export const LetterWriter = Type.Object(
  {
    citizenRef: Type.String({ format: 'uuid' }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    mobile: Type.String({ pattern: '^1[3-9][0-9]{9}$' }),
  },
  { additionalProperties: false },
);
export type LetterWriter = Static<typeof LetterWriter>;

/** A photo sent with a letter, by reference: its bytes cross on their own as attachment.submitted (tip-evidence). */
export const LetterPhotoRef = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    mediaType: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png')]),
    size: Type.Integer({ minimum: 1, maximum: 5 * 1024 * 1024 }),
  },
  { additionalProperties: false },
);
export type LetterPhotoRef = Static<typeof LetterPhotoRef>;
export const MAX_LETTER_PHOTOS = 5;

/** A point the writer gave with the place (WGS-84 degrees, typed; no map is offered). */
export const LetterLocation = Type.Object(
  {
    latitude: Type.Number({ minimum: -90, maximum: 90 }),
    longitude: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);
export type LetterLocation = Static<typeof LetterLocation>;
