import Type from 'typebox';
import { defineContract } from './contract.ts';
import { FileAttachment } from './file.ts';

/**
 * A picture an article or exhibit shows, crossing to the portal ahead of the article on the article's stream,
 * so the portal has it by the time the article goes live. Named by the hash of the workbench's copy, so the
 * same name is always the same picture (the sending zone re-encodes it once more, so the bytes that arrive
 * hash differently; the name stays the name). The relay checks that it is a PNG or JPEG without metadata; the portal keeps it under its
 * name and serves it as a picture and nothing else.
 */
export const contentImagePublished = defineContract({
  type: 'content.image.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      name: Type.String({ pattern: '^[0-9a-f]{32}\\.(?:png|jpg)$', maxLength: 40 }),
      file: FileAttachment,
    },
    { additionalProperties: false },
  ),
  // An upload is at most 2 MB before it is re-encoded; base64 adds a third.
  maxBytes: 3_000_000,
  files: ['file'],
});
