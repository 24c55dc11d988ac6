import Type from 'typebox';
import { defineContract } from './contract.ts';
import { FileAttachment } from './file.ts';

/**
 * A blank form or a sample that a published guide links to, crossing to the portal ahead of the guide on the
 * guide's stream, so the portal has the file by the time the guide that names it goes live. The relay checks
 * that the file really is a PDF; the portal keeps the newest content under each path.
 */
export const catalogDocumentPublished = defineContract({
  type: 'catalog.document.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      path: Type.String({ pattern: '^(forms|samples)/[a-z0-9][a-z0-9-]{0,100}\\.pdf$' }),
      title: Type.String({ minLength: 2, maxLength: 60 }),
      kind: Type.Union([Type.Literal('form'), Type.Literal('sample')]),
      // Of the file's content; the portal uses it as the file's ETag and to skip a redelivered copy.
      sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      file: FileAttachment,
    },
    { additionalProperties: false },
  ),
  // A form or sample is one page, tens of kilobytes; the bound leaves room for a scanned replacement.
  maxBytes: 2_900_000,
  files: ['file'],
});
