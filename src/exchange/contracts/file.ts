import Type from 'typebox';

/**
 * A file inside a message. The relay checks the bytes, not the declared type: the content must be of an
 * allowed type and match what the sender declared, and images are decoded and re-encoded without metadata,
 * so nothing the sender put into the file's structure (EXIF, GPS, trailing data) reaches the other side.
 */
export const FileAttachment = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    declaredType: Type.String({ minLength: 3, maxLength: 100 }),
    // base64 of at most 5 MB of content.
    data: Type.String({ minLength: 1, maxLength: 7_000_000, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
  },
  { additionalProperties: false },
);
